"""Writing a calendar page's sessions when its German version is published.

Sessions belong to the page in the default language; every translation shows the same rows.
A session's iCal UID is made once and never changes while the session is part of the plan:

- a course session is keyed by its schedule and planned *date*, so moving a series to
  another time or place keeps every key;
- when a schedule's dates change (Tuesdays become Wednesdays, the series starts a week
  later), sessions that left the plan hand their rows, UIDs included, to the new dates of
  the same schedule in order, so subscribed calendars move their entries instead of
  deleting them and adding new ones (and losing their reminders);
- a date added to or removed from a series leaves every other session as it was.

When its time, place or status changes, a session's SEQUENCE rises, so calendar apps
replace their copy.
"""

from django.db import transaction
from wagtail.models import Locale

from directory.models import Place
from events.ics import note_place_changed, note_published, note_unpublished
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
    plans = planned_sessions(page)
    reused = _reusable(existing, plans)
    keep = set()
    for plan in plans:
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
        session = existing.get(plan.key) or reused.get(plan.key)
        if session is None:
            Session.objects.create(
                page=page,
                key=plan.key,
                uid=f"{page.translation_key}.{plan.key.replace('/', '.')}@{uid_domain()}",
                **values,
            )
            continue
        changed = any(getattr(session, name) != values[name] for name in TRACKED)
        differs = session.key != plan.key or any(
            getattr(session, name) != value for name, value in values.items()
        )
        if differs:
            for name, value in values.items():
                setattr(session, name, value)
            session.key = plan.key
            if changed:
                session.sequence += 1
            session.save()
    Session.objects.filter(page=page).exclude(key__in=keep).delete()


def _reusable(existing, plans):
    """``{new key: session}`` for sessions whose key left the plan while the same schedule
    gained new keys: paired in date order, so the rows (and UIDs) move with the dates."""
    planned = {plan.key for plan in plans}
    leaving, arriving = {}, {}
    for session in sorted(existing.values(), key=lambda s: (s.original_start, s.key)):
        if session.key not in planned and session.schedule_key is not None:
            leaving.setdefault(session.schedule_key, []).append(session)
    for plan in plans:  # in date order within each schedule
        if plan.key not in existing and plan.schedule_key is not None:
            arriving.setdefault(plan.schedule_key, []).append(plan.key)
    return {
        key: session
        for schedule_key, keys in arriving.items()
        for key, session in zip(keys, leaving.get(schedule_key, ()), strict=False)
    }


def on_page_published(sender, instance, **kwargs):
    sync_sessions(instance)
    note_published(instance)


def on_page_unpublished(sender, instance, **kwargs):
    note_unpublished(instance)


def on_place_saving(sender, instance, raw=False, **kwargs):
    """Before a place is saved: a new name or address (what feeds show of it) raises the
    revision of the pages that meet there; a new note or map position does not."""
    if raw or instance.pk is None:
        return
    before = Place.objects.filter(pk=instance.pk).first()
    if before is not None and (before.name, before.address_line) != (
        instance.name,
        instance.address_line,
    ):
        note_place_changed(instance)
