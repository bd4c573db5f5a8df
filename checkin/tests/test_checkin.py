"""Check-in at the door: the QR code's content, arriving once, and the organisers' page."""

import io
import json

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command

from checkin import services
from editorial.groups import EDITORS, ORGANISERS, setup
from events.models import Forum
from registrations import services as registrations
from registrations.emails import build_message
from registrations.links import personal_url
from registrations.management.commands.purge_registrations import anonymise
from registrations.models import Attendance, Registration
from registrations.passes import pass_code, registration_for_pass, revoke


def book(page, name, email, *, confirm=True, organisation=""):
    forums = {
        1: Forum.objects.get(page=page, title="Forum A" if "a" in email[:1] else "Forum B"),
        2: Forum.objects.get(page=page, title="Forum C" if "a" in email[:1] else "Forum D"),
    }
    registration, _created = registrations.register(
        page,
        details={"name": name, "email": email, "organisation": organisation},
        forums=forums,
        language="de",
        consent_text="Ich bin einverstanden.",
    )
    if confirm:
        registrations.confirm_email(registration)
    return Registration.objects.get(pk=registration.pk)


@pytest.fixture
def people(conference):
    anna = book(conference, "Anna Müller", "anna@example.org", organisation="Jugendamt Kassel")
    leyla = book(conference, "Leyla Öztürk-Yılmaz", "leyla@example.org")
    waiting = book(conference, "Wartende Person", "warten@example.org")
    return {"anna": anna, "leyla": leyla, "waiting": waiting}


@pytest.fixture
def organiser(client, db):
    setup()
    user = get_user_model().objects.create_user("einlass", "einlass@example.org", "x")
    user.groups.add(Group.objects.get(name=ORGANISERS))
    client.force_login(user)
    return client


def test_the_code_names_no_one_and_cannot_be_forged_or_reused_after_revoking(people):
    anna = people["anna"]
    code = pass_code(anna)
    assert "Anna" not in code and "anna@" not in code and anna.token not in code
    assert registration_for_pass(code) == anna
    number, rest = code.removeprefix("FH1:").split(".", 1)
    forged = f"FH1:{people['leyla'].pk}.{rest}"
    assert registration_for_pass(forged) is None
    assert registration_for_pass("https://example.org/anything") is None
    revoke(anna)
    assert registration_for_pass(code) is None
    assert registration_for_pass(pass_code(anna)) == anna


def test_arriving_twice_makes_one_arrival_and_says_when(people):
    anna = people["anna"]
    first = services.check_in(anna)
    second = services.check_in(anna)
    assert (first.state, second.state) == (services.CHECKED_IN, services.ALREADY)
    assert second.attendance.arrived_at == first.attendance.arrived_at
    assert Attendance.objects.filter(registration=anna).count() == 1


def test_a_second_device_that_lost_the_race_is_told_about_the_first(people):
    """The database decides: check_in does not look first, so a row written by another
    device a moment earlier meets the unique constraint, and the answer names its time."""
    anna = people["anna"]
    earlier = Attendance.objects.create(registration=anna)
    outcome = services.check_in(anna)
    assert outcome.state == services.ALREADY
    assert outcome.attendance.pk == earlier.pk


def test_only_booked_people_arrive_and_only_in_their_forum(people, conference):
    assert people["waiting"].status == Registration.Status.WAITING
    assert services.check_in(people["waiting"]).state == services.REFUSED
    forum_a = Forum.objects.get(page=conference, title="Forum A")
    forum_b = Forum.objects.get(page=conference, title="Forum B")
    assert services.check_in(people["anna"], forum=forum_a).state == services.CHECKED_IN
    assert services.check_in(people["anna"], forum=forum_b).state == services.REFUSED
    figures = services.figures(conference)
    assert (figures.booked, figures.arrived) == (2, 0)
    assert [(row.forum.title, row.arrived, row.booked) for row in figures.forums] == [
        ("Forum A", 1, 1),
        ("Forum B", 0, 1),
        ("Forum C", 0, 1),
        ("Forum D", 0, 1),
    ]


def test_the_door_is_for_organisers_only(client, conference, db):
    setup()
    user = get_user_model().objects.create_user("redakteurin", "r@example.org", "x")
    user.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(user)
    # Wagtail answers a refused admin view with the way back to the dashboard.
    for response in (
        client.get(f"/admin/check-in/{conference.pk}/"),
        client.post(f"/admin/check-in/{conference.pk}/scan/", {"code": "x"}),
        client.get("/admin/check-in/"),
    ):
        assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert "/admin/check-in/" not in client.get("/admin/").content.decode()


def test_scanning_checks_in_once_and_the_figures_follow(organiser, conference, people):
    url = f"/admin/check-in/{conference.pk}/scan/"
    code = pass_code(people["leyla"])
    first = json.loads(organiser.post(url, {"code": code}).content)
    assert first["state"] == "checked-in"
    assert "Eingecheckt um" in first["html"] and "Leyla Öztürk-Yılmaz" in first["html"]
    assert "Durchlauf 1: Forum B" in first["html"]
    second = json.loads(organiser.post(url, {"code": code}).content)
    assert second["state"] == "already" and "Schon eingecheckt um" in second["html"]
    foreign = json.loads(organiser.post(url, {"code": "FH1:1.1:forged"}).content)
    assert foreign["state"] == "refused" and "kein Einlass-Code" in foreign["html"]
    waiting = json.loads(organiser.post(url, {"code": pass_code(people["waiting"])}).content)
    assert waiting["state"] == "refused" and "Warteliste" in waiting["html"]
    figures = organiser.get(f"/admin/check-in/{conference.pk}/figures/").content.decode()
    assert "1 von 2 eingetroffen" in figures


