"""Every language answers under its own prefix, with the right lang/dir, hreflang links and a
language menu that only offers translations that exist."""

import re

import pytest
from django.conf import settings

from tests.language_links import parse

LANGUAGE_DIRECTIONS = {
    "de": "ltr",
    "de-x-ls": "ltr",  # Leichte Sprache (easy-to-read German)
    "en": "ltr",
    "tr": "ltr",
    "ar": "rtl",
    "uk": "ltr",
}
# Languages search engines accept as hreflang; Leichte Sprache is not one (core.locales).
HREFLANG_LANGUAGES = {"de", "en", "tr", "ar", "uk"}


def test_settings_offer_five_languages_and_leichte_sprache():
    codes = [code for code, _name in settings.LANGUAGES]
    assert codes == ["de", "de-x-ls", "en", "tr", "ar", "uk"]
    assert settings.LANGUAGE_CODE == "de"


@pytest.mark.parametrize("language", LANGUAGE_DIRECTIONS)
def test_home_answers_in_each_language(client, demo_site, language):
    response = client.get(f"/{language}/")
    assert response.status_code == 200
    page = parse(response)
    assert page.html_attrs["lang"] == language
    assert page.html_attrs["dir"] == LANGUAGE_DIRECTIONS[language]
    if language in HREFLANG_LANGUAGES:
        assert set(page.alternates) == HREFLANG_LANGUAGES | {"x-default"}
    else:
        assert page.alternates == {}
    assert set(page.menu_links) == set(LANGUAGE_DIRECTIONS)


def test_hreflang_links_resolve_to_the_translations(client, demo_site):
    page = parse(client.get("/de/ueber-uns/"))
    assert page.alternates["x-default"] == page.alternates["de"]
    for language, url in page.alternates.items():
        response = client.get(url)
        assert response.status_code == 200, url
        expected = "de" if language == "x-default" else language
        assert parse(response).html_attrs["lang"] == expected


def test_language_menu_offers_every_language_and_hreflang_only_translations(client, demo_site):
    # The imprint is translated into English only; in the other languages the German text
    # stands in at that language's address, which the menu offers and hreflang does not.
    page = parse(client.get("/de/impressum/"))
    assert set(page.menu_links) == set(LANGUAGE_DIRECTIONS)
    assert page.menu_links["en"]["href"] == "/en/imprint/"
    assert page.menu_links["tr"]["href"] == "/tr/impressum/"
    assert page.menu_links["de"]["aria-current"] == "true"
    assert set(page.alternates) == {"de", "en", "x-default"}
    for language, link in page.menu_links.items():
        response = client.get(link["href"])
        assert response.status_code == 200, link
        assert parse(response).html_attrs["lang"] == language


def test_language_menu_names_each_language_in_itself(client, demo_site):
    html = client.get("/en/").content.decode()
    for name in ("Deutsch", "Leichte Sprache", "English", "Türkçe", "العربيّة", "Українська"):
        assert re.search(rf">\s*{name}\s*</a>", html), name


def test_draft_translation_is_not_offered(client, demo_site):
    from wagtail.models import Page

    turkish_about = Page.objects.get(locale__language_code="tr", slug="hakkimizda")
    turkish_about.unpublish()
    page = parse(client.get("/de/ueber-uns/"))
    assert "tr" not in page.menu_links
    assert "tr" not in page.alternates
    assert client.get("/tr/hakkimizda/").status_code == 404


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [
        ("ar,en;q=0.5", "/ar/"),
        ("uk-UA,uk;q=0.9,ru;q=0.8", "/uk/"),
        ("tr-TR", "/tr/"),
        ("en-GB,en;q=0.9", "/en/"),
        ("fr-FR,fr;q=0.9", "/de/"),
        ("", "/de/"),
    ],
)
def test_root_redirects_to_the_best_language(client, demo_site, accept_language, expected):
    headers = {"Accept-Language": accept_language} if accept_language else {}
    response = client.get("/", headers=headers)
    assert response.status_code == 302
    assert response["Location"] == expected
    assert "Accept-Language" in response.get("Vary", "")


def test_unknown_language_prefix_is_a_404_not_an_error(client, demo_site):
    response = client.get("/fr/", headers={"Accept-Language": "de"}, follow=True)
    assert response.status_code == 404
    assert "Seite nicht gefunden" in response.content.decode()


def test_404_speaks_the_visitors_language(client, demo_site):
    response = client.get("/ar/no-such-page/")
    assert response.status_code == 404
    page = parse(response)
    assert page.html_attrs == {"lang": "ar", "dir": "rtl"}
    assert "Page not found" not in response.content.decode()
    # No hreflang for an address that does not exist; the menu leads to each language's home.
    assert page.alternates == {}
    assert page.menu_links["de"]["href"] == "/de/"
    assert page.menu_links["uk"]["href"] == "/uk/"
