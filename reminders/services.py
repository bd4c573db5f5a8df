"""What is due to be sent, and sending it exactly once.

Three kinds of e-mail come from here, worked out from the stored data whenever
``send_event_mails`` runs (every 15 minutes) rather than planned ahead, so an event moved,
cancelled or given another reminder time is simply seen as it is now:

- a **reminder** ``reminder_days`` before the event (a course: the first session of the
  person's group), to booked participants who confirmed their address before that moment
  (who got their place later has just been sent the same facts);
- a **session notice** when a published course's session is cancelled or moved: sent right
  after the publish (``reminders.apps``), and by the command if that was missed;
- a **follow-up** the morning after the event (a course: its last session), to those who
  were checked in, or to every booked participant where nobody was checked in at all.

Every e-mail is a ``Dispatch`` row written in the transaction that queues it
(``core.mail.send_after_commit``); the row's unique constraint lets exactly one of two runs
at the same moment in. Rows are written in one order (registration, then occasion), so two
runs on PostgreSQL wait for each other instead of deadlocking.
"""

import logging
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.db import IntegrityError, transaction
from django.db.models import F, Max, Min, Q
from django.utils import timezone

from core.mail import send_after_commit
from events.models import CoursePage, EventStatus, Session
from events.schedules import LOCAL_TZ
from registrations.models import Attendance, Registration
from reminders.models import Dispatch, KnownSession

logger = logging.getLogger(__name__)

REMINDER_HORIZON = timedelta(days=61)  # reminder_days is at most 60
FOLLOW_UP_HOUR = 9  # the follow-up goes in the morning after the last session
FOLLOW_UP_DAYS = 7  # and not at all once the event is more than a week past (a late first run)


@dataclass
class Due:
    """One e-mail to send: to ``registration``, for the occasion ``key``."""

    registration: Registration
    key: str
    changes: list = field(default_factory=list)  # session notices: the Change(s) it tells


@dataclass
class Change:
    """A session that changed since its participants heard of it; ``before``: its state
    then (``KnownSession``), as JSON."""

    session: Session
    before: dict


def mail_kind(kind):
    return f"reminders.{kind}"


def local_day(moment):
    return timezone.localtime(moment, LOCAL_TZ).date()


def placed_at(registration):
    """When the person was last sent their place with its dates: when they confirmed their
    address, or moved up from the waiting list."""
    moments = [m for m in (registration.email_confirmed_at, registration.promoted_at) if m]
    return max(moments) if moments else None


def _groups(sessions, value):
    """``{(page id, group key): value}`` of the sessions, per course group and, under the
    group key None, for the whole page (for registrations without a group): two queries."""
    by_group = sessions.values("page_id", "schedule_key").annotate(value=value)
    by_page = sessions.values("page_id").annotate(value=value)
    found = {(row["page_id"], row["schedule_key"]): row["value"] for row in by_group}
    found.update({(row["page_id"], None): row["value"] for row in by_page})
    return found


def _taking_place():
    """The sessions that take place, of published events and courses not cancelled."""
    return (
        Session.objects.filter(page__live=True, status=Session.Status.SCHEDULED)
        .exclude(page__status=EventStatus.CANCELLED)
        .order_by()
    )


def _booked(page_ids):
    return (
        Registration.objects.filter(page_id__in=page_ids, status=Registration.Status.BOOKED)
        .exclude(email="")
        .select_related("page")
        .order_by("pk")
    )


def _not_sent(kind, due):
    """``due`` without what an earlier run has sent already."""
    sent = set(
        Dispatch.objects.filter(
            kind=kind, registration_id__in={d.registration.pk for d in due}
        ).values_list("registration_id", "key")
    )
    return [d for d in due if (d.registration.pk, d.key) not in sent]


# --- reminders -----------------------------------------------------------------------------


