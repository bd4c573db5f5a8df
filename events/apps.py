from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events and courses")

    def ready(self):
        # Imported here, once the app registry is ready: models and signals of this app.
        from django.db.models.signals import post_save
        from wagtail.signals import page_published, page_unpublished

        from directory.models import Place
        from events import sections  # noqa: F401  (registers the home and programme sections)
        from events.models import CoursePage, EventPage
        from events.sessions import on_page_published, on_page_unpublished, on_place_saved

        for model in (EventPage, CoursePage):
            page_published.connect(
                on_page_published, sender=model, dispatch_uid=f"sessions-{model.__name__}"
            )
            page_unpublished.connect(
                on_page_unpublished, sender=model, dispatch_uid=f"revision-{model.__name__}"
            )
        post_save.connect(on_place_saved, sender=Place, dispatch_uid="revision-place")
