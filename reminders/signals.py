"""Right after a course is published, its participants hear what changed of their dates."""

from events.sessions import owns_sessions
from reminders.services import after_publish


def on_course_published(sender, instance, **kwargs):
    if owns_sessions(instance):  # a translation's publish changes no session
        after_publish(instance)
