"""The editor guide (docs/redaktion/) walked through in the real admin, in German.

An editor logs in through the login form, creates and publishes a programme and a press
release (both then show on the public site), opens a course's dates and exceptions, a
conference's rounds and forums, sends a programme to translation and looks at the
registrations. Each step saves a screenshot: into docs/redaktion/bilder/ with
``UPDATE_SCREENSHOTS=1``, otherwise into pytest's temporary directory, so test runs never
change the tree.

    UPDATE_SCREENSHOTS=1 pytest tests/browser/test_editor_guide.py
"""

import os
import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect
from wagtail.models import Locale, Page

from events.models import CoursePage, EventPage, Forum
from press.models import PressReleaseIndexPage, PressReleasePage
from programmes.models import ProgrammeIndexPage, ProgrammePage
from registrations import services

from .conftest import ARTIFACTS, ROOT

GUIDE_IMAGES = ROOT / "docs" / "redaktion" / "bilder"
PASSWORD = "Redaktion-im-Test-2026"


@pytest.fixture
def shot(tmp_path):
    """``shot(page, "name")`` saves the viewport as name.png (``full_page`` on request)."""
    folder = GUIDE_IMAGES if os.environ.get("UPDATE_SCREENSHOTS") == "1" else tmp_path
    folder.mkdir(parents=True, exist_ok=True)

    def save(page, name, full_page=False):
        # No blinking caret or running transition in the pictures.
        page.evaluate("document.activeElement && document.activeElement.blur()")
        path = folder / f"{name}.png"
        page.screenshot(path=str(path), full_page=full_page, animations="disabled")
        assert path.stat().st_size > 5_000, f"{name}.png looks empty"
        return path

    return save


@pytest.fixture
def editor(browser, site_url, request):
    """A German admin session, logged in through the real login form."""
    get_user_model().objects.create_superuser("redaktion", "redaktion@example.org", PASSWORD)
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="de-DE")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.base_url = site_url
    yield page
    if getattr(request.node, "rep_call", None) and request.node.rep_call.failed:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"))
    context.close()


def open_menu(page, name):
    page.get_by_role("button", name=name, exact=True).first.click()


def publish(page):
    page.get_by_role("button", name="Mehr Aktionen").click()
    page.get_by_role("button", name="Veröffentlichen", exact=True).click()