def reminders_due(now=None):
    """Reminders to send now: four queries, whatever the number of events."""
    now = now or timezone.now()
    sessions = _taking_place().filter(page__reminder_days__gt=0)
    firsts = {
        group: start
        for group, start in _groups(sessions, Min("starts_at")).items()
        if now < start <= now + REMINDER_HORIZON
    }
    due = []
    for registration in _booked({page_id for page_id, _group in firsts}).filter(
        email_confirmed_at__isnull=False
    ):
        start = firsts.get((registration.page_id, registration.group_key))
        if start is None:
            continue
        moment = start - timedelta(days=registration.page.reminder_days)
        if moment <= now and placed_at(registration) <= moment:
            due.append(Due(registration, local_day(start).isoformat()))
    return _not_sent(Dispatch.Kind.REMINDER, due)


# --- follow-ups ----------------------------------------------------------------------------


def morning_after(end):
    return datetime.combine(local_day(end) + timedelta(days=1), time(FOLLOW_UP_HOUR), LOCAL_TZ)


def follow_ups_due(now=None):
    """Follow-ups to send now: five queries."""
    now = now or timezone.now()
    ended = _taking_place().filter(
        ends_at__gte=now - timedelta(days=FOLLOW_UP_DAYS + 2), ends_at__lte=now
    )
    sessions = _taking_place().filter(page_id__in=ended.values("page_id"))
    lasts = {
        group: end
        for group, end in _groups(sessions, Max("ends_at")).items()
        if morning_after(end) <= now < morning_after(end) + timedelta(days=FOLLOW_UP_DAYS)
    }
    pages = {page_id for page_id, _group in lasts}
    registrations = list(_booked(pages))
    arrived = set(
        Attendance.objects.filter(registration__page_id__in=pages).values_list(
            "registration_id", flat=True
        )
    )
    checked = {(r.page_id, r.group_key) for r in registrations if r.pk in arrived}
    due = []
    for registration in registrations:
        group = (registration.page_id, registration.group_key)
        if group not in lasts:
            continue
        if registration.pk in arrived or (group not in checked and registration.is_confirmed):
            due.append(Due(registration, local_day(lasts[group]).isoformat()))
    return _not_sent(Dispatch.Kind.FOLLOW_UP, due)


# --- session notices -----------------------------------------------------------------------

TOLD = ("starts_at", "ends_at", "place_id", "status")


def _state(session):
    return {
        "starts_at": session.starts_at.isoformat(),
        "ends_at": session.ends_at.isoformat(),
        "place_id": session.place_id,
        "status": session.status,
    }


def _known(session):
    return KnownSession(
        session=session,
        sequence=session.sequence,
        **{name: getattr(session, name) for name in TOLD},
    )


def session_changes(now=None, page=None):
    """``(changes, unknown)``: the future sessions of published courses (of ``page`` only,
    if given) that changed since their participants heard of them, and those never seen
    before (new ones; every session, the first time this runs), which are not news."""
    now = now or timezone.now()
    sessions = (
        Session.objects.filter(
            page_id__in=CoursePage.objects.filter(live=True).values("pk"), starts_at__gt=now
        )
        .filter(Q(known__isnull=True) | ~Q(known__sequence=F("sequence")))
        .select_related("known")
        .order_by("starts_at", "pk")
    )
    if page is not None:
        sessions = sessions.filter(page_id=page.pk)
    changes, unknown = [], []
    for session in sessions:
        known = getattr(session, "known", None)
        if known is None:
            unknown.append(session)
        elif any(getattr(known, name) != getattr(session, name) for name in TOLD):
            changes.append(Change(session, _state(known)))
        else:  # changed and changed back before anyone was told
            unknown.append(session)
    return changes, unknown


