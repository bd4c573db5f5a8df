"""The accessibility statement (BITV 2.0): its structured content, the footer link on every
page in the visitor's language, and the form "Barriere melden" with its protections."""

import re
import time

import pytest
from django.core import mail, signing
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale, Page
from wagtail.test.utils import WagtailPageTestCase

from core.models import OrganisationSettings
from core.protection import STARTED_SALT
from events.models import EventIndexPage
from home.models import (
    AccessibilityFeedback,
    AccessibilityStatementPage,
    ContentPage,
    HomePage,
    SignLanguagePage,
)
from press.models import PressReleasePage
from programmes.models import ProgrammePage

CONTACT = "kontakt@fruehe-hilfen.example"


def old_token():
    return signing.dumps(int(time.time()) - 10, salt=STARTED_SALT)


def data(**extra):
    values = {
        "message": "Der Kalender lässt sich mit der Tastatur nicht bedienen.",
        "page_url": "/de/kalender/",
        "name": "Anna Beispiel",
        "email": "anna@example.org",
        "started": old_token(),
        "website": "",
    }
    values.update(extra)
    return values


@pytest.fixture
def statement(demo):
    return AccessibilityStatementPage.objects.get(locale__language_code="de")


@pytest.fixture
def _no_rate_limit(settings):
    settings.RATELIMIT_ENABLE = False


# --- the page --------------------------------------------------------------------------------


def test_statement_shows_the_bitv_parts(client, statement):
    response = client.get(statement.url)
    assert response.status_code == 200
    html = response.content.decode()
    with translation.override("de"):
        partial = translation.gettext(
            "This website is partially compliant with the Barrier-Free Information Technology "
            "Ordinance (BITV 2.0). The content listed below is not yet accessible."
        )
        prepared = translation.gettext("This statement was prepared on %(date)s.") % {
            "date": "2. November 2026"
        }
    assert partial in html
    assert prepared in html
    assert "Videos in Deutscher Gebärdensprache" in html  # non-accessible content
    assert 'href="https://www.schlichtungsstelle-bgg.de"' in html
    # The feedback contact defaults to the organisation's e-mail address (obfuscated).
    assert statement.feedback_email == ""
    assert statement.feedback_recipient() == CONTACT
    assert "".join(f"&#{ord(c)};" for c in CONTACT) in html
    assert 'name="website"' in html and 'name="started"' in html


def test_demo_sets_the_statement_in_the_organisation_settings(demo, statement):
    organisation = OrganisationSettings.for_site(demo)
    assert organisation.accessibility_page_id == statement.pk
    assert statement.live


def _arabic(page):
    """``page`` in Arabic, translated and published here if the demo has no translation."""
    arabic = Locale.objects.get(language_code="ar")
    existing = page.get_translation_or_none(arabic)
    if existing is not None:
        return existing
    translated = page.copy_for_translation(arabic)
    translated.save_revision().publish()
    return translated


def test_every_kind_of_page_links_the_statement_in_the_visitors_language(client, statement):
    german_pages = [
        HomePage.objects.get(locale__language_code="de"),
        ProgrammePage.objects.live().filter(locale__language_code="de").first(),
        EventIndexPage.objects.get(locale__language_code="de"),
        PressReleasePage.objects.live().filter(locale__language_code="de").first(),
    ]
    arabic_statement = statement.get_translation(Locale.objects.get(language_code="ar"))
    for german in german_pages:
        for page, expected in ((german, statement.url), (_arabic(german), arabic_statement.url)):
            response = client.get(page.url)
            assert response.status_code == 200, page.url
            footer = response.content.decode().split('class="site-footer"', 1)[1]
            assert f'href="{expected}"' in footer, page.url
    assert arabic_statement.url.startswith("/ar/")


def test_statement_allowed_once_per_language_below_the_home(demo):
    class Rules(WagtailPageTestCase):
        def runTest(self):
            pass

    rules = Rules()
    rules.assertAllowedParentPageTypes(AccessibilityStatementPage, {HomePage})
    rules.assertAllowedParentPageTypes(SignLanguagePage, {HomePage})
    home = HomePage.objects.get(locale__language_code="de")
    assert not AccessibilityStatementPage.can_create_at(home)  # the demo has one
    # In the other languages the German statement stands in until it is translated: it is
    # translated (wagtail-localize), not written a second time beside it.
    turkish_home = HomePage.objects.get(locale__language_code="tr")
    assert not AccessibilityStatementPage.can_create_at(turkish_home)
    turkish_home.get_children().type(AccessibilityStatementPage).delete()
    assert AccessibilityStatementPage.can_create_at(turkish_home)
    assert not AccessibilityStatementPage.can_create_at(
        ContentPage.objects.filter(locale__language_code="de").first()
    )


# --- the form --------------------------------------------------------------------------------