def test_editor_guide_walkthrough(editor, shot):
    page, site = editor, editor.base_url

    # --- Anmelden -----------------------------------------------------------------------
    page.goto(f"{site}/admin/")
    expect(page).to_have_url(re.compile(r"/admin/login/"))
    page.locator("#id_username").fill("redaktion")
    page.locator("#id_password").fill(PASSWORD)
    shot(page, "anmelden")
    page.get_by_role("button", name="Anmelden").click()
    expect(page.get_by_role("link", name="Seiten")).to_be_visible()
    # The dashboard's picture is taken at the end, when the day's work has given it content.

    # --- Programm anlegen ---------------------------------------------------------------
    finder = ProgrammeIndexPage.objects.get(locale__language_code="de")
    page.goto(f"{site}/admin/pages/{finder.pk}/")
    expect(page.locator("h1")).to_contain_text(finder.title)
    shot(page, "programm-uebersicht")
    page.get_by_role("link", name="Unterseite hinzufügen").first.click()
    expect(page.locator("h1")).to_contain_text("Neu: Programm")

    title = "Familienpatenschaften im Landkreis Kassel"
    page.get_by_role("textbox", name="Titel*").fill(title)
    page.get_by_role("textbox", name="Anreißer*").fill(
        "Ehrenamtliche Patinnen und Paten begleiten Familien im ersten Lebensjahr ihres Kindes."
    )
    shot(page, "programm-anlegen")
    page.get_by_role("tab", name="Angaben für die Angebotssuche").click()
    page.get_by_role("button", name="Bezirk/Kreis auswählen").click()
    page.locator(".modal-content").get_by_role("link", name="Kassel", exact=True).click()
    expect(page.get_by_role("region", name="Wo", exact=True)).to_contain_text("Kassel")
    page.get_by_label("Kinder ab (Monate)").fill("0")
    page.get_by_label("Kinder bis (Monate)").fill("12")
    shot(page, "programm-angaben")
    page.get_by_role("button", name="Mehr Aktionen").click()
    expect(page.get_by_role("button", name="Veröffentlichen", exact=True)).to_be_visible()
    shot(page, "programm-veroeffentlichen")
    page.get_by_role("button", name="Veröffentlichen", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("wurde erstellt und veröffentlicht")
    shot(page, "programm-veroeffentlicht")

    programme = ProgrammePage.objects.get(title=title, locale__language_code="de")
    assert programme.live and programme.get_parent().pk == finder.pk
    assert programme.district.name == "Kassel"
    page.goto(f"{site}/de/angebote/")
    card = page.locator(".card", has_text=title)
    expect(card).to_have_count(1)
    card.locator(".card__link").click()
    expect(page.locator("h1")).to_have_text(title)
    shot(page, "programm-live")

    # --- Kurs mit Terminen und Ausnahmen ------------------------------------------------
    course = CoursePage.objects.get(locale__language_code="de")
    page.goto(f"{site}/admin/pages/{course.get_parent().pk}/")
    page.get_by_role("link", name=course.title, exact=True).click()
    expect(page.get_by_role("tab", name="Termine")).to_be_visible()
    page.get_by_role("tab", name="Termine").click()
    schedules = page.get_by_role("region", name="Terminreihen")
    expect(schedules).to_contain_text("Wiederholung")
    expect(schedules.get_by_label("Dienstag", exact=True).first).to_be_checked()
    shot(page, "kurs-terminreihen")
    preview = schedules.locator("[data-schedule-preview]").first
    expect(preview.locator("tbody tr")).to_have_count(20)
    preview.scroll_into_view_if_needed()
    shot(page, "kurs-terminvorschau")
    exceptions = page.get_by_role("region", name="Ausgefallene und verlegte Termine")
    exceptions.scroll_into_view_if_needed()
    expect(exceptions).to_contain_text("Was passiert")
    reason = course.exceptions.exclude(reason="").first().reason
    expect(exceptions.locator(f"input[value='{reason}']").first).to_be_visible()
    exceptions.get_by_role("heading").first.scroll_into_view_if_needed()
    shot(page, "kurs-ausnahmen")

    # --- Fachtagung mit Durchläufen und Foren --------------------------------------------
    conference = EventPage.objects.get(
        locale__language_code="de", slug="jubilaeumstagung-qualitaetszirkel"
    )
    page.goto(f"{site}/admin/pages/{conference.pk}/edit/")
    page.get_by_role("tab", name="Fachtagung").click()
    rounds = page.get_by_role("region", name="Durchläufe")
    rounds.get_by_role("heading", name="Durchläufe").scroll_into_view_if_needed()
    first_round = conference.rounds.order_by("number").first()
    expect(rounds.locator(f"input[value='{first_round.title}']")).to_be_visible()
    shot(page, "fachtagung-durchlaeufe")
    forums = page.get_by_role("region", name="Foren")
    forum = Forum.objects.filter(page_id=conference.pk).order_by("sort_order").first()
    expect(forums.locator(f"input[value='{forum.title}']")).to_be_visible()
    forums.locator("textarea[name$='-results']").first.scroll_into_view_if_needed()
    expect(forums.get_by_text("Zentrale Ergebnisse").first).to_be_visible()
    shot(page, "fachtagung-foren")

    # --- Pressemitteilung -----------------------------------------------------------------
    press = PressReleaseIndexPage.objects.get(locale__language_code="de")
    page.goto(f"{site}/admin/pages/{press.pk}/")
    page.get_by_role("link", name="Unterseite hinzufügen").first.click()
    expect(page.locator("h1")).to_contain_text("Pressemitteilung")
    headline = "Familienpatenschaften starten im Landkreis Kassel"
    page.get_by_role("textbox", name="Titel*").fill(headline)
    page.get_by_role("textbox", name="Anreißer*").fill(
        "Ab sofort vermittelt das Netzwerk Frühe Hilfen ehrenamtliche Familienpatenschaften."
    )
    page.get_by_role("textbox", name="Ortsmarke").fill("Kassel")
    shot(page, "pressemitteilung-anlegen")
    publish(page)
    expect(page.locator(".messages")).to_contain_text("wurde erstellt und veröffentlicht")
    release = PressReleasePage.objects.get(title=headline, locale__language_code="de")
    assert release.live
    page.goto(f"{site}/de/presse/")
    expect(page.locator(".entry__title", has_text=headline)).to_have_count(1)
    shot(page, "pressemitteilung-live")

    # --- Übersetzen -------------------------------------------------------------------------
    source = ProgrammePage.objects.get(
        slug="interprofessionelle-qualitaetszirkel", locale__language_code="de"
    )  # not translated into Turkish in the demo
    turkish = Locale.objects.get(language_code="tr")
    # Until it is translated, the German page stands in at the Turkish address.
    assert source.get_translation(turkish).alias_of_id == source.pk
    page.goto(f"{site}/admin/pages/{source.pk}/edit/")
    open_menu(page, "Aktionen")
    expect(page.get_by_role("link", name="Diese Seite übersetzen")).to_be_visible()
    shot(page, "uebersetzen-aktion")
    page.get_by_role("link", name="Diese Seite übersetzen").click()
    expect(page.locator("h1")).to_contain_text("Seite übersetzen")
    page.get_by_label("Türkçe").check()
    shot(page, "uebersetzen-sprachen")
    page.get_by_role("button", name="Absenden").click()
    expect(page.get_by_text("zur Übersetzung in Türkçe eingereicht")).to_be_visible()
    po_link = page.get_by_role("link", name="PO Datei herunterladen").first
    expect(po_link).to_be_visible()
    shot(page, "uebersetzen-editor")
    # The PO file for external translators holds the German texts of the page.
    with page.expect_download() as download:
        po_link.click()
    po_file = Path(download.value.path()).read_text(encoding="utf-8")
    assert f'msgid "{source.title}"' in po_file
    assert 'msgid "Miteinander reden, voneinander lernen"' in po_file
    copy = Page.objects.get(translation_key=source.translation_key, locale=turkish)
    # The stand-in becomes the Turkish page; its texts wait for translation. Until the
    # translation is published, visitors keep reading the German page there, marked as
    # German (uebersetzen.md).
    assert copy.title == source.title and copy.alias_of_id is None
    assert copy.live and copy.has_unpublished_changes

    # --- Anmeldungen verwalten ---------------------------------------------------------
    for number, name in enumerate(["Alex Beispiel", "Kim Muster"]):
        registration, _ = services.register(
            conference,
            details={"name": name, "email": f"person{number}@example.org"},
            forums={
                r: Forum.objects.filter(page_id=conference.pk, round_number=r).first()
                for r in (1, 2)
            },
            language="de",
            consent_text=conference.consent_text,
        )
        services.confirm_email(registration)
    page.get_by_role("link", name="Anmeldungen", exact=True).click()
    expect(page.locator("h1")).to_contain_text("Anmeldungen")
    expect(page.get_by_text("Kim Muster")).to_be_visible()
    shot(page, "anmeldungen-liste")
    page.get_by_role("button", name="Filter anzeigen").click()
    expect(page.get_by_text("Filtern nach")).to_be_visible()
    shot(page, "anmeldungen-filter")
    page.keyboard.press("Escape")
    page.locator("header").get_by_role("button", name="Aktionen").first.click()
    csv_link = page.get_by_role("link", name="CSV herunterladen")
    expect(page.get_by_role("link", name="XLSX herunterladen")).to_be_visible()
    shot(page, "anmeldungen-export")
    with page.expect_download() as download:
        csv_link.click()
    exported = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert "Kim Muster" in exported and "person0@example.org" in exported

    # --- Dashboard ----------------------------------------------------------------------
    # The next events with their registrations (the conference's two from above), what waits
    # for review, outdated translations, offers not updated for a long time.
    page.goto(f"{site}/admin/")
    expect(page.locator("#portal-upcoming-section")).to_contain_text(conference.title)
    expect(page.locator("#portal-chart-section svg[role=img]")).to_be_visible()
    shot(page, "dashboard")
