"""A booked, confirmed participant of the demo's jubilee conference, for the browser tests
of what comes after the registration (the door, the feedback)."""

from events.models import EventPage, Forum
from registrations import services

JUBILEE = "jubilaeumstagung-qualitaetszirkel"


def book_jubilee(*, language, **details):
    """``(page, registration)``: booked in the first forum of each round, e-mail confirmed."""
    page = EventPage.objects.get(locale__language_code="de", slug=JUBILEE)
    forums = {}
    for forum in Forum.objects.filter(page=page).order_by("round_number", "sort_order"):
        forums.setdefault(forum.round_number, forum)
    registration, _created = services.register(
        page,
        details=details,
        forums=forums,
        language=language,
        consent_text=page.consent_text,
    )
    services.confirm_email(registration)
    return page, registration
