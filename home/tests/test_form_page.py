"""Editors' forms: stored submissions, a notification after commit, the same spam rules."""

import pytest
from django.core import mail
from wagtail.contrib.forms.models import FormSubmission

from core.protection import started_token
from home.models import FormPage


@pytest.fixture(autouse=True)
def _no_rate_limit(settings):
    settings.RATELIMIT_ENABLE = False


def old_token():
    import time

    from django.core import signing

    from core.protection import STARTED_SALT

    return signing.dumps(int(time.time()) - 10, salt=STARTED_SALT)


def data(**extra):
    values = {
        "ihr_name": "Anna Beispiel",
        "ihre_e_mail_adresse": "anna@example.org",
        "ihre_nachricht": "Gibt es den Kurs auch auf Türkisch?",
        "started": old_token(),
        "website": "",
    }
    values.update(extra)
    return values


def test_contact_form_stores_and_notifies_after_commit(
    client, demo, django_capture_on_commit_callbacks
):
    page = FormPage.objects.get(slug="kontakt", locale__language_code="de")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(page.url, data())
    assert response.status_code == 200
    assert "Danke für Ihre Nachricht" in response.content.decode()
    submission = FormSubmission.objects.get(page=page)
    assert submission.get_data()["ihre_nachricht"] == "Gibt es den Kurs auch auf Türkisch?"
    (message,) = mail.outbox
    assert message.to == ["kontakt@fruehe-hilfen.example"]
    assert message.reply_to == ["anna@example.org"]
    assert "Ihre Nachricht: Gibt es den Kurs auch auf Türkisch?" in message.body


def test_english_form_has_english_labels(client, demo):
    html = client.get("/en/contact/").content.decode()
    assert "Your message" in html
    assert 'name="started"' in html and 'name="website"' in html


@pytest.mark.parametrize(
    ("change", "status"),
    [
        ({"website": "http://spam.example"}, 400),
        ({"started": "forged"}, 400),
        ({"started": None}, 400),
        ({"ihre_e_mail_adresse": "keine-adresse"}, 400),
        ({"ihre_nachricht": ""}, 400),
    ],
)
def test_bad_submissions_are_refused_without_a_row(client, demo, change, status):
    page = FormPage.objects.get(slug="kontakt", locale__language_code="de")
    values = data()
    for key, value in change.items():
        if value is None:
            values.pop(key)
        else:
            values[key] = value
    response = client.post(page.url, values)
    assert response.status_code == status
    assert FormSubmission.objects.filter(page=page).count() == 0
    assert mail.outbox == []


def test_too_fast_is_refused(client, demo):
    page = FormPage.objects.get(slug="kontakt", locale__language_code="de")
    assert client.post(page.url, data(started=started_token())).status_code == 400
    assert FormSubmission.objects.count() == 0
