"""Families keep their language: a page not translated yet is shown at that language's
address, in that language's frame, with its German content marked (localization.fallbacks)."""

import re

import pytest
from django.core import mail
from django.utils import translation
from wagtail.models import Locale, Page
from wagtail_localize.operations import TranslationCreator

from events.models import CoursePage, EventPage
from localization.fallbacks import synchronise
from localization.tests.helpers import localize, published_on_commit
from programmes.models import ProgrammePage
from registrations import services
from registrations.models import Registration
from registrations.tests.conftest import started
from tests.language_links import parse

LANGUAGES = {"de", "de-x-ls", "en", "tr", "ar", "uk"}
COURSE = "wir2-bindungstraining-kassel"  # translated into Turkish, Arabic and Ukrainian
CONFERENCE = "jubilaeumstagung-qualitaetszirkel"  # German only: shown in the visitor's frame
# A programme with no Turkish, Arabic or Ukrainian translation yet.
UNTRANSLATED = "interprofessionelle-qualitaetszirkel"
UNTRANSLATED_TITLE = "Interprofessionelle Qualitätszirkel Frühe Hilfen"
NOTICE = "This page is not yet available in your language. Here it is in German."


@pytest.fixture(autouse=True)
def _no_rate_limit(settings):
    settings.RATELIMIT_ENABLE = False


def in_language(language, text):
    with translation.override(language):
        return translation.gettext(text)


def page_links(html):
    """The addresses of the pages a visitor can follow from ``html`` (not the language menu
    and the header's Leichte Sprache link, which lead to other languages on purpose, nor
    static files)."""
    for other_languages in (
        r'<nav class="language-menu".*?</nav>',
        r'<ul class="site-header__access">.*?</ul>',  # Leichte Sprache, on purpose
    ):
        menu = re.search(other_languages, html, re.S)
        if menu:
            html = html.replace(menu.group(0), "")
    return {
        href
        for href in re.findall(r'href="(/[^"#?]*)', html)
        if not href.startswith(("/static/", "/media/", "/documents/"))
    }


@pytest.mark.parametrize("language", ["tr", "ar"])
def test_every_link_from_the_home_page_stays_in_the_visitors_language(client, demo, language):
    html = client.get(f"/{language}/").content.decode()
    links = page_links(html)
    assert len(links) > 15
    assert {link for link in links if not link.startswith(f"/{language}/")} == set()
    for link in sorted(links):
        response = client.get(link)
        assert response.status_code == 200, link
        assert parse(response).html_attrs["lang"] == language, link


def test_a_page_not_translated_yet_is_german_inside_the_turkish_frame(client, demo):
    html = client.get(f"/tr/destek/{UNTRANSLATED}/").content.decode()
    page = parse(client.get(f"/tr/destek/{UNTRANSLATED}/"))
    assert page.html_attrs == {"lang": "tr", "dir": "ltr"}
    # The German words are marked German; the interface around them is Turkish.
    assert f'<h1 lang="de" dir="ltr">{UNTRANSLATED_TITLE}</h1>' in html
    assert '<p class="lead" lang="de" dir="ltr">' in html
    assert f">{in_language('tr', 'At a glance')}<" in html
    # The notice, in Turkish, with the languages the page is written in.
    notice = re.search(r'<div class="fallback-notice" role="note">(.*?)</div>', html, re.S)
    assert in_language("tr", NOTICE) in notice.group(1)
    versions = dict(re.findall(r'<a href="([^"]+)" hreflang="([^"]+)"', notice.group(1)))
    assert versions == {
        f"/de/angebote/{UNTRANSLATED}/": "de",
        "/en/offers/interprofessional-quality-circles/": "en",
    }
    # Search engines are told of the real versions only.
    assert set(page.alternates) == {"de", "en", "x-default"}
    # The language menu offers every language, each at its own address.
    assert set(page.menu_links) == LANGUAGES
    for language, link in page.menu_links.items():
        response = client.get(link["href"])
        assert response.status_code == 200, link
        assert parse(response).html_attrs["lang"] == language


def test_in_arabic_the_german_words_keep_their_own_direction(client, demo):
    response = client.get("/ar/")
    html = response.content.decode()
    assert parse(response).html_attrs == {"lang": "ar", "dir": "rtl"}
    link = next(link for link in page_links(html) if UNTRANSLATED in link)
    page = client.get(link).content.decode()
    assert '<html lang="ar" dir="rtl">' in page
    assert f'<h1 lang="de" dir="ltr">{UNTRANSLATED_TITLE}</h1>' in page
    assert in_language("ar", NOTICE) in page


