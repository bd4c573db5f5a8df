"""Arrivals at the door: checking a participant in once, and the figures the organisers watch.

Several devices at the door may scan the same code at the same moment. The database decides
(``Attendance``'s unique constraints): exactly one arrival is written, and every other
device is told when it was. Only booked registrations can arrive; someone on the waiting
list, cancelled or expired is refused with the reason, so the person at the door can help.
"""

import unicodedata
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone

from events.models import Forum
from registrations.models import Attendance, ForumChoice, Registration

CHECKED_IN = "checked-in"
ALREADY = "already"
REFUSED = "refused"


@dataclass
class Outcome:
    state: str  # CHECKED_IN, ALREADY or REFUSED
    registration: Registration
    attendance: Attendance | None = None


def check_in(registration, *, user=None, forum=None, session=None, now=None):
    """Mark ``registration`` as arrived (at ``forum`` or a course's ``session``, if given),
    once."""
    if registration.status != Registration.Status.BOOKED:
        return Outcome(REFUSED, registration)
    if forum is not None and not seated_in(registration, forum):
        return Outcome(REFUSED, registration)
    if session is not None and session.page_id != registration.page_id:
        return Outcome(REFUSED, registration)
    try:
        with transaction.atomic():
            attendance = Attendance.objects.create(
                registration=registration,
                forum=forum,
                session=session,
                arrived_at=now or timezone.now(),
                checked_in_by=user if user is not None and user.is_authenticated else None,
            )
    except IntegrityError:
        earlier = Attendance.objects.get(registration=registration, forum=forum, session=session)
        return Outcome(ALREADY, registration, earlier)
    return Outcome(CHECKED_IN, registration, attendance)


def seated_in(registration, forum):
    return ForumChoice.objects.filter(registration=registration, seat=forum).exists()


def arrival(registration, forum=None, session=None):
    return Attendance.objects.filter(
        registration=registration, forum=forum, session=session
    ).first()


@dataclass
class ForumFigures:
    forum: Forum
    booked: int
    arrived: int


@dataclass
class Figures:
    booked: int
    arrived: int
    forums: list


def figures(page, session=None):
    """Arrived / booked for the event and for each of its forums (three queries), or for
    one session of a course (two)."""
    booked = Registration.objects.filter(page=page, status=Registration.Status.BOOKED)
    if session is not None:
        booked = booked.filter(Q(group_key=None) | Q(group_key=session.schedule_key))
        arrived = Attendance.objects.filter(session=session, registration__in=booked)
        return Figures(booked=booked.count(), arrived=arrived.count(), forums=[])
    totals = booked.aggregate(
        booked=Count("pk", distinct=True),
        arrived=Count(
            "attendances",
            filter=Q(attendances__forum__isnull=True, attendances__session__isnull=True),
            distinct=True,
        ),
    )
    forums = list(
        Forum.objects.filter(page=page)
        .annotate(
            booked=Count(
                "seats",
                filter=Q(seats__registration__status=Registration.Status.BOOKED),
                distinct=True,
            ),
        )
        .order_by("round_number", "sort_order", "pk")
    )
    arrived = dict(
        Attendance.objects.filter(forum__page=page, registration__status="booked")
        .values("forum_id")
        .annotate(n=Count("pk"))
        .values_list("forum_id", "n")
    )
    return Figures(
        booked=totals["booked"],
        arrived=totals["arrived"],
        forums=[ForumFigures(f, f.booked, arrived.get(f.pk, 0)) for f in forums],
    )


def folded(text):
    """``text`` in lower case without accents (the Turkish dotless ı as i)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().replace("ı", "i"))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def search(page, query, limit=20):
    """Registrations of ``page`` whose name, organisation or e-mail contain every word of
    ``query``, whatever the case and accents ("öztürk" or "ozturk" finds "Öztürk", "yilmaz"
    finds "Yılmaz": typed on a German keyboard at the door).

    Matched in Python on the event's registrations (a few hundred at most, read as three
    columns): SQLite's LIKE and LOWER fold ASCII letters only, and the door must find the
    same people on SQLite as on PostgreSQL."""
    words = folded(query or "").split()
    if not words or len(" ".join(words)) < 2:
        return []
    rows = (
        Registration.objects.filter(page=page)
        .exclude(status=Registration.Status.EXPIRED)
        .values_list("pk", "name", "organisation", "email")
    )
    found = [pk for pk, *texts in rows if all(word in folded(" ".join(texts)) for word in words)]
    return list(Registration.objects.filter(pk__in=found).order_by("name", "pk")[:limit])
