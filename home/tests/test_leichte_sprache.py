"""Leichte Sprache (easy-to-read German) is a content variant with its own prefix, menu entry
and ``lang``; its interface strings and formats are German's, and German visitors still land
on /de/."""

import pytest
from django.utils import translation
from wagtail.models import Locale, Page

from home.models import HomePage
from programmes.models import ProgrammePage
from tests.language_links import parse

LS = "de-x-ls"


def test_leichte_sprache_home_answers_with_its_own_lang(client, demo):
    response = client.get("/de-x-ls/")
    assert response.status_code == 200
    page = parse(response)
    assert page.html_attrs == {"lang": "de-x-ls", "dir": "ltr"}
    html = response.content.decode()
    assert "Hilfe für Familien von Anfang an" in html
    assert "Familien-Zentren" in html


def test_language_menu_offers_leichte_sprache(client, demo):
    page = parse(client.get("/de/"))
    link = page.menu_links["de-x-ls"]
    assert link["href"] == "/de-x-ls/"
    assert link["lang"] == "de-x-ls"
    html = client.get("/de/").content.decode()
    assert ">Leichte Sprache</a>" in html
    # A page without a Leichte Sprache version offers its German text there, marked.
    imprint = parse(client.get("/de/impressum/")).menu_links["de-x-ls"]
    assert imprint["href"] == "/de-x-ls/impressum/"
    html = client.get(imprint["href"]).content.decode()
    assert '<html lang="de-x-ls"' in html
    assert '<h1 lang="de" dir="ltr">Impressum</h1>' in html


def test_interface_falls_back_to_german(client, demo):
    html = client.get("/de-x-ls/").content.decode()
    with translation.override("de"):
        skip_link = translation.gettext("Skip to main content")
        legal = translation.gettext("Legal information")
    assert skip_link != "Skip to main content"
    assert f">{skip_link}<" in html
    assert legal in html
    assert ">Skip to main content<" not in html


def test_dates_use_german_formats():
    from datetime import date

    from django.utils.formats import date_format

    with translation.override(LS):
        assert date_format(date(2026, 3, 1)) == "1. März 2026"
        assert translation.get_language_info(LS)["name_local"] == "Leichte Sprache"


def test_no_hreflang_for_leichte_sprache(client, demo):
    german = parse(client.get("/de/"))
    assert "de-x-ls" not in german.alternates
    assert set(german.alternates) == {"de", "en", "tr", "ar", "uk", "x-default"}
    assert parse(client.get("/de-x-ls/")).alternates == {}


@pytest.mark.parametrize("accept_language", ["de", "de-DE,de;q=0.9", "de-AT"])
def test_german_browsers_land_on_german_not_leichte_sprache(client, demo, accept_language):
    response = client.get("/", headers={"Accept-Language": accept_language})
    assert response.status_code == 302
    assert response["Location"] == "/de/"


def test_demo_pages_in_leichte_sprache_are_live(demo):
    locale = Locale.objects.get(language_code=LS)
    home = HomePage.objects.get(locale=locale)
    assert home.live
    assert home.translation_key == demo.root_page.translation_key
    programme = ProgrammePage.objects.get(locale=locale, alias_of__isnull=True)
    assert programme.live
    assert programme.url == "/de-x-ls/angebote/allein-erziehende-in-kassel/"
    german = programme.get_translation(Locale.get_default())
    assert german.slug == "alleinerziehende-in-kassel"


def test_leichte_sprache_programme_page(client, demo):
    response = client.get("/de-x-ls/angebote/allein-erziehende-in-kassel/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Der Kurs hat 20 Treffen." in html
    assert "Familien-Zentrum" in html
    assert parse(response).html_attrs["lang"] == "de-x-ls"
    # The finder above it answers in Leichte Sprache too.
    assert client.get("/de-x-ls/angebote/").status_code == 200
    # The German page offers its Leichte Sprache version in the menu.
    german = parse(client.get("/de/angebote/alleinerziehende-in-kassel/"))
    assert german.menu_links["de-x-ls"]["href"] == "/de-x-ls/angebote/allein-erziehende-in-kassel/"


def test_sitemap_lists_leichte_sprache_without_hreflang(client, demo):
    import xml.etree.ElementTree as ET

    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ET.fromstring(client.get("/sitemap.xml").content)
    entries = {
        url.find("s:loc", ns).text: {link.get("hreflang") for link in url.findall("x:link", ns)}
        for url in root.findall("s:url", ns)
    }
    assert entries["http://testserver/de-x-ls/"] == set()
    assert "de-x-ls" not in entries["http://testserver/de/"]
    assert "de" in entries["http://testserver/de/"]
    live = Page.objects.live().filter(depth__gt=1)
    stand_ins = live.filter(alias_of__isnull=False).exclude(locale__language_code="de")
    assert live.count() - stand_ins.count() == len(entries)