@pytest.mark.parametrize(
    ("address", "title"),
    [
        (
            "/en/offers/single-parents-kassel/",
            "Prevention and support for single parents in Kassel",
        ),
        (
            "/tr/destek/alleinerziehende-in-kassel/",
            "Kassel&#x27;de tek ebeveynli aileler için önleme ve destek",
        ),
        ("/ar/al-daam/alleinerziehende-in-kassel/", "الوقاية والدعم للأمهات والآباء"),
        ("/uk/pidtrymka/gesundheit4punktzukunft/", "Gesundheit4PunktZukunft – "),
    ],
)
def test_a_translated_page_has_no_notice_and_its_words_are_not_marked(client, demo, address, title):
    html = client.get(address).content.decode()
    assert "fallback-notice" not in html
    assert f"<h1>{title}" in html


def test_a_translation_published_later_replaces_the_fallback_at_the_same_address(client, demo):
    german = untranslated_programme()
    stand_in = german.get_translation(Locale.objects.get(language_code="uk"))
    address = stand_in.url
    assert stand_in.alias_of_id == german.pk
    assert "fallback-notice" in client.get(address).content.decode()

    _record, ukrainian = localize(german, "uk")
    ukrainian.title = "Міжпрофесійні кола якості"
    ukrainian.save_revision().publish()

    assert (ukrainian.pk, ukrainian.alias_of_id, ukrainian.url) == (stand_in.pk, None, address)
    html = client.get(address).content.decode()
    assert "fallback-notice" not in html
    assert "<h1>Міжпрофесійні кола якості</h1>" in html
    assert "uk" in parse(client.get(address)).alternates


def test_a_translation_started_but_not_published_keeps_the_german_page_marked(client, demo):
    """ "Translate this page" turns the alias into the translation's draft at once; until a
    translator publishes it, visitors still read the German words, still marked so."""
    german = untranslated_programme()
    locale = Locale.objects.get(language_code="uk")
    address = german.get_translation(locale).url
    with published_on_commit():
        TranslationCreator(None, [locale]).create_translations(german)
    draft = german.get_translation(locale)
    assert draft.alias_of_id is None and draft.live and draft.has_unpublished_changes
    html = client.get(address).content.decode()
    assert "fallback-notice" in html
    assert f'<h1 lang="de" dir="ltr">{UNTRANSLATED_TITLE}</h1>' in html
    assert (
        f"<loc>http://testserver{address}</loc>" not in client.get("/sitemap.xml").content.decode()
    )


def test_a_german_page_published_again_updates_its_stand_ins_and_unpublishing_removes_them(
    client, demo
):
    german = untranslated_programme()
    german.teaser = "Ein neuer Anreißer für alle Sprachen."
    german.save_revision().publish()
    assert (
        "Ein neuer Anreißer für alle Sprachen."
        in client.get(f"/tr/destek/{UNTRANSLATED}/").content.decode()
    )
    german.unpublish()
    assert client.get(f"/tr/destek/{UNTRANSLATED}/").status_code == 404


def test_synchronise_gives_pages_made_outside_the_admin_their_stand_ins(demo):
    german_home = Page.objects.get(depth=2, locale__language_code="de")
    new = german_home.add_child(instance=Page(title="Neu von außen", slug="neu-von-aussen"))
    assert not Page.objects.filter(translation_key=new.translation_key).exclude(pk=new.pk)
    assert synchronise() == len(LANGUAGES) - 1
    stand_ins = Page.objects.filter(translation_key=new.translation_key, alias_of=new)
    assert set(stand_ins.values_list("locale__language_code", flat=True)) == LANGUAGES - {"de"}
    assert synchronise() == 0  # safe to re-run


def untranslated_programme():
    return ProgrammePage.objects.get(slug=UNTRANSLATED, locale__language_code="de")


def registration_form(client, address):
    html = client.get(address).content.decode()
    action = re.search(r'<form class="registration__form" method="post" action="([^"#]+)', html)
    return html, action.group(1)


def first_choices(html, *names):
    return {
        name: re.search(rf'name="{name}" id="[^"]+" value="([^"]+)"', html).group(1)
        for name in names
    }


def register_and_confirm(client, action, choices, capture):
    """Send the form as Ayşe Yılmaz with ``choices`` (group or forums); the page she gets,
    her e-mail and the page its confirmation link opens."""
    data = {
        "name": "Ayşe Yılmaz",
        "email": "ayse@example.org",
        "consent": "on",
        "started": started(),
        "website": "",
        **choices,
    }
    with capture(execute=True):
        response = client.post(action, data)
    assert response.status_code == 200
    received = response.content.decode()
    (message,) = mail.outbox
    confirm = re.search(r"https?://[^\s]+(/tr/registration/confirm/[^\s]+/)", message.body)
    confirmed = client.get(confirm.group(1)).content.decode()
    return received, message, confirmed


