"""Every refused submission: a clear message in the visitor's language, a 4xx, no row."""

import pytest
from django.core.cache import cache
from django.utils import timezone

from registrations.models import Registration
from registrations.tests.conftest import form_data, started, submit_url


@pytest.fixture(autouse=True)
def _no_rate_limit(settings):
    settings.RATELIMIT_ENABLE = False


def post(client, page, data, language="de"):
    return client.post(submit_url(page).replace("/de/", f"/{language}/"), data)


@pytest.mark.parametrize(
    ("change", "status", "message"),
    [
        ({"consent": ""}, 400, "Please agree so that we can take your registration."),
        ({"email": "not-an-address"}, 400, "Enter a valid email address."),
        ({"name": ""}, 400, "This field is required."),
        (
            {"forum_1": "00000000-0000-0000-0000-000000000000"},
            400,
            "Please choose one of the forums of this round.",
        ),
        ({"forum_1": None}, 400, "Please choose one forum in this round."),
        ({"started": "forged"}, 400, "The form was out of date. Please fill it in again."),
        ({"started": None}, 400, "The form was out of date. Please fill it in again."),
        ({"website": "http://spam.example"}, 400, "Your message could not be sent."),
        ({"name": "x" * 500}, 400, "160"),
    ],
)
def test_refused_in_english_with_4xx_and_no_row(client, conference, change, status, message):
    from django.utils import translation

    data = form_data(conference)
    for key, value in change.items():
        if value is None:
            data.pop(key)
        else:
            data[key] = value
    response = post(client, conference, data, language="en")
    # The English URL of a German-only page does not exist: the form is posted where it lives.
    assert response.status_code == 404
    response = post(client, conference, data)
    assert response.status_code == status
    with translation.override("de"):
        expected = translation.gettext(message)
    html = response.content.decode()
    assert expected.split("%")[0][:30] in html or message[:30] in html
    assert 'id="registration"' in html
    assert Registration.objects.count() == 0


def test_a_forum_from_the_wrong_round_is_refused(client, conference):
    data = form_data(conference)
    data["forum_1"] = data["forum_2"]
    response = post(client, conference, data)
    assert response.status_code == 400
    assert Registration.objects.count() == 0


def test_a_forum_of_another_event_is_refused(client, conference, calendar_site):
    from events.models import Forum

    other = Forum.objects.create(
        page=conference, round_number=1, title="Fremd", locale=conference.locale
    )
    key = str(other.translation_key)
    other.delete()
    data = form_data(conference, forum_1=None)
    data["forum_1"] = key
    assert post(client, conference, data).status_code == 400
    assert Registration.objects.count() == 0


def test_too_fast_is_refused(client, conference):
    response = post(client, conference, form_data(conference, started=started(seconds_ago=0)))
    assert response.status_code == 400
    assert Registration.objects.count() == 0


def test_closed_and_cancelled_events_refuse_with_409(client, conference):
    conference.registration_closes_at = timezone.now()
    conference.save_revision().publish()
    assert post(client, conference, form_data(conference)).status_code == 409
    conference.registration_closes_at = None
    conference.status = "cancelled"
    conference.save_revision().publish()
    response = post(client, conference, form_data(conference))
    assert response.status_code == 409
    assert Registration.objects.count() == 0


def test_no_waiting_list_means_full_is_full(client, conference):
    conference.waiting_list = False
    conference.registration_capacity = 1
    conference.save_revision().publish()
    assert post(client, conference, form_data(conference, email="a@example.org")).status_code == 200
    second = post(
        client,
        conference,
        form_data(conference, email="b@example.org", first="Forum B", second="Forum D"),
    )
    assert second.status_code == 409
    assert Registration.objects.count() == 1


def test_rate_limit_answers_429(client, conference, settings):
    settings.RATELIMIT_ENABLE = True
    settings.REGISTRATION_RATE_LIMIT = 2
    cache.clear()
    forums = [("Forum A", "Forum C"), ("Forum B", "Forum D"), ("Forum A", "Forum C")]
    codes = [
        post(
            client,
            conference,
            form_data(conference, email=f"p{n}@example.org", first=first, second=second),
        ).status_code
        for n, (first, second) in enumerate(forums)
    ]
    assert codes[-1] == 429
    assert Registration.objects.count() == 2


@pytest.mark.parametrize("kind", ["confirm", "manage"])
@pytest.mark.parametrize("key", ["1.abc:forged", "nonsense", "1:2:3"])
def test_forged_personal_links_are_404(client, conference, kind, key):
    assert client.get(f"/de/registration/{kind}/{key}/").status_code == 404
    assert client.post(f"/de/registration/{kind}/{key}/", {"action": "cancel"}).status_code == 404


def test_get_is_not_allowed_for_submissions(client, conference):
    assert client.get(submit_url(conference)).status_code == 405
