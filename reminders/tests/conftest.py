from datetime import timedelta

import pytest

from events.models import Forum, Session
from events.tests.conftest import calendar_site  # noqa: F401
from registrations import services
from registrations.models import Registration
from registrations.tests.conftest import conference, make_conference  # noqa: F401
from reminders.services import send_due


def book(page, email, *, language="de", confirm=True, group=None, forums=None, name=None):
    """A registration as the form makes it, confirmed (the place is theirs) unless told."""
    registration, _created = services.register(
        page,
        details={"name": name or email.split("@")[0].title(), "email": email},
        forums=forums or {},
        language=language,
        consent_text="Ich bin einverstanden.",
        group=group,
    )
    if confirm:
        services.confirm_email(registration)
    return Registration.objects.get(pk=registration.pk)


def forums(page, *titles):
    found = {f.title: f for f in Forum.objects.filter(page_id=page.pk)}
    return {found[title].round_number: found[title] for title in titles}


def start_of(page):
    return Session.objects.filter(page_id=page.pk).order_by("starts_at").first().starts_at


def end_of(page):
    return Session.objects.filter(page_id=page.pk).order_by("-ends_at").first().ends_at


def run(now, capture, **kwargs):
    """``send_event_mails`` at ``now``, its e-mails sent (tests do not commit)."""
    with capture(execute=True):
        return send_due(now, **kwargs)


@pytest.fixture
def fachtag(calendar_site):  # noqa: F811
    """A conference 30 days ahead with room for everyone, at a place with an address."""
    place = calendar_site["wehlheiden"]
    place.street, place.postcode = "Kirchweg 5", "34119"
    place.accessibility_note = "Stufenloser Eingang über den Hof"
    place.save()
    return make_conference(
        calendar_site,
        title="Fachtag Frühe Hilfen",
        capacity=10,
        forums=[(1, "Forum A", None), (1, "Forum B", None), (2, "Forum C", None)],
        place=place,
    )


MINUTE = timedelta(minutes=1)
