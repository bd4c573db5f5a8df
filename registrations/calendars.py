"""A participant's own calendar: the event's days (or the course's sessions) and the forums
they chose, at a personal link that follows their registration.

The same file is attached to the e-mails that confirm a place. Subscribed at its link, it
changes when they change forums (the old forum leaves, the new one arrives) and when they
cancel (every entry turns CANCELLED, so calendar apps strike it rather than keep a date the
person no longer has). It carries no personal data: the link is signed and unguessable like
the other personal links, and it names only the event and the forums.
"""

from core.i18n import content_language
from events.feeds import FeedBuilder
from events.ics import FeedWriter, conference_parts
from events.models import CalendarPage, Session
from events.queries import entries_for
from registrations.models import Registration

# (STATUS, how much SEQUENCE it adds): rising along a registration's way (waiting → booked
# → cancelled), so a calendar app takes each new state as newer than the last.
STATES = {
    "unconfirmed": ("TENTATIVE", 0),
    Registration.Status.WAITING: ("TENTATIVE", 0),
    Registration.Status.BOOKED: ("CONFIRMED", 1),
    Registration.Status.CANCELLED: ("CANCELLED", 2),
    Registration.Status.EXPIRED: ("CANCELLED", 2),
}


def page_in_language(page, language):
    """The live version of ``page`` in ``language``, else ``page`` (the German one)."""
    translated = (
        CalendarPage.objects.filter(
            translation_key=page.translation_key, locale__language_code=language, live=True
        )
        .select_related("locale")
        .first()
    )
    return (translated or page).specific


def sessions_of(registration):
    """The sessions a registration is for: the event's, or those of the course group."""
    sessions = Session.objects.filter(page=registration.page_id)
    if registration.group_key:
        sessions = sessions.filter(schedule_key=registration.group_key)
    return sessions


def state_of(registration):
    if registration.status == Registration.Status.BOOKED and not registration.is_confirmed:
        return STATES["unconfirmed"]
    return STATES[registration.status]


def personal_calendar(registration, url_for):
    """The participant's calendar as bytes; ``url_for(page)`` gives a page's address."""
    source = registration.page.specific
    page = page_in_language(source, registration.language)
    status, step = state_of(registration)
    builder = FeedBuilder(
        name=page.title,
        description=page.teaser,
        language=content_language(page),
        url=url_for(page),
    )
    writer = FeedWriter(builder, url_for, split_days=True)
    entries = entries_for(sessions_of(registration), page.locale, known={page, source})
    writer.add_entries(entries, status=status, extra_sequence=step)
    chosen = {  # the forums they have a place in (not those they still wait for)
        choice.seat.translation_key
        for choice in registration.choices.select_related("seat")
        if choice.seat_id
    }
    if chosen:
        parts = [part for part in conference_parts(page) if part.forum_key in chosen]
        writer.add_parts(page, parts, status=status, extra_sequence=step)
    return builder.render()