def test_registration_on_a_translated_course_is_turkish_and_counts_the_same_places(
    client, demo, django_capture_on_commit_callbacks
):
    german = CoursePage.objects.get(slug=COURSE, locale__language_code="de")
    html, action = registration_form(client, f"/tr/takvim/{COURSE}/")
    assert "fallback-notice" not in html
    assert action.startswith("/tr/registration/")
    assert f">{in_language('tr', 'Your name')}" in html
    group = first_choices(html, "group")["group"]
    left_before = services.availability(german).group_left(group)
    received, message, confirmed = register_and_confirm(
        client, action, {"group": group}, django_capture_on_commit_callbacks
    )
    assert '<html lang="tr"' in received
    assert in_language("tr", "Please check your e-mail") in received
    assert "wir2 – Kassel" in received  # the Turkish title, not marked German

    registration = Registration.objects.get(email="ayse@example.org")
    assert (registration.page_id, registration.language) == (german.pk, "tr")
    # The consent the visitor agreed to is the Turkish one they read.
    assert registration.consent.text.startswith("Etkinliği düzenleyenlerin")
    assert services.availability(german).group_left(group) == left_before - 1
    assert in_language("tr", "Your group") in message.body
    assert '<html lang="tr"' in confirmed


def test_registration_from_a_fallback_page_is_turkish_and_counts_the_same_places(
    client, demo, django_capture_on_commit_callbacks
):
    german = EventPage.objects.get(slug=CONFERENCE, locale__language_code="de")
    html, action = registration_form(client, f"/tr/takvim/{CONFERENCE}/")
    assert "fallback-notice" in html
    assert action.startswith("/tr/registration/")
    assert f">{in_language('tr', 'Your name')}" in html
    places_before = services.availability(german).places_left
    choices = first_choices(html, "forum_1", "forum_2")
    received, message, confirmed = register_and_confirm(
        client, action, choices, django_capture_on_commit_callbacks
    )
    assert '<html lang="tr"' in received
    assert in_language("tr", "Please check your e-mail") in received
    assert '<bdi lang="de" dir="ltr">Jubiläumstagung' in received  # German title, isolated

    registration = Registration.objects.get(email="ayse@example.org")
    assert (registration.page_id, registration.language) == (german.pk, "tr")
    assert services.availability(german).places_left == places_before - 1
    assert in_language("tr", "Your forums") in message.body
    assert '<html lang="tr"' in confirmed
    assert '<bdi lang="de" dir="ltr">Jubiläumstagung' in confirmed


def test_the_sitemap_and_the_report_know_a_stand_in_is_no_translation(client, admin_client, demo):
    sitemap = client.get("/sitemap.xml").content.decode()
    assert f"/tr/destek/{UNTRANSLATED}/" not in sitemap
    assert f"/de/angebote/{UNTRANSLATED}/" in sitemap
    assert "/tr/destek/alleinerziehende-in-kassel/" in sitemap  # translated
    report = admin_client.get("/admin/reports/translation-status/").content.decode()
    with translation.override("de"):
        assert translation.gettext("German shown") in report


def header_links(html):
    block = re.search(r'<ul class="site-header__access">(.*?)</ul>', html, re.S)
    return re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', block.group(1)) if block else []


def test_every_page_links_leichte_sprache_and_sign_language_in_its_header(client, demo):
    # The programme has a Leichte Sprache version: the header leads to it.
    html = client.get("/tr/destek/alleinerziehende-in-kassel/").content.decode()
    assert header_links(html) == [
        ("/de-x-ls/angebote/allein-erziehende-in-kassel/", "Leichte Sprache"),
        ("/tr/gebaerdensprache/", in_language("tr", "Sign language")),
    ]
    # The imprint has none: the Leichte Sprache home, never the German text in its frame.
    html = client.get("/de/impressum/").content.decode()
    assert header_links(html)[0] == ("/de-x-ls/", "Leichte Sprache")
    # In Leichte Sprache, links between pages stay in Leichte Sprache.
    html = client.get("/de-x-ls/").content.decode()
    assert 'class="button button--primary" href="/de-x-ls/ueber-uns/"' in html
    assert header_links(html) == [("/de-x-ls/gebaerdensprache/", "Gebärdensprache")]