def notices_due(changes):
    """One e-mail per participant for all ``changes`` of their group: to those booked, who
    were sent their place before the session changed."""
    registrations = _booked({c.session.page_id for c in changes}).filter(
        email_confirmed_at__isnull=False
    )
    due = {}
    for registration in registrations:
        for change in changes:
            session = change.session
            if session.page_id != registration.page_id or (
                registration.group_key not in (None, session.schedule_key)
            ):
                continue
            if placed_at(registration) >= session.updated_at:
                continue
            item = due.setdefault(registration.pk, Due(registration, ""))
            item.changes.append(change)
    sent = set(
        Dispatch.objects.filter(
            kind=Dispatch.Kind.SESSION_CHANGED, registration_id__in=due
        ).values_list("registration_id", "key")
    )
    for item in due.values():
        item.changes = [
            c for c in item.changes if (item.registration.pk, notice_key(c.session)) not in sent
        ]
    return [item for item in due.values() if item.changes]


def notice_key(session):
    return f"{session.uid}#{session.sequence}"


def tell_session_changes(now=None, page=None, dry_run=False):
    """Send the notices of every changed session and remember the sessions as told; the
    number of e-mails queued (or due, with ``dry_run``)."""
    changes, unknown = session_changes(now, page)
    due = notices_due(changes) if changes else []
    if dry_run:
        return len(due)
    queued = 0
    with transaction.atomic():
        for item in due:
            queued += _send_notice(item)
        sessions = sorted([c.session for c in changes] + unknown, key=lambda s: s.pk)
        seen = [_known(session) for session in sessions]
        KnownSession.objects.bulk_create(
            seen,
            update_conflicts=True,
            unique_fields=["session"],
            update_fields=["sequence", *TOLD],
        )
    return queued


def _send_notice(item):
    """One e-mail for the changes told to one person: a row per session (the first one is
    the e-mail's), those another run wrote first left out."""
    first = None
    for change in item.changes:
        row = _record(
            item.registration,
            Dispatch.Kind.SESSION_CHANGED,
            notice_key(change.session),
            session=change.session,
            before=change.before,
            sent_with=first,
        )
        if row is not None and first is None:
            first = row
    if first is None:
        return 0
    send_after_commit(mail_kind(Dispatch.Kind.SESSION_CHANGED), first.pk)
    return 1


def after_publish(page):
    """Right after a course is published: tell its participants what changed. A failure
    here must not fail the publish (it is stored already); the next ``send_event_mails``
    finds what was not told."""
    try:
        with transaction.atomic():  # within a caller's transaction, a failure undoes only this
            tell_session_changes(page=page)
    except Exception:
        logger.exception("session notices for page %s left to send_event_mails", page.pk)


# --- sending -------------------------------------------------------------------------------


def _record(registration, kind, key, **fields):
    """The new row, or None where another run has written it first."""
    try:
        with transaction.atomic():
            return Dispatch.objects.create(registration=registration, kind=kind, key=key, **fields)
    except IntegrityError:
        return None


def send(kind, due):
    """Write a row for each of ``due`` and queue its e-mail, in one transaction; the number
    queued (less than ``len(due)`` where another run was first)."""
    queued = 0
    with transaction.atomic():
        for item in sorted(due, key=lambda d: (d.registration.pk, d.key)):
            row = _record(item.registration, kind, item.key)
            if row is not None:
                send_after_commit(mail_kind(kind), row.pk)
                queued += 1
    return queued


@dataclass
class Counts:
    reminders: int = 0
    follow_ups: int = 0
    notices: int = 0


def send_due(now=None, dry_run=False):
    """Everything due now (``send_event_mails``): what was queued, or would be."""
    now = now or timezone.now()
    reminders = reminders_due(now)
    follow_ups = follow_ups_due(now)
    if dry_run:
        return Counts(len(reminders), len(follow_ups), tell_session_changes(now, dry_run=True))
    return Counts(
        reminders=send(Dispatch.Kind.REMINDER, reminders),
        follow_ups=send(Dispatch.Kind.FOLLOW_UP, follow_ups),
        notices=tell_session_changes(now),
    )
