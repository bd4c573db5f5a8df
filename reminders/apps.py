"""Reminders before an event, notices of changed course sessions, follow-ups after it.

``ready()`` registers the e-mail builders and tells a course's participants what a publish
changed. Its receiver is connected after the events app's (``INSTALLED_APPS`` lists events
first, and Django calls receivers in the order they were connected), so the sessions are
rewritten already when it compares them with what the participants were told.
"""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.signals import page_published


class RemindersConfig(AppConfig):
    name = "reminders"
    verbose_name = _("Reminders and follow-ups")

    def ready(self):
        # Imported once the app registry is ready: models, and modules that import them.
        from events.models import CoursePage
        from reminders import emails  # noqa: F401  (the e-mail builders)
        from reminders.signals import on_course_published

        page_published.connect(
            on_course_published, sender=CoursePage, dispatch_uid="reminders-session-notices"
        )
