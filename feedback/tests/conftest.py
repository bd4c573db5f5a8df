from datetime import timedelta

import pytest
from django.utils import timezone

from events.models import Forum, Session
from events.tests.conftest import calendar_site  # noqa: F401
from registrations import services
from registrations.models import Registration
from registrations.tests.conftest import conference  # noqa: F401


def book(page, name, email, *, language="de", forums=("Forum A", "Forum C")):
    """A booked, confirmed registration with a place in ``forums`` (one per round)."""
    chosen = {
        number: Forum.objects.get(page_id=page.pk, title=title)
        for number, title in enumerate(forums, start=1)
    }
    registration, _created = services.register(
        page,
        details={"name": name, "email": email},
        forums=chosen,
        language=language,
        consent_text="Ich bin einverstanden.",
    )
    services.confirm_email(registration)
    return Registration.objects.get(pk=registration.pk)


def begin(page, days_ago=0):
    """Move the event's dates so that it began (``days_ago`` days) before now."""
    start = timezone.now() - timedelta(days=days_ago, hours=3)
    Session.objects.filter(page_id=page.pk).update(
        starts_at=start, ends_at=start + timedelta(hours=8)
    )


@pytest.fixture
def held(conference):  # noqa: F811
    """The conference, begun, with Anna (Forum A and C) and Leyla (Forum B and D) booked."""
    anna = book(conference, "Anna Müller", "anna@example.org")
    leyla = book(conference, "Leyla Öztürk", "leyla@example.org", forums=("Forum B", "Forum D"))
    begin(conference)
    return {"page": conference, "anna": anna, "leyla": leyla}
