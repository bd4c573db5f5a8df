"""The participant's survey: their forums, in their language, stored once and anonymously."""

import contextlib
import re
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connections, models
from django.test import Client
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.models import Locale

from events.models import Forum
from feedback import services
from feedback.models import Answer, Response
from feedback.tests.conftest import begin, book
from registrations.links import make_key, personal_url
from registrations.models import Registration

ANONYMOUS = "Your answers are anonymous: they are stored without your name or e-mail."


def german(message):
    with translation.override("de"):
        return _(message)


def survey_url(registration):
    return personal_url(registration, "feedback_survey")


def main(response):
    """The page's main content (the site header and footer have forms and links of their own)."""
    html = response.content.decode()
    return html[html.index('<main id="main-content"') : html.index("</main>")]


def test_the_survey_asks_about_the_event_and_each_forum_the_person_had_a_place_in(client, held):
    response = client.get(survey_url(held["anna"]))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]  # personal, and changes once answered
    html = main(response)
    assert german(ANONYMOUS) in html
    assert german("The event overall") in html
    headings = re.findall(r"<h2[^>]*>(.*?)</h2>", html, re.S)
    assert [re.sub(r"<[^>]+>", "", h) for h in headings] == [
        german("The event overall"),
        "Durchlauf 1: Forum A",
        "Durchlauf 2: Forum C",
    ]
    assert "Forum B" not in html and "Forum D" not in html
    assert "Fachtag Kinderschutz" in html
    # Five radio buttons per block in a fieldset with a legend; one comment field each.
    assert html.count("<fieldset") == html.count("<legend>") == 3
    for name in ("rating_event", "rating_round-1", "rating_round-2"):
        assert len(re.findall(rf'type="radio" name="{name}"', html)) == 5
    assert html.count("<textarea") == 3 and 'maxlength="2000"' in html


def test_answers_are_stored_with_no_trace_of_who_gave_them(client, held):
    anna, page = held["anna"], held["page"]
    relations = {
        f.related_model for f in Answer._meta.get_fields() if f.is_relation and f.related_model
    }
    assert Registration not in relations
    assert not any(isinstance(f, models.DateTimeField) for f in Answer._meta.get_fields())
    response = client.post(
        survey_url(anna),
        {
            "rating_event": "4",
            "comment_event": "  Sehr hilfreich, danke!  ",
            "rating_round-1": "5",
            "comment_round-1": "",
            "rating_round-2": "",  # left out: she did not go
            "comment_round-2": "",
        },
    )
    assert response.status_code == 200
    assert german("Thank you for your feedback") in main(response)
    rows = set(
        Answer.objects.values_list(
            "page_id",
            "forum__title",
            "forum_title",
            "round_number",
            "rating",
            "comment",
            "language",
        )
    )
    assert rows == {
        (page.pk, None, "", None, 4, "Sehr hilfreich, danke!", "de"),
        (page.pk, "Forum A", "Forum A", 1, 5, "", "de"),
    }
    assert set(Answer.objects.values_list("submitted_on", flat=True)) == {timezone.localdate()}
    stored = " ".join(str(value) for row in Answer.objects.values_list() for value in row)
    assert "Anna" not in stored and "anna@" not in stored
    # Nor her registration's number (only the page, the forum and the round are numbers).
    assert {f.attname for f in Answer._meta.concrete_fields} == {
        "id",
        "page_id",
        "forum_id",
        "forum_title",
        "round_number",
        "rating",
        "comment",
        "language",
        "submitted_on",
    }
    assert list(Response.objects.values_list("registration_id", flat=True)) == [anna.pk]


def test_a_second_submission_is_thanked_and_not_stored(client, held):
    url = survey_url(held["anna"])
    client.post(url, {"rating_event": "3"})
    again = client.get(url)
    assert again.status_code == 200
    html = main(again)
    assert german("You have already given your feedback, thank you.") in html
    assert "<form" not in html and "rating_event" not in html
    resent = client.post(url, {"rating_event": "1", "comment_event": "Doch nicht"})
    assert resent.status_code == 200
    assert german("You have already given your feedback, thank you.") in main(resent)
    assert list(Answer.objects.values_list("rating", flat=True)) == [3]


def test_the_tab_that_loses_the_race_stores_nothing(held):
    """The marker decides: give() does not look first, so a marker written by another tab a
    moment earlier meets the unique constraint, and nothing of the second set is stored."""
    anna = held["anna"]
    Response.objects.create(registration=anna)
    outcome = services.give(anna, [(services.EVENT, 5, "Zweiter Tab")])
    assert outcome == services.ALREADY
    assert not Answer.objects.exists()
    assert services.give(held["leyla"], [(services.EVENT, 2, "")]) == services.STORED
    assert Answer.objects.count() == 1


