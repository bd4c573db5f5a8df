"""The course editor's session preview: the dates a schedule will create, before publishing,
with the public and school holidays of the place's Land marked and offered as exceptions."""

import re

import pytest
from django.contrib.auth import get_user_model

from tests.factories import DistrictFactory, PlaceFactory

URL = "/admin/course-schedules/preview/"


@pytest.fixture
def editor_client(client, db):
    client.force_login(get_user_model().objects.create_superuser("vorschau", "v@example.org", "x"))
    return client


@pytest.fixture
def kassel_place(db):
    district = DistrictFactory(name="Stadt Kassel", slug="stadt-kassel", state="Hessen")
    return PlaceFactory(name="Familienzentrum Wehlheiden", district=district)


def preview(client, place=None, exceptions=(), **fields):
    """Mondays and Fridays from 15 March 2027, eight times: across Easter 2027."""
    params = {
        "prefix": "schedules-0",
        "schedules-0-first_date": "2027-03-15",
        "schedules-0-start_time": "16:00",
        "schedules-0-duration": "90",
        "schedules-0-recurrence_freq": "WEEKLY",
        "schedules-0-recurrence_interval": "1",
        "schedules-0-recurrence_byday": ["MO", "FR"],
        "schedules-0-recurrence_count": "8",
        "course_place": str(place.pk) if place else "",
        "exception": list(exceptions),
    }
    params.update({f"schedules-0-{name}": value for name, value in fields.items()})
    response = client.get(URL, params)
    assert response.status_code == 200
    return response.content.decode()


def rows(html):
    """The table's rows as text, one string per session."""
    found = re.findall(r"<tr[^>]*>(.*?)</tr>", html, flags=re.S)[1:]
    return [" ".join(re.sub(r"<[^>]+>", " ", row).split()) for row in found]


def test_a_course_in_hessen_across_easter_marks_karfreitag_and_ostermontag(
    editor_client, kassel_place
):
    html = preview(editor_client, kassel_place)
    sessions = rows(html)
    assert len(sessions) == 8
    assert sessions[0].startswith("1 Montag, 15.03.2027 16:00–17:30")
    assert "Freitag, 26.03.2027" in sessions[3] and "Feiertag: Karfreitag" in sessions[3]
    assert "Montag, 29.03.2027" in sessions[4] and "Feiertag: Ostermontag" in sessions[4]
    # Hessen's Easter school holidays (22 March to 2 April 2027) are marked too; the weeks
    # around them are not.
    assert all("Schulferien" in row for row in sessions[2:6])
    assert not any("Schulferien" in row for row in sessions[:2] + sessions[6:])
    assert "8 Termine" in html and "in Hessen" in html
    assert 'data-date="2027-03-26" data-reason="Karfreitag, Oster-/Frühjahrsferien"' in html
    assert html.count("data-add-exception ") == 4
    assert "Alle 4 markierten Termine als Ausfall eintragen" in html


def test_a_session_already_cancelled_is_shown_so_and_not_offered_again(editor_client, kassel_place):
    html = preview(editor_client, kassel_place, exceptions=["2027-03-26||cancel"])
    sessions = rows(html)
    assert "Fällt aus (Ausnahme eingetragen)" in sessions[3]
    assert 'data-date="2027-03-26"' not in html
    assert html.count("data-add-exception ") == 3


def test_an_exception_for_another_place_does_not_cancel_this_schedule(editor_client, kassel_place):
    other = PlaceFactory(name="Familienzentrum Rothenditmold", district=kassel_place.district)
    html = preview(editor_client, kassel_place, exceptions=[f"2027-03-26|{other.pk}|cancel"])
    assert "Fällt aus" not in rows(html)[3]


def test_without_a_land_only_the_nationwide_holidays_are_marked(editor_client, db):
    place = PlaceFactory(name="Praxis ohne Landkreis", district=None)
    html = preview(editor_client, place)
    sessions = rows(html)
    assert "Karfreitag" in sessions[3] and "Ostermontag" in sessions[4]
    assert "Schulferien" not in html
    assert "Bundesland von „Praxis ohne Landkreis“ ist nicht bekannt" in html


def test_a_first_date_off_the_chosen_weekdays_is_pointed_out(editor_client, kassel_place):
    html = preview(editor_client, kassel_place, first_date="2027-03-16")
    assert "Dienstag, 16.03.2027" in html
    assert "kein Termin" in html
    assert not any("16.03.2027" in row for row in rows(html))


@pytest.mark.parametrize(
    "fields, words",
    [
        ({"first_date": "gestern"}, "sobald das Datum"),
        ({"start_time": "25:99"}, "sobald das Datum"),
        ({"recurrence_count": "", "recurrence_until": ""}, "ein Ende der Reihe fest"),
        ({"recurrence_count": "abc"}, "ein Ende der Reihe fest"),
        ({"recurrence_until": "2027-05-01"}, "nicht beides"),
    ],
)
def test_unfinished_or_wrong_fields_get_a_message_not_an_error(
    editor_client, kassel_place, fields, words
):
    assert words in preview(editor_client, kassel_place, **fields)


def test_the_preview_is_for_signed_in_editors_only(client, db):
    response = client.get(URL, {"prefix": "schedules-0"})
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