def test_the_search_finds_names_whatever_the_case_of_their_letters(conference, people):
    assert services.search(conference, "öztürk") == [people["leyla"]]
    assert services.search(conference, "YILMAZ leyla") == [people["leyla"]]
    assert services.search(conference, "ozturk") == [people["leyla"]]
    assert services.search(conference, "jugendamt") == [people["anna"]]
    assert services.search(conference, "a") == []


def test_search_and_check_in_without_javascript(organiser, conference, people):
    page = organiser.get(f"/admin/check-in/{conference.pk}/", {"q": "müller"})
    html = page.content.decode()
    assert page["Permissions-Policy"].startswith("camera=(self)")
    assert "Anna Müller" in html and "Leyla" not in html
    response = organiser.post(
        f"/admin/check-in/{conference.pk}/mark/",
        {"registration": people["anna"].pk, "q": "müller & co"},
    )
    # Back to the same search, its words encoded in the address.
    assert response["Location"].endswith("?q=m%C3%BCller+%26+co")
    response = organiser.get(f"/admin/check-in/{conference.pk}/", {"q": "müller"})
    html = response.content.decode()
    assert "Anna Müller: Eingecheckt um" in html
    assert "Schon eingecheckt um" in html  # the search result now says so
    assert Attendance.objects.filter(registration=people["anna"]).count() == 1


def test_the_personal_page_and_the_booking_mail_carry_the_code(client, people):
    anna = people["anna"]
    html = client.get(personal_url(anna, "registration_manage")).content.decode()
    assert "Ihr QR-Code für den Einlass" in html and "<svg" in html
    waiting = client.get(personal_url(people["waiting"], "registration_manage")).content.decode()
    assert "Ihr QR-Code für den Einlass" not in waiting
    booked_mail = build_message(anna, "booked")
    assert "QR-Code für den Einlass hängt an" in booked_mail.body
    png = {name: content for name, content, _type in booked_mail.attachments}["check-in.png"]
    assert png[:8] == b"\x89PNG\r\n\x1a\n"


def test_arrivals_are_shown_in_person_data_and_name_nobody_after_the_purge(people, organiser):
    anna = people["anna"]
    user = get_user_model().objects.get(username="einlass")
    services.check_in(anna, user=user)
    out = io.StringIO()
    call_command("person_data", "anna@example.org", stdout=out)
    (data,) = json.loads(out.getvalue())
    assert data["arrived"][0]["forum"] is None and data["arrived"][0]["at"]
    anonymise(Registration.objects.filter(pk=anna.pk))
    attendance = Attendance.objects.get(registration=anna)
    assert attendance.checked_in_by is None
    assert Registration.objects.get(pk=anna.pk).name == ""


def walk_in(client, page, **fields):
    data = {f"walk_in-{name}": value for name, value in fields.items()}
    return client.post(f"/admin/check-in/{page.pk}/walk-in/", data, follow=True)


def test_someone_registered_at_the_door_is_booked_and_checked_in(organiser, conference):
    forum_b = Forum.objects.get(page=conference, title="Forum B")
    response = walk_in(
        organiser,
        conference,
        name="Jörg Nachzügler",
        organisation="Kita Nord",
        consent="on",
        forum_1=str(forum_b.pk),
    )
    assert response.status_code == 200
    assert "Jörg Nachzügler ist an der Tür angemeldet und um" in response.content.decode()
    registration = Registration.objects.get(name="Jörg Nachzügler")
    assert (registration.status, registration.email) == ("booked", "")
    assert registration.is_confirmed
    assert registration.choices.get().seat == forum_b
    assert Attendance.objects.filter(registration=registration).count() == 1


def test_a_walk_in_without_consent_or_name_stores_nothing_and_keeps_what_was_typed(
    organiser, conference
):
    response = walk_in(organiser, conference, name="", organisation="Kita Süd")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Dieses Feld muss ausgefüllt werden." in html
    assert 'value="Kita Süd"' in html
    assert not Registration.objects.filter(organisation="Kita Süd").exists()


def test_no_walk_in_when_the_event_is_full(organiser, conference, people):
    response = walk_in(organiser, conference, name="Zu spät", consent="on")
    assert response.status_code == 409
    assert "ausgebucht" in response.content.decode()
    assert not Registration.objects.filter(name="Zu spät").exists()


def test_a_doctor_gives_the_efn_at_the_door_or_when_registered_there(organiser, conference):
    conference.vnr = "2760602026000100017"
    conference.save_revision().publish()
    response = walk_in(
        organiser, conference, name="Dr. Efn", consent="on", efn="80 276 001 234567 4"
    )
    assert response.status_code == 400
    assert "letzte Ziffer" in response.content.decode()
    assert not Registration.objects.filter(name="Dr. Efn").exists()
    walk_in(organiser, conference, name="Dr. Efn", consent="on", efn="80 276 001 234567 3")
    assert Registration.objects.get(name="Dr. Efn").efn == "802760012345673"

    anna = book(conference, "Anna Müller", "anna@example.org")
    html = organiser.get(f"/admin/check-in/{conference.pk}/", {"q": "Anna"}).content.decode()
    assert "EFN speichern" in html
    url = f"/admin/check-in/{conference.pk}/efn/"
    refused = organiser.post(url, {"registration": anna.pk, "efn": "123"}, follow=True)
    assert "Eine EFN hat 15 Ziffern" in refused.content.decode()
    organiser.post(url, {"registration": anna.pk, "efn": "802760012345673"})
    assert Registration.objects.get(pk=anna.pk).efn == "802760012345673"
