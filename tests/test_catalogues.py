"""UI catalogues are complete and compiled: no visitor ever sees a raw msgid."""

from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

from core.locales import catalogue_languages

LOCALE_DIR = Path(settings.BASE_DIR) / "locale"
# msgids are English, so the English catalogue may leave msgstr empty (gettext falls back to
# the msgid); every other language must translate everything.
SOURCE_LANGUAGE_OF_MSGIDS = "en"
# Languages with a catalogue of their own; Leichte Sprache (de-x-ls) uses German's.
LANGUAGES = catalogue_languages()


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_has_a_catalogue(language):
    assert (LOCALE_DIR / language / "LC_MESSAGES" / "django.po").is_file()
    assert (LOCALE_DIR / language / "LC_MESSAGES" / "django.mo").is_file()


@pytest.mark.parametrize("language", [c for c in LANGUAGES if c != SOURCE_LANGUAGE_OF_MSGIDS])
def test_catalogue_is_fully_translated(language):
    po = polib.pofile(str(LOCALE_DIR / language / "LC_MESSAGES" / "django.po"))
    untranslated = [entry.msgid for entry in po.untranslated_entries()]
    fuzzy = [entry.msgid for entry in po.fuzzy_entries()]
    assert untranslated == [], f"{language}: untranslated {untranslated}"
    assert fuzzy == [], f"{language}: fuzzy {fuzzy}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_compiled_catalogue_matches_its_source(language):
    folder = LOCALE_DIR / language / "LC_MESSAGES"
    po = polib.pofile(str(folder / "django.po"))
    mo = polib.mofile(str(folder / "django.mo"))

    def entries(catalogue):
        return {
            (entry.msgctxt, entry.msgid): entry.msgstr or tuple(sorted(entry.msgstr_plural.items()))
            for entry in catalogue
            if entry.msgid and (entry.msgstr or any(entry.msgstr_plural.values()))
        }

    fuzzy = {(entry.msgctxt, entry.msgid) for entry in po.fuzzy_entries()}
    expected = {key: value for key, value in entries(po).items() if key not in fuzzy}
    assert entries(mo) == expected, f"run `make messages` to recompile {language}"


@pytest.mark.parametrize("language", [c for c in LANGUAGES if c != SOURCE_LANGUAGE_OF_MSGIDS])
def test_pages_show_translated_ui_strings(demo_site, language):
    with translation.override(language):
        skip_link = translation.gettext("Skip to main content")
        footer_label = translation.gettext("Legal information")
    assert skip_link != "Skip to main content"
    html = Client().get(f"/{language}/").content.decode()
    assert skip_link in html
    assert footer_label in html
    for msgid in ("Skip to main content", "Legal information", "Main navigation", "Language"):
        assert f">{msgid}<" not in html and f'"{msgid}"' not in html, msgid


def test_only_leichte_sprache_borrows_a_catalogue():
    site_languages = [code for code, _name in settings.LANGUAGES]
    assert set(site_languages) - set(LANGUAGES) == {"de-x-ls"}
    assert not (LOCALE_DIR / "de-x-ls").exists()
    assert not (LOCALE_DIR / "de_X-ls").exists()