@pytest.mark.parametrize(
    "key",
    [
        "forged",
        "1.abc:xyz",
        lambda r: make_key(r)[:-1] + "x",
        lambda r: make_key(r).replace(f"{r.pk}.", "999."),
    ],
)
def test_a_forged_or_altered_link_finds_nothing(client, held, key):
    key = key(held["anna"]) if callable(key) else key
    response = client.get(f"/de/feedback/{key}/")
    assert response.status_code == 404
    assert client.post(f"/de/feedback/{key}/", {"rating_event": "5"}).status_code == 404
    assert not Answer.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"rating_event": "7"}, "Please choose a rating from 1 to 5."),
        ({"rating_event": "drei"}, "Please choose a rating from 1 to 5."),
        ({"comment_event": "Gut"}, "Please rate the event overall, from 1 to 5."),
        ({"rating_event": "4", "rating_round-1": "0"}, "Please choose a rating from 1 to 5."),
        (
            {"rating_event": "4", "comment_round-2": "Zu kurz"},
            "With a comment, please rate this part too, from 1 to 5.",
        ),
        (
            {"rating_event": "4", "comment_event": "x" * 2001},
            "Please keep your comment to at most %(limit_value)d characters.",
        ),
    ],
)
def test_bad_answers_show_the_form_again_with_the_reason_and_store_nothing(
    client, held, data, message
):
    response = client.post(survey_url(held["anna"]), data)
    assert response.status_code == 400
    html = main(response)
    # The length message names the limit (Django fills in %(limit_value)d).
    assert german(message).replace("%(limit_value)d", "2000") in html
    assert 'role="alert"' in html and "<form" in html
    assert not Answer.objects.exists() and not Response.objects.exists()
    if data.get("comment_round-2"):
        assert "Zu kurz" in html  # what was typed stays


def test_before_the_event_began_the_survey_is_not_open_yet(client, conference):
    anna = book(conference, "Anna Müller", "anna@example.org")  # 30 days ahead
    response = client.get(survey_url(anna))
    assert response.status_code == 200
    html = main(response)
    assert (
        german(
            "The survey opens when the event has begun. Please come back afterwards: "
            "the link stays the same."
        )
        in html
    )
    assert "<form" not in html
    assert client.post(survey_url(anna), {"rating_event": "5"}).status_code == 403
    assert not Answer.objects.exists() and not Response.objects.exists()


def test_someone_who_cancelled_is_told_kindly(client, held):
    Registration.objects.filter(pk=held["leyla"].pk).update(status=Registration.Status.CANCELLED)
    html = main(client.get(survey_url(held["leyla"])))
    assert german("Only participants who had a place at the event can give feedback.") in html
    assert "<form" not in html


def test_an_arabic_participant_gets_the_survey_in_arabic_right_to_left(client, conference):
    amal = book(conference, "Amal", "amal@example.org", language="ar")
    begin(conference)
    # Whatever language the address says, the survey speaks the registration's.
    response = client.get(survey_url(amal).replace("/ar/", "/de/"))
    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(r'<html lang="ar" dir="rtl">', html)
    assert response["Content-Language"] == "ar"
    with translation.override("ar"):
        assert _(ANONYMOUS) in html
    client.post(survey_url(amal), {"rating_event": "5"})
    assert Answer.objects.get().language == "ar"


def test_an_english_participant_reads_the_english_titles_and_answers_count_for_the_event(
    client, conference
):
    english = conference.copy_for_translation(
        Locale.objects.get(language_code="en"), copy_parents=True
    )
    for forum in Forum.objects.filter(page_id=english.pk):
        forum.title = forum.title.replace("Forum", "Workshop")
        forum.save()
    english = type(english).objects.get(pk=english.pk)  # with the forums as stored
    english.title = "Child protection day"
    english.save_revision().publish()
    emma = book(conference, "Emma", "emma@example.org", language="en")
    begin(conference)
    html = main(client.get(survey_url(emma)))
    assert "Child protection day" in html
    assert "Workshop A" in html and "Workshop C" in html and "Forum A" not in html
    client.post(survey_url(emma), {"rating_event": "4", "rating_round-1": "5"})
    # Stored with the German page and forum, as the organisers' report names them.
    assert set(Answer.objects.values_list("page_id", "forum_title", "language")) == {
        (conference.pk, "", "en"),
        (conference.pk, "Forum A", "en"),
    }


@pytest.mark.django_db(transaction=True)
def test_the_same_answers_sent_from_several_tabs_at_once_are_stored_once(conference):
    """Against the real database, from threads with a connection each (as in
    registrations' concurrency tests): every tab is answered kindly, one set is stored."""
    anna = book(conference, "Anna Müller", "anna@example.org")
    begin(conference)
    url = survey_url(anna)
    tabs = 8
    gate = threading.Barrier(tabs, timeout=30)

    def send(_tab):
        try:
            with contextlib.suppress(threading.BrokenBarrierError):
                gate.wait()
            return Client().post(url, {"rating_event": "4", "comment_event": "Gut"}).status_code
        except Exception as error:  # reported by the assertion below
            return repr(error)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=tabs) as pool:
        codes = list(pool.map(send, range(tabs)))
    assert codes == [200] * tabs
    assert Response.objects.count() == 1
    assert list(Answer.objects.values_list("rating", "comment")) == [(4, "Gut")]


def test_the_personal_page_invites_to_the_survey_until_it_is_answered(client, held):
    anna = held["anna"]
    manage = personal_url(anna, "registration_manage")
    assert survey_url(anna) in main(client.get(manage))
    services.give(anna, [])
    assert survey_url(anna) not in main(client.get(manage))


def test_the_personal_page_has_no_survey_before_the_event(client, conference):
    anna = book(conference, "Anna Müller", "anna@example.org")
    page = main(client.get(personal_url(anna, "registration_manage")))
    assert "/feedback/" not in page
