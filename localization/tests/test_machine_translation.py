"""Machine translation: configured by environment, off by default; a published translation
that still shows unreviewed machine-translated strings tells visitors so."""

import json
import os
import subprocess
import sys
from html.parser import HTMLParser
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale, Page
from wagtail_localize.machine_translators.dummy import translate_string
from wagtail_localize.models import StringSegment, StringTranslation

from localization.templatetags.localization_tags import german_original_if_machine_translated
from localization.tests.helpers import localize, published_on_commit
from press.models import PressReleasePage

NOTICE = "This page was translated automatically. The German original is authoritative."


class NoticeParser(HTMLParser):
    """The text and links of elements with role="note" inside <main>."""

    def __init__(self):
        super().__init__()
        self.notes = []
        self._depth = 0
        self._in_main = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "main":
            self._in_main = True
        if self._depth:
            self._depth += 1
            if tag == "a":
                self.notes[-1]["links"].append(attrs.get("href"))
        elif self._in_main and attrs.get("role") == "note":
            self._depth = 1
            self.notes.append({"text": "", "links": []})

    def handle_endtag(self, tag):
        if tag == "main":
            self._in_main = False
        if self._depth:
            self._depth -= 1

    def handle_data(self, data):
        if self._depth:
            self.notes[-1]["text"] += data


def notes(response):
    assert response.status_code == 200
    parser = NoticeParser()
    parser.feed(response.content.decode())
    return parser.notes


def squash(text):
    return " ".join(text.split())


def settings_with(env):
    """WAGTAILLOCALIZE_MACHINE_TRANSLATOR as portal.settings.base reads it from ``env``."""
    code = (
        "import json; from django.conf import settings as s;"
        "print(json.dumps(getattr(s, 'WAGTAILLOCALIZE_MACHINE_TRANSLATOR', None)))"
    )
    clean = {key: value for key, value in os.environ.items() if key != "MACHINE_TRANSLATOR"}
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**clean, "DJANGO_SETTINGS_MODULE": "portal.settings.base", **env},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def test_machine_translation_is_off_by_default_and_configured_by_environment():
    assert settings_with({}) is None
    assert settings_with({"MACHINE_TRANSLATOR": "deepl", "DEEPL_AUTH_KEY": "k:fx"}) == {
        "CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
        "OPTIONS": {"AUTH_KEY": "k:fx"},
    }
    assert settings_with(
        {
            "MACHINE_TRANSLATOR": "libretranslate",
            "LIBRETRANSLATE_URL": "https://translate.example.org/",
            "LIBRETRANSLATE_API_KEY": "secret",
        }
    ) == {
        "CLASS": "wagtail_localize.machine_translators.libretranslate.LibreTranslator",
        "OPTIONS": {"LIBRETRANSLATE_URL": "https://translate.example.org", "API_KEY": "secret"},
    }
    assert settings_with({"MACHINE_TRANSLATOR": "dummy"})["CLASS"].endswith("DummyTranslator")


@pytest.fixture
def release(demo):
    """A German press release without a Ukrainian translation."""
    page = PressReleasePage.objects.filter(locale__language_code="de").order_by("path").first()
    Page.objects.filter(translation_key=page.translation_key, locale__language_code="uk").delete()
    return page


def test_notice_while_machine_strings_are_unreviewed(client, editor, release):
    record, translated = localize(release, "uk", editor)
    client.force_login(editor)

    # The editor presses "Translate automatically" in wagtail-localize's editor.
    edit_url = reverse("wagtailadmin_pages:edit", args=[translated.pk])
    response = client.post(
        reverse("wagtail_localize:machine_translate", args=[record.pk]), {"next": edit_url}
    )
    assert response.status_code == 302
    machine = StringTranslation.objects.filter(
        locale=record.target_locale, translation_type="machine"
    )
    assert machine.exists()
    with published_on_commit():
        record.save_target(user=editor, publish=True)
    client.logout()

    translated.refresh_from_db()
    response = client.get(translated.get_url())
    body = response.content.decode()
    assert translate_string(release.title) in body  # the dummy backend reverses words
    assert '<html lang="uk"' in body
    with translation.override("uk"):
        expected = translation.gettext(NOTICE)
    [note] = notes(response)
    assert expected in squash(note["text"])
    assert note["links"] == [release.get_url()]

    # An editor reviews every machine-translated string and saves it as their own.
    client.force_login(editor)
    for segment in StringSegment.objects.filter(source=record.source):
        response = client.put(
            reverse("wagtail_localize:edit_string_translation", args=[record.pk, segment.pk]),
            urlencode({"value": f"Переклад: {segment.string.data}"}),
            content_type="application/x-www-form-urlencoded",
        )
        assert response.status_code in (200, 201), response.content
    assert not machine.exists()
    with published_on_commit():
        record.save_target(user=editor, publish=True)
    client.logout()

    response = client.get(translated.get_url())
    assert "Переклад: " in response.content.decode()
    assert notes(response) == []


def test_no_notice_on_german_pages_or_manual_translations(client, demo, release):
    assert notes(client.get(release.get_url())) == []
    copied = Page.objects.filter(locale__language_code="en", depth__gt=2).live().first()
    assert notes(client.get(copied.get_url())) == []


def test_one_query_at_most_and_none_for_german_pages(django_assert_num_queries, editor, release):
    german = Page.objects.select_related("locale").get(pk=release.pk)
    with django_assert_num_queries(0):
        assert german_original_if_machine_translated(german) is None

    _record, translated = localize(release, "uk", editor)
    translated = Page.objects.select_related("locale").get(pk=translated.pk)
    with django_assert_num_queries(1):
        assert german_original_if_machine_translated(translated) is None
    assert translated.locale == Locale.objects.get(language_code="uk")


def test_no_machine_translation_into_leichte_sprache(db):
    """No engine writes Leichte Sprache: wagtail-localize's backends compare base language
    codes, so "de" → "de-x-ls" is never offered, while "de" → "en" is."""
    from wagtail_localize.machine_translators import get_machine_translator

    translator = get_machine_translator()
    german = Locale.objects.get(language_code="de")
    assert translator.can_translate(german, Locale.objects.get(language_code="de-x-ls")) is False
    assert translator.can_translate(german, Locale.objects.get(language_code="en")) is True
