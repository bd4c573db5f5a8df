"""Organisers see and export registrations; page editors do not. Old personal data goes."""

import csv
import io
from datetime import timedelta

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.utils import timezone

from editorial.groups import ORGANISERS
from editorial.groups import setup as setup_groups
from registrations import services
from registrations.models import ForumChoice, Registration
from registrations.tests.conftest import forum_key  # noqa: F401


@pytest.fixture
def registered(conference, settings):
    settings.RATELIMIT_ENABLE = False
    forums = {
        1: conference.forums.model.objects.get(page_id=conference.pk, title="Forum A"),
        2: conference.forums.model.objects.get(page_id=conference.pk, title="Forum C"),
    }
    registration, _ = services.register(
        conference,
        details={"name": "Anna Beispiel", "email": "anna@example.org", "organisation": "Jugendamt"},
        forums=forums,
        language="de",
        consent_text="Ich bin einverstanden.",
    )
    return registration


def user_in(group_name=None, *, editor=False):
    user = get_user_model().objects.create_user(
        f"user-{group_name or 'editor'}", "u@example.org", "pw"
    )
    if group_name:
        setup_groups()
        user.groups.add(Group.objects.get(name=group_name))
    if editor:
        user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


def test_organisers_see_and_export_registrations(client, registered):
    client.force_login(user_in(ORGANISERS))
    listing = client.get("/admin/registrations/")
    assert listing.status_code == 200
    assert "anna@example.org" in listing.content.decode()
    export = client.get("/admin/registrations/?export=csv")
    assert export.status_code == 200
    assert export["Content-Type"] == "text/csv; charset=utf-8"
    data = export.getvalue()
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM: German Excel shows the umlauts
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    heading, row = rows[0], dict(zip(rows[0], rows[1], strict=True))
    assert heading[:3] == ["Veranstaltung oder Kurs", "Name", "E-Mail"]
    assert row["E-Mail"] == "anna@example.org"
    assert row["Foren"] == "Forum A; Forum C"
    assert row["Status"] == "Platz reserviert, E-Mail-Adresse noch nicht bestätigt"
    assert row["Sprache"] == "Deutsch"
    local = timezone.localtime(registered.created_at)
    assert row["Angemeldet am"] == local.strftime("%d.%m.%Y %H:%M")  # local, to the minute
    xlsx = client.get("/admin/registrations/?export=xlsx")
    assert xlsx.status_code == 200
    workbook = xlsx.getvalue()  # streamed: read once
    assert workbook[:2] == b"PK"  # a zip container, as XLSX files are
    sheet = openpyxl.load_workbook(io.BytesIO(workbook)).active
    cells = {sheet.cell(1, column).value: sheet.cell(2, column).value for column in range(1, 15)}
    assert cells["Angemeldet am"] == local.replace(tzinfo=None, second=0, microsecond=0)


def test_the_export_neutralises_what_a_spreadsheet_would_run_as_a_formula(client, registered):
    Registration.objects.filter(pk=registered.pk).update(
        name='=HYPERLINK("http://evil.example","Hier klicken")', organisation="@SUM(1+1)"
    )
    client.force_login(user_in(ORGANISERS))
    data = client.get("/admin/registrations/?export=csv").getvalue().decode("utf-8-sig")
    row = dict(zip(*list(csv.reader(io.StringIO(data), delimiter=";"))[:2], strict=True))
    assert row["Name"] == '\'=HYPERLINK("http://evil.example","Hier klicken")'
    assert row["Organisation"] == "'@SUM(1+1)"
    xlsx = client.get("/admin/registrations/?export=xlsx").getvalue()
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx)).active
    names = [cell.value for cell in sheet[2]]
    assert names[1].startswith("=HYPERLINK")  # stored as text, not as a formula
    assert sheet.cell(2, 2).data_type == "s"


def test_page_editors_without_the_group_see_nothing(client, registered):
    client.force_login(user_in(editor=True))
    response = client.get("/admin/registrations/")
    assert response.status_code in (302, 403)
    assert "anna@example.org" not in response.content.decode()
    export = client.get("/admin/registrations/?export=csv")
    assert "anna@example.org" not in export.content.decode(errors="ignore")


