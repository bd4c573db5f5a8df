from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events and courses")

    def ready(self):
        from wagtail.signals import page_published

        from events import sections  # noqa: F401  (registers the home and programme sections)
        from events.models import CoursePage, EventPage
        from events.sessions import on_page_published

        for model in (EventPage, CoursePage):
            page_published.connect(
                on_page_published, sender=model, dispatch_uid=f"sessions-{model.__name__}"
            )
