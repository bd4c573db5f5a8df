"""What each group sees and may do in the real admin."""

import csv
import io
import json
import re
from html import unescape

import pytest
from django.core.management import call_command
from wagtail.models import GroupCollectionPermission, GroupPagePermission, Workflow, WorkflowPage

from editorial.groups import EDITORS, ORGANISERS, PRESS, TRANSLATORS
from editorial.tests.conftest import edit_form_data, edit_url, german
from events.models import CalendarPage
from home.models import ContentPage, HomePage
from press.models import PressReleasePage
from programmes.models import ProgrammePage
from registrations.models import ConsentVersion, Registration


@pytest.fixture
def registration(groups):
    page = CalendarPage.objects.filter(locale=german(), registration_enabled=True).first()
    return Registration.objects.create(
        page=page,
        status=Registration.Status.BOOKED,
        name="Anna Beispiel",
        email="anna@example.org",
        language="de",
        consent=ConsentVersion.for_text("Ich bin einverstanden."),
    )


def refused(response):
    """Wagtail answers a view the user may not open with 403 or a redirect to the dashboard."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == "/admin/"
    )


def test_setup_is_idempotent(groups):
    def counts():
        return (
            GroupPagePermission.objects.count(),
            GroupCollectionPermission.objects.count(),
            sum(group.permissions.count() for group in groups.values()),
            WorkflowPage.objects.count(),
            Workflow.objects.count(),
        )

    before = counts()
    call_command("setup_editorial", verbosity=0)
    call_command("setup_editorial", verbosity=0)
    assert counts() == before


# --- registrations: personal data only for the organisers ----------------------------------


def test_editors_do_not_see_registrations(login, registration):
    editors = login(EDITORS)
    dashboard = editors.get("/admin/")
    assert dashboard.status_code == 200
    assert "/admin/registrations/" not in dashboard.content.decode()  # no menu item
    listing = editors.get("/admin/registrations/")
    assert refused(listing)
    assert "anna@example.org" not in listing.content.decode()
    export = editors.get("/admin/registrations/?export=csv")
    assert refused(export)
    assert "anna@example.org" not in export.content.decode(errors="ignore")
    assert refused(editors.get(f"/admin/registrations/inspect/{registration.pk}/"))


def test_organisers_see_participants_and_export_them(login, registration):
    organisers = login(ORGANISERS)
    assert "/admin/registrations/" in organisers.get("/admin/").content.decode()
    listing = organisers.get("/admin/registrations/")
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "Anna Beispiel" in html and "anna@example.org" in html
    export = organisers.get("/admin/registrations/?export=csv")
    assert export.status_code == 200
    rows = list(csv.reader(io.StringIO(export.getvalue().decode("utf-8-sig")), delimiter=";"))
    assert any("anna@example.org" in row for row in rows)


def test_organisers_edit_the_calendar_but_not_programmes(login):
    organisers = login(ORGANISERS)
    event = CalendarPage.objects.filter(locale=german()).first()
    editor = organisers.get(edit_url(event))
    assert editor.status_code == 200
    assert 'name="action-publish"' in editor.content.decode()
    assert refused(organisers.get(edit_url(ProgrammePage.objects.filter(locale=german()).first())))


# --- translators: the translations, never the German source --------------------------------


def test_translator_cannot_edit_or_publish_the_german_source(login):
    translators = login(TRANSLATORS)
    source = HomePage.objects.get(locale=german())
    revision = source.latest_revision_id
    assert refused(translators.get(edit_url(source)))
    response = translators.post(
        edit_url(source), {"title": "Übersetzt", "slug": source.slug, "action-publish": "1"}
    )
    assert refused(response)
    source.refresh_from_db()
    assert source.latest_revision_id == revision
    assert source.title != "Übersetzt"
    german_programme = ProgrammePage.objects.filter(locale=german()).first()
    assert refused(translators.get(edit_url(german_programme)))


def test_translator_edits_and_publishes_the_english_translation(login):
    translators = login(TRANSLATORS)
    english = ProgrammePage.objects.filter(locale__language_code="en").first()
    editor = translators.get(edit_url(english))
    assert editor.status_code == 200
    html = editor.content.decode()
    # The demo's translations are made through wagtail-localize: its editor opens, with
    # publishing allowed.
    props = re.search(r'class="js-translation-editor" data-props="([^"]+)"', html).group(1)
    props = json.loads(unescape(props))
    assert props["object"]["title"] == english.title
    assert props["perms"]["canPublish"] is True
    permissions = english.permissions_for_user(translators.user)
    assert permissions.can_edit() and permissions.can_publish()


def test_translator_publishes_an_english_page_through_the_edit_form(login):
    translators = login(TRANSLATORS)
    english_home = HomePage.objects.get(locale__language_code="en")
    page = english_home.add_child(
        instance=ContentPage(title="Imprint draft", slug="imprint-draft", live=False)
    )
    page.save_revision()
    data = edit_form_data(translators, page, title="Imprint", **{"action-publish": "1"})
    response = translators.post(edit_url(page), data)
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live and page.title == "Imprint"


# --- press: press releases, no publishing, nothing else ------------------------------------


def test_press_edits_releases_but_cannot_publish(login):
    press = login(PRESS)
    release = PressReleasePage.objects.filter(locale=german()).first()
    editor = press.get(edit_url(release))
    assert editor.status_code == 200
    html = editor.content.decode()
    assert 'name="action-submit"' in html  # submit for moderation
    assert 'name="action-publish"' not in html
    revision = release.live_revision_id
    data = edit_form_data(press, release, title="Geändert", **{"action-publish": "1"})
    press.post(edit_url(release), data)
    release.refresh_from_db()
    assert release.live_revision_id == revision
    assert release.title != "Geändert"


def test_press_cannot_edit_programme_pages_or_the_home(login):
    press = login(PRESS)
    for page in (
        ProgrammePage.objects.filter(locale=german()).first(),
        ProgrammePage.objects.filter(locale__language_code="en").first(),
        HomePage.objects.get(locale=german()),
    ):
        assert refused(press.get(edit_url(page))), page
    assert refused(press.get("/admin/registrations/"))
