"""Writing a calendar page's sessions when its German version is published.

Sessions belong to the page in the default language; every translation shows the same rows.
A session keeps its key, and so its iCal UID, for as long as it is part of the plan; when its
time, place or status changes, its SEQUENCE rises so calendar apps replace their copy.
"""

from django.db import transaction
from wagtail.models import Locale

from events.models import (
    MAX_SESSIONS_PER_SCHEDULE,
    CoursePage,
    EventPage,
    EventStatus,
    Session,
    uid_domain,
)
from events.schedules import PlannedSession, plan_schedule

TRACKED = ("starts_at", "ends_at", "place_id", "status")


def planned_sessions(page):
    if isinstance(page, EventPage):
        return [
            PlannedSession(
                key="event",
                schedule_key=None,
                original_start=page.start,
                starts_at=page.start,
                ends_at=page.end,
                place_id=page.place_id,
            )
        ]
    if isinstance(page, CoursePage):
        exceptions = list(page.exceptions.all())
        planned = []
        for schedule in page.schedules.all():
            planned += plan_schedule(
                schedule,
                default_place_id=page.place_id,
                exceptions=exceptions,
                limit=MAX_SESSIONS_PER_SCHEDULE,
            )
        return planned
    return []


def owns_sessions(page):
    """Only the default-language version of a page writes sessions."""
    return page.locale_id == Locale.get_default().pk


@transaction.atomic
def sync_sessions(page):
    page = page.specific
    if not owns_sessions(page):
        return
    page_cancelled = page.status == EventStatus.CANCELLED
    existing = {s.key: s for s in Session.objects.select_for_update().filter(page=page)}
    keep = set()
    for plan in planned_sessions(page):
        keep.add(plan.key)
        values = {
            "schedule_key": plan.schedule_key,
            "original_start": plan.original_start,
            "starts_at": plan.starts_at,
            "ends_at": plan.ends_at,
            "place_id": plan.place_id,
            "status": (
                Session.Status.CANCELLED
                if plan.cancelled or page_cancelled
                else Session.Status.SCHEDULED
            ),
            "exception_key": plan.exception_key,
            "is_moved": plan.moved,
        }
        session = existing.get(plan.key)
        if session is None:
            Session.objects.create(
                page=page,
                key=plan.key,
                uid=f"{page.translation_key}.{plan.key.replace('/', '.')}@{uid_domain()}",
                **values,
            )
            continue
        changed = any(getattr(session, name) != values[name] for name in TRACKED)
        differs = any(getattr(session, name) != value for name, value in values.items())
        if differs:
            for name, value in values.items():
                setattr(session, name, value)
            if changed:
                session.sequence += 1
            session.save()
    Session.objects.filter(page=page).exclude(key__in=keep).delete()


def on_page_published(sender, instance, **kwargs):
    sync_sessions(instance)