@pytest.mark.usefixtures("_no_rate_limit")
def test_report_is_stored_and_mailed_to_the_contact_after_commit(
    client, statement, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(statement.url, data(page_url="http://testserver/de/kalender/"))
    assert response.status_code == 302
    assert response["Location"] == f"{statement.url}?sent=1#feedback"

    feedback = AccessibilityFeedback.objects.get()
    assert feedback.message == "Der Kalender lässt sich mit der Tastatur nicht bedienen."
    assert feedback.page_url == "/de/kalender/"
    assert feedback.email == "anna@example.org"
    assert feedback.language == "de"
    assert feedback.statement_id == statement.pk
    assert feedback.created_at is not None

    (message,) = mail.outbox
    assert message.to == [CONTACT]
    assert message.reply_to == ["anna@example.org"]
    assert "Der Kalender lässt sich mit der Tastatur nicht bedienen." in message.body
    assert "http://testserver/de/kalender/" in message.body

    thanks = client.get(response["Location"]).content.decode()
    msgid = (
        "Thank you for your report. We will look into it; if you gave your e-mail "
        "address, we will answer you."
    )
    with translation.override("de"):
        thank_you = translation.gettext(msgid)
    assert thank_you != msgid
    assert thank_you in thanks


@pytest.mark.usefixtures("_no_rate_limit")
def test_name_and_email_are_optional(client, statement, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(statement.url, data(name="", email="", page_url=""))
    assert response.status_code == 302
    assert AccessibilityFeedback.objects.get().email == ""
    (message,) = mail.outbox
    assert message.reply_to == []


@pytest.mark.usefixtures("_no_rate_limit")
@pytest.mark.parametrize(
    "change",
    [
        {"website": "http://spam.example"},  # the honeypot
        {"started": "just now"},  # too fast: the token is made in the test
        {"started": "forged"},
        {"message": ""},
        {"email": "keine-adresse"},
    ],
)
def test_refused_reports_write_nothing(client, statement, change):
    if change.get("started") == "just now":
        change = {"started": signing.dumps(int(time.time()), salt=STARTED_SALT)}
    response = client.post(statement.url, data(**change))
    assert response.status_code == 400
    assert AccessibilityFeedback.objects.count() == 0
    assert mail.outbox == []
    assert 'role="alert"' in response.content.decode()


def test_rate_limited_reports_get_429(client, statement, settings):
    settings.RATELIMIT_ENABLE = True
    settings.REGISTRATION_RATE_LIMIT = 1
    assert client.post(statement.url, data()).status_code == 302
    response = client.post(statement.url, data(message="Noch einmal"))
    assert response.status_code == 429
    assert AccessibilityFeedback.objects.count() == 1


@pytest.mark.usefixtures("_no_rate_limit")
def test_errors_speak_the_visitors_language(client, statement):
    arabic = statement.get_translation(Locale.objects.get(language_code="ar"))
    response = client.post(arabic.url, data(message=""))
    assert response.status_code == 400
    html = response.content.decode()
    with translation.override("ar"):
        expected = translation.gettext("Please describe the problem.")
    assert expected in html
    assert re.search(r'<html lang="ar" dir="rtl"', html)
    assert 'aria-invalid="true"' in html


@pytest.mark.usefixtures("_no_rate_limit")
@pytest.mark.parametrize(
    "foreign",
    ["https://evil.example/login", "//evil.example/login", "javascript:alert(1)"],
)
def test_foreign_page_addresses_are_neither_stored_nor_shown(client, statement, foreign):
    response = client.get(f"{statement.url}?page={foreign}")
    assert "evil.example" not in response.content.decode()
    assert "javascript:" not in response.content.decode()

    response = client.post(statement.url, data(page_url=foreign))
    assert response.status_code == 400
    assert "evil.example" not in response.content.decode()
    assert "alert(1)" not in response.content.decode()
    assert AccessibilityFeedback.objects.count() == 0


def test_page_is_prefilled_from_the_query_or_the_referer(client, statement):
    html = client.get(f"{statement.url}?page=/de/angebote/").content.decode()
    assert 'value="/de/angebote/"' in html
    html = client.get(
        statement.url, headers={"Referer": "http://testserver/de/kalender/?topic=1"}
    ).content.decode()
    assert 'value="/de/kalender/?topic=1"' in html
    html = client.get(
        statement.url, headers={"Referer": "https://elsewhere.example/de/"}
    ).content.decode()
    assert "elsewhere.example" not in html


# --- the admin -------------------------------------------------------------------------------


def test_editors_read_reports_but_cannot_change_them(client, statement, django_user_model):
    feedback = AccessibilityFeedback.objects.create(
        statement=statement, message="Kontrast zu schwach", page_url="/de/", language="de"
    )
    admin = django_user_model.objects.create_superuser("chefin", "chefin@example.org", "pw")
    client.force_login(admin)
    listing = client.get(reverse("accessibility-feedback:index"))
    assert listing.status_code == 200
    assert "Kontrast zu schwach" in listing.content.decode()
    inspect = client.get(reverse("accessibility-feedback:inspect", args=[feedback.pk]))
    assert inspect.status_code == 200
    edit = client.get(reverse("accessibility-feedback:edit", args=[feedback.pk]))
    assert edit.status_code in (302, 403)
    edit = client.post(
        reverse("accessibility-feedback:edit", args=[feedback.pk]), {"message": "geändert"}
    )
    feedback.refresh_from_db()
    assert feedback.message == "Kontrast zu schwach"


def test_reports_are_not_in_the_page_tree(statement):
    assert not Page.objects.filter(title__icontains="Kontrast").exists()