def test_retention_anonymises_old_registrations_and_keeps_the_counts(registered, conference):
    from events.models import Session

    Session.objects.filter(page=conference).update(
        starts_at=timezone.now() - timedelta(days=200),
        ends_at=timezone.now() - timedelta(days=200),
    )
    call_command("purge_registrations", "--days", "90", verbosity=0)
    registration = Registration.objects.get()
    assert registration.email == "" and registration.name == "" and registration.organisation == ""
    assert registration.status == "booked"
    assert ForumChoice.objects.filter(registration=registration).count() == 2


def test_retention_leaves_current_events_alone(registered):
    call_command("purge_registrations", "--days", "90", verbosity=0)
    assert Registration.objects.get().email == "anna@example.org"


def test_expire_command_frees_places(registered, conference):
    Registration.objects.update(hold_until=timezone.now() - timedelta(minutes=1))
    call_command("expire_registrations", verbosity=0)
    assert Registration.objects.get().status == "expired"


def test_a_person_can_see_and_erase_their_data(registered):
    out = io.StringIO()
    call_command("person_data", "ANNA@example.org", stdout=out)
    assert '"organisation": "Jugendamt"' in out.getvalue()
    call_command(
        "person_data", "anna@example.org", "--delete", stdout=io.StringIO(), stderr=io.StringIO()
    )
    assert not Registration.objects.filter(email="anna@example.org").exists()


def test_organisers_filter_by_forum(client, registered, conference):
    from events.models import Forum

    client.force_login(user_in(ORGANISERS))
    forum_a = Forum.objects.get(page_id=conference.pk, title="Forum A")
    forum_b = Forum.objects.get(page_id=conference.pk, title="Forum B")
    assert (
        "anna@example.org"
        in client.get(f"/admin/registrations/?choices__forum={forum_a.pk}").content.decode()
    )
    assert (
        "anna@example.org"
        not in client.get(f"/admin/registrations/?choices__forum={forum_b.pk}").content.decode()
    )
    # Who is in a forum (has a place there), for the forum's own list and export.
    in_a = client.get(f"/admin/registrations/?choices__seat={forum_a.pk}&export=csv")
    assert "anna@example.org" in in_a.getvalue().decode("utf-8-sig")
    in_b = client.get(f"/admin/registrations/?choices__seat={forum_b.pk}&export=csv")
    assert "anna@example.org" not in in_b.getvalue().decode("utf-8-sig")


def test_an_organiser_cancelling_in_the_admin_gives_the_place_to_the_first_waiting(
    client, registered, conference, django_capture_on_commit_callbacks
):
    from django.core import mail

    forums = {
        1: conference.forums.model.objects.get(page_id=conference.pk, title="Forum A"),
        2: conference.forums.model.objects.get(page_id=conference.pk, title="Forum C"),
    }
    conference.registration_capacity = 1
    conference.save_revision().publish()
    waiting, _ = services.register(
        conference,
        details={"name": "Ben Beispiel", "email": "ben@example.org", "organisation": "Kita"},
        forums=forums,
        language="de",
        consent_text="Ich bin einverstanden.",
    )
    services.confirm_email(registered)
    services.confirm_email(waiting)
    assert Registration.objects.get(pk=waiting.pk).status == Registration.Status.WAITING
    mail.outbox.clear()

    client.force_login(user_in(ORGANISERS))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/registrations/edit/{registered.pk}/",
            {
                "status": Registration.Status.CANCELLED,
                "name": "Anna Beispiel",
                "organisation": "Jugendamt",
                "profession": "",
            },
        )
    assert response.status_code == 302
    assert Registration.objects.get(pk=registered.pk).status == Registration.Status.CANCELLED
    assert Registration.objects.get(pk=registered.pk).cancelled_at is not None
    assert Registration.objects.get(pk=waiting.pk).status == Registration.Status.BOOKED
    assert sorted(message.to[0] for message in mail.outbox) == [
        "anna@example.org",
        "ben@example.org",
    ]


def test_nobody_adds_or_copies_a_registration_in_the_admin(client, registered):
    """Registrations come through the public form; a superuser neither gets an empty one."""
    client.force_login(
        get_user_model().objects.create_superuser("chefin", "chefin@example.org", "pw")
    )
    listing = client.get("/admin/registrations/").content.decode()
    assert "Anna Beispiel" in listing
    assert "/admin/registrations/new/" not in listing
    assert "/admin/registrations/copy/" not in listing
    response = client.get("/admin/registrations/new/")
    assert response.status_code in (302, 403)
    response = client.post("/admin/registrations/new/", {"name": "Leer", "status": "booked"})
    assert response.status_code in (302, 403)
    assert not Registration.objects.filter(name="Leer").exists()
