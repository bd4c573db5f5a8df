"""The organisers' report and export, who may see them, and what the purge leaves."""

import csv
import io
import json

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from editorial.groups import EDITORS, ORGANISERS, setup
from events.models import Forum
from feedback.models import Answer
from feedback.tests.conftest import begin
from registrations.links import personal_url
from registrations.tests.conftest import make_conference


def german(message, *args):
    with translation.override("de"):
        return ngettext(message, *args) if args else _(message)


def user_in(group):
    setup()
    user = get_user_model().objects.create_user(f"user-{group}", f"{group}@example.org", "x")
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def answered(client, held):
    """Anna and Leyla have answered (the client is anonymous again afterwards)."""
    client.post(
        personal_url(held["anna"], "feedback_survey"),
        {"rating_event": "4", "comment_event": "Sehr hilfreich", "rating_round-1": "5"},
    )
    client.post(
        personal_url(held["leyla"], "feedback_survey"),
        {
            "rating_event": "5",
            "comment_event": '=HYPERLINK("http://evil.example","klick")',
            "rating_round-1": "2",
            "comment_round-1": "Zu voll; Raum zu klein",
            "rating_round-2": "3",
        },
    )
    assert Answer.objects.count() == 5
    return held


@pytest.fixture
def organiser(client, db):
    client.force_login(user_in(ORGANISERS))
    return client


def test_the_report_shows_responses_averages_distribution_and_comments(organiser, answered):
    page = answered["page"]
    response = organiser.get(f"/admin/feedback/{page.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert german("%(counter)s response", "%(counter)s responses", 2) % {"counter": 2} in html
    average = "Average %(average)s of 5, from %(counter)s rating"
    plural = "Average %(average)s of 5, from %(counter)s ratings"
    assert german(average, plural, 2) % {"average": "4,5", "counter": 2} in html  # the event
    assert german(average, plural, 1) % {"average": "3,0", "counter": 1} in html  # Forum D
    # Forum A by Anna (5), Forum B and D by Leyla (2, 3): each its own block, in round order.
    blocks = html.split('class="feedback-report__block"')[1:]
    assert len(blocks) == 4
    assert german("The event overall") in blocks[0]
    assert [b.split("</h2>")[0].rsplit(": ", 1)[-1] for b in blocks[1:]] == [
        "Forum A",
        "Forum B",
        "Forum D",
    ]
    # The distribution as a table: one row per rating, with the number and the share.
    rows = blocks[0].split("<tbody>")[1].split("</tbody>")[0].split("<tr>")[1:]
    counts = [row.split('feedback-report__count">')[1].split("<")[0] for row in rows]
    assert counts == ["1", "1", "0", "0", "0"]  # 5, 4, 3, 2, 1
    assert "50 %" in rows[0] and 'style="inline-size: 50%"' in rows[0]
    assert "Sehr hilfreich" in blocks[0]
    assert "Zu voll; Raum zu klein" in blocks[2]
    assert "Anna" not in html and "Leyla" not in html
    listing = organiser.get("/admin/feedback/").content.decode()
    assert f"/admin/feedback/{page.pk}/" in listing and "Fachtag Kinderschutz" in listing
    assert "/admin/feedback/" in organiser.get("/admin/").content.decode()  # the menu item


def test_the_export_is_csv_for_german_excel(organiser, answered):
    response = organiser.get(f"/admin/feedback/{answered['page'].pk}/export.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    data = response.content
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM: German Excel shows the umlauts
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    columns = ["Block", "Round", "Forum", "Rating", "Comment", "Language", "Date"]
    assert rows[0] == [german(column) for column in columns]
    today = timezone.localdate().strftime("%d.%m.%Y")
    event, forum, german_language = german("Event overall"), german("Forum"), german("German")
    assert sorted(rows[1:]) == sorted(
        [
            [event, "", "", "4", "Sehr hilfreich", german_language, today],
            [
                event,
                "",
                "",
                "5",
                '\'=HYPERLINK("http://evil.example","klick")',
                german_language,
                today,
            ],
            [forum, "1", "Forum A", "5", "", german_language, today],
            [forum, "1", "Forum B", "2", "Zu voll; Raum zu klein", german_language, today],
            [forum, "2", "Forum D", "3", "", german_language, today],
        ]
    )
    assert [row[0] for row in rows[1:]] == [event, event, forum, forum, forum]


def test_a_deleted_forum_keeps_its_answers_under_its_title(organiser, answered):
    Forum.objects.filter(title="Forum B").delete()
    html = organiser.get(f"/admin/feedback/{answered['page'].pk}/").content.decode()
    assert "Forum B" in html and "Zu voll; Raum zu klein" in html


@pytest.mark.parametrize("who", ["editor", "anonymous"])
def test_only_organisers_see_the_report(client, answered, who):
    page = answered["page"]
    if who == "editor":
        client.force_login(user_in(EDITORS))
    urls = [
        "/admin/feedback/",
        f"/admin/feedback/{page.pk}/",
        f"/admin/feedback/{page.pk}/export.csv",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/" if who == "editor" else "/admin/login/")
        assert b"Sehr hilfreich" not in response.content
    if who == "editor":  # Wagtail answers a refused admin view with the way back
        assert {client.get(url)["Location"] for url in urls} == {"/admin/"}
        assert "/admin/feedback/" not in client.get("/admin/").content.decode()


def test_the_purge_removes_the_comments_and_keeps_the_ratings(answered, conference, calendar_site):
    other = make_conference(
        calendar_site, title="Anderer Fachtag", capacity=5, forums=[(1, "Forum X", 5)]
    )
    Answer.objects.create(
        page=other, rating=4, comment="Bleibt", language="de", submitted_on=timezone.localdate()
    )
    begin(conference, days_ago=200)
    call_command("purge_registrations", "--days", "90", verbosity=0)
    mine = Answer.objects.filter(page=conference)
    assert sorted(mine.values_list("rating", flat=True)) == [2, 3, 4, 5, 5]
    assert set(mine.values_list("comment", flat=True)) == {""}
    assert Answer.objects.get(page=other).comment == "Bleibt"


def test_the_persons_data_says_whether_they_gave_feedback_but_not_what(client, held):
    client.post(
        personal_url(held["anna"], "feedback_survey"),
        {"rating_event": "4", "comment_event": "Sehr hilfreich"},
    )
    given = {}
    for email in ("anna@example.org", "leyla@example.org"):
        out = io.StringIO()
        call_command("person_data", email, stdout=out)
        assert "Sehr hilfreich" not in out.getvalue()  # the answers name nobody
        given[email] = json.loads(out.getvalue())[0]["feedback_given"]
    assert given == {"anna@example.org": True, "leyla@example.org": False}


def test_the_purge_after_the_event_also_ends_the_survey_link(client, answered, conference):
    leyla = answered["leyla"]
    url = personal_url(leyla, "feedback_survey")
    begin(conference, days_ago=200)
    call_command("purge_registrations", "--days", "90", verbosity=0)
    assert client.get(url).status_code == 404
