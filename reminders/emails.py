"""The reminder, the session notice and the follow-up, as the participant reads them: plain
text in the language they registered in, like the registration e-mails.

Each is built when its task runs, from the ``Dispatch`` row that was written for it, so it
shows the event as it is then. One that is no longer true by then is not sent (a person who
cancelled meanwhile gets no reminder, nor a notice; a cancelled event no reminder).
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from checkin.certificates import attended
from core.mail import mail_builder
from events.models import EventStatus
from events.queries import entries_for, localized_places
from events.timetable import in_language
from registrations.calendars import page_in_language, personal_calendar, sessions_of
from registrations.emails import absolute, forum_lines
from registrations.forms import group_label
from registrations.links import personal_url
from registrations.models import Registration
from reminders.models import Dispatch
from reminders.services import mail_kind

SUBJECTS = {
    Dispatch.Kind.REMINDER: lambda: _("Reminder: %(title)s"),
    Dispatch.Kind.SESSION_CHANGED: lambda: _("A date is changed: %(title)s"),
    Dispatch.Kind.FOLLOW_UP: lambda: _("Thank you for taking part: %(title)s"),
}


# The states of an event its reminder mentions (with the editors' note).
NEWS = {EventStatus.POSTPONED, EventStatus.MOVED_ONLINE}


def dispatch_for(dispatch_id):
    """The row and its registration, or None when there is nobody to write to any more
    (deleted, anonymised, no longer booked)."""
    dispatch = (
        Dispatch.objects.select_related("registration__page", "session")
        .filter(pk=dispatch_id)
        .first()
    )
    if dispatch is None:
        return None
    registration = dispatch.registration
    if not registration.email or registration.status != Registration.Status.BOOKED:
        return None
    return dispatch


def page_address(page):
    return absolute(page.url or "")  # a full address already where several sites are served


def message(registration, kind, context, with_calendar=False):
    page = context["page"]
    context = {
        "registration": registration,
        "page_url": page_address(page),
        "manage_url": absolute(personal_url(registration, "registration_manage")),
        **context,
    }
    email = EmailMessage(
        subject=SUBJECTS[kind]() % {"title": page.title},
        body=render_to_string(f"reminders/email/{kind}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[registration.email],
        headers={"Content-Language": registration.language},
    )
    if with_calendar:
        calendar = personal_calendar(registration, page_address)
        email.attach("event.ics", calendar, "text/calendar")
    return email


def round_lines(registration, page):
    """The person's forums, one line per round with its name and time, in their language."""
    source = registration.page.specific
    rounds = {row.number: row for row in in_language(page, source, "rounds")}
    numbers = registration.choices.order_by("round_number").values_list("round_number", flat=True)
    lines = []
    for number, forum in zip(numbers, forum_lines(registration, page.locale), strict=True):
        slot = rounds.get(number)
        lines.append({"round": slot, "forum": forum})
    return lines


@mail_builder(mail_kind(Dispatch.Kind.REMINDER))
def build_reminder(dispatch_id):
    dispatch = dispatch_for(dispatch_id)
    if dispatch is None:
        return None
    registration = dispatch.registration
    source = registration.page.specific
    if source.status == EventStatus.CANCELLED:
        return None
    with translation.override(registration.language):
        page = page_in_language(source, registration.language)
        entries = [
            e for e in entries_for(sessions_of(registration), page.locale) if not e.is_cancelled
        ]
        if not entries:
            return None
        first = entries[0]
        online = source.status == EventStatus.MOVED_ONLINE
        return message(
            registration,
            Dispatch.Kind.REMINDER,
            {
                "page": page,
                "first": first,
                "count": len(entries),
                "place": None if online else first.place,
                "online_url": page.online_url or source.online_url,
                "status": source.get_status_display() if source.status in NEWS else "",
                "status_note": page.status_note if source.status in NEWS else "",
                "group": group_label(registration, page, source),
                "rounds": round_lines(registration, page),
            },
            with_calendar=True,
        )


@mail_builder(mail_kind(Dispatch.Kind.SESSION_CHANGED))
def build_notice(dispatch_id):
    dispatch = dispatch_for(dispatch_id)
    if dispatch is None:
        return None
    registration = dispatch.registration
    source = registration.page.specific
    included = dispatch.included.select_related("session")
    rows = [row for row in (dispatch, *included) if row.session_id]
    if not rows:  # the sessions were removed from the course meanwhile
        return None
    with translation.override(registration.language):
        page = page_in_language(source, registration.language)
        sessions = sorted((row.session for row in rows), key=lambda s: (s.starts_at, s.pk))
        entries = {e.session.pk: e for e in entries_for(sessions, page.locale)}
        befores = {row.session_id: row.before for row in rows}
        places = localized_places(
            {b["place_id"] for b in befores.values() if b.get("place_id")}, page.locale
        )
        changes = [
            described(entries[session.pk], befores[session.pk], places) for session in sessions
        ]
        return message(
            registration,
            Dispatch.Kind.SESSION_CHANGED,
            {
                "page": page,
                "changes": changes,
                "course_cancelled": source.status == EventStatus.CANCELLED,
                "status_note": page.status_note,
                "group": group_label(registration, page, source),
            },
            with_calendar=True,
        )


def described(entry, before, places):
    """What changed of one session: ``was`` (its time and place before), ``cancelled``,
    ``restored`` (takes place again), and whether its time or its place are new."""
    was_start = parse_datetime(before["starts_at"])
    was_end = parse_datetime(before["ends_at"])
    was_place = places.get(before.get("place_id"))  # None: no place, or one deleted since
    cancelled = entry.is_cancelled
    return {
        "entry": entry,
        "was_start": was_start,
        "was_end": was_end,
        "was_place": was_place,
        "cancelled": cancelled,
        "restored": not cancelled and before["status"] != entry.session.status,
        "new_time": (was_start, was_end) != (entry.session.starts_at, entry.session.ends_at),
        "new_place": before.get("place_id") != entry.session.place_id,
    }


@mail_builder(mail_kind(Dispatch.Kind.FOLLOW_UP))
def build_follow_up(dispatch_id):
    dispatch = dispatch_for(dispatch_id)
    if dispatch is None:
        return None
    registration = dispatch.registration
    source = registration.page.specific
    with translation.override(registration.language):
        page = page_in_language(source, registration.language)
        certificate = None
        if attended(registration).due:
            certificate = absolute(personal_url(registration, "registration_certificate"))
        return message(
            registration,
            Dispatch.Kind.FOLLOW_UP,
            {
                "page": page,
                "certificate_url": certificate,
                "survey_url": absolute(personal_url(registration, "feedback_survey")),
                "has_forums": registration.choices.exists(),
            },
        )
