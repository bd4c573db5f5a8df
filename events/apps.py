"""The events app: the calendar, events and courses, their sessions and feeds.

Page models and the modules that present them: ``events.models`` must not import a module
that imports it (``events.views``, ``events.presenters`` query its models). Where a page
needs such a module, ``models.py`` declares the attribute with ``None`` and ``ready()`` below
binds it. Every app with pages does it the same way (see tests/test_layering.py).
"""

from django.apps import AppConfig
from django.db.models.signals import pre_save
from django.utils.translation import gettext_lazy as _
from wagtail.signals import page_published, page_unpublished


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events and courses")

    def ready(self):
        # Imported once the app registry is ready: models, and modules that import them.
        from directory.models import Place
        from events import presenters, sections  # noqa: F401  (sections: registers slots)
        from events.models import CalendarPage, CoursePage, EventIndexPage, EventPage
        from events.sessions import on_page_published, on_page_unpublished, on_place_saving

        EventIndexPage.calendar_context = staticmethod(presenters.calendar_context)
        EventIndexPage.archive_context = staticmethod(presenters.archive_context)
        CalendarPage.detail_class = presenters.CalendarEntryDetail

        for model in (EventPage, CoursePage):
            page_published.connect(
                on_page_published, sender=model, dispatch_uid=f"sessions-{model.__name__}"
            )
            page_unpublished.connect(
                on_page_unpublished, sender=model, dispatch_uid=f"revision-{model.__name__}"
            )
        pre_save.connect(on_place_saving, sender=Place, dispatch_uid="revision-place")
