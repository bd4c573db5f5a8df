"""The translation status report in the admin: per German page and language, missing, up to
date, outdated or not managed, with the links an editor needs; filters; constant queries."""

from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from wagtail.models import Locale, Page
from wagtail_localize.models import StringTranslation, Translation

from core.demo_builder import DEMO_TRANSLATOR
from home.models import ContentPage
from localization.tests.helpers import localize, published_on_commit
from programmes.models import ProgrammePage

URL = "/admin/reports/translation-status/"


class ReportParser(HTMLParser):
    """Collects the report's table: {page id: {language: (status, text, [hrefs])}}."""

    def __init__(self):
        super().__init__()
        self.rows = {}
        self.headers = []
        self._row = None
        self._cell = None
        self._in_th = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "tr" and "data-page-id" in attrs:
            self._row = self.rows.setdefault(int(attrs["data-page-id"]), {})
        elif tag == "td" and "data-status" in attrs and self._row is not None:
            self._cell = [attrs["data-status"], "", []]
            self._row[attrs["data-language"]] = self._cell
        elif tag == "a" and self._cell is not None:
            self._cell[2].append(attrs["href"])
        elif tag == "th" and attrs.get("scope") == "col":
            self._in_th = True
            self.headers.append("")

    def handle_endtag(self, tag):
        if tag == "td":
            self._cell = None
        elif tag == "tr":
            self._row = None
        elif tag == "th":
            self._in_th = False

    def handle_data(self, data):
        if self._cell is not None:
            self._cell[1] += data
        if self._in_th:
            self.headers[-1] += data.strip()


def report(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200
    parser = ReportParser()
    parser.feed(response.content.decode())
    return parser


def german(model=Page, **filters):
    return model.objects.filter(locale__language_code="de", **filters)


@pytest.fixture
def programme(demo):
    return german(ProgrammePage).order_by("path").first()


def test_lists_every_german_page_with_one_column_per_target_language(client, editor, demo):
    client.force_login(editor)
    parsed = report(client)
    german_ids = set(german(depth__gt=1).values_list("id", flat=True))
    assert set(parsed.rows) == german_ids
    targets = set(
        Locale.objects.exclude(language_code="de").values_list("language_code", flat=True)
    )
    assert {"en", "tr", "ar", "uk"} <= targets
    assert [set(cells) for cells in parsed.rows.values()] == [targets] * len(german_ids)


def test_the_report_speaks_german_to_german_editors(client, editor, demo):
    client.force_login(editor)
    response = client.get(URL, HTTP_ACCEPT_LANGUAGE="de")
    with translation.override("de"):
        from django.utils.translation import gettext

        assert gettext("Translation status") in response.content.decode()
    assert '<html lang="de"' in response.content.decode()


def test_missing_translation_links_to_translate_this_page(client, editor, programme):
    Page.objects.filter(
        translation_key=programme.translation_key, locale__language_code="uk"
    ).delete()
    client.force_login(editor)
    status, text, links = report(client).rows[programme.pk]["uk"]
    assert status == "missing"
    assert reverse("wagtail_localize:submit_page_translation", args=[programme.pk]) in links


def test_the_demo_translations_are_managed_and_wait_for_a_native_speaker(client, editor, demo):
    german = Page.objects.get(slug="alleinerziehende-in-kassel", locale__language_code="de")
    client.force_login(editor)
    row = report(client).rows[german.pk]
    with translation.override("de"):
        review = translation.gettext("Demo translation: to be checked by a native speaker.")
    for language in ("tr", "ar", "uk"):
        status, text, links = row[language]
        assert status == "up-to-date", language
        assert review in text
    # Every string is translated in wagtail-localize's editor, by the demo, to be reviewed.
    record = Translation.objects.get(
        source__object_id=german.translation_key, target_locale__language_code="tr"
    )
    assert record.get_progress()[0] == record.get_progress()[1] > 20
    assert set(
        StringTranslation.objects.filter(
            context__object_id=german.translation_key, locale__language_code="tr"
        ).values_list("tool_name", flat=True)
    ) == {DEMO_TRANSLATOR}
    # Leichte Sprache is written anew, not translated string by string.
    assert row["de-x-ls"][0] == "unmanaged"


def test_translation_copied_without_wagtail_localize_is_not_managed(client, editor, demo):
    # The Turkish "about" page was written freely, outside wagtail-localize.
    copied = Page.objects.get(slug="hakkimizda", locale__language_code="tr")
    source = copied.get_translation(Locale.objects.get(language_code="de"))
    client.force_login(editor)
    status, text, links = report(client).rows[source.pk]["tr"]
    assert status == "unmanaged"
    assert "Eigene Fassung" in text  # the admin speaks German, in the words of the work
    assert "Änderungen der deutschen Seite erscheinen hier nicht." in text
    assert "geändert" not in text
    assert reverse("wagtailadmin_pages:edit", args=[copied.pk]) in links

    source.specific.save_revision(user=editor).publish(user=editor)
    status, text, links = report(client).rows[source.pk]["tr"]
    assert status == "unmanaged"
    today = date_format(timezone.localdate())
    assert f"Die deutsche Seite wurde am {today} geändert, nach dieser Fassung." in text


def test_the_report_speaks_the_editors_language_not_the_softwares(client, editor, demo):
    client.force_login(editor)
    html = client.get(URL).content.decode()
    for jargon in ("wagtail-localize", "Nicht über", "Synchronisieren", "Not managed"):
        assert jargon not in html
    cells = [cell for cells in report(client).rows.values() for cell in cells.values()]
    labels = {status: text.split()[0] for status, text, _links in cells}
    assert labels["german-shown"] == "Deutsch"  # "Deutsch wird angezeigt"
    assert labels["up-to-date"] == "Übersetzt"
    assert labels["unmanaged"] == "Eigene"
    # Every cell offers something to do.
    assert all(links for _status, _text, links in cells)


def test_up_to_date_then_outdated_after_the_german_page_changes_then_synced(
    client, editor, programme
):
    Page.objects.filter(
        translation_key=programme.translation_key, locale__language_code="tr"
    ).delete()
    record, translated = localize(programme, "tr", editor)
    client.force_login(editor)

    status, _text, links = report(client).rows[programme.pk]["tr"]
    assert status == "up-to-date"
    assert reverse("wagtailadmin_pages:edit", args=[translated.pk]) in links

    programme.title = "Neuer Titel des Programms"
    programme.save_revision(user=editor).publish(user=editor)
    status, text, links = report(client).rows[programme.pk]["tr"]
    assert status == "outdated"
    assert f"Veraltet seit der Änderung vom {date_format(timezone.localdate())}" in text
    sync_url = reverse("wagtail_localize:update_translations", args=[record.source_id])
    assert sync_url in links

    # The editor syncs (without publishing): still outdated until the translation is published.
    response = client.post(sync_url, {})
    assert response.status_code == 302
    status, text, links = report(client).rows[programme.pk]["tr"]
    assert status == "outdated"
    assert sync_url not in links

    with published_on_commit():
        record.save_target(user=editor, publish=True)
    assert report(client).rows[programme.pk]["tr"][0] == "up-to-date"


def test_filter_by_language(client, editor, demo):
    client.force_login(editor)
    parsed = report(client, language="ar")
    assert parsed.rows
    assert all(set(cells) == {"ar"} for cells in parsed.rows.values())
    assert parsed.headers[-1] == Locale.objects.get(language_code="ar").get_display_name()
    assert Locale.objects.get(language_code="en").get_display_name() not in parsed.headers


def test_filter_by_section(client, editor, programme):
    section = programme.get_parent()
    client.force_login(editor)
    parsed = report(client, section=section.pk)
    expected = set(german(path__startswith=section.path).values_list("id", flat=True))
    assert set(parsed.rows) == expected
    assert programme.pk in parsed.rows
    assert german(depth=2).first().pk not in parsed.rows  # the home page is elsewhere


def test_unknown_filter_values_show_the_whole_report(client, editor, demo):
    client.force_login(editor)
    parsed = report(client, section="nonsense", language="xx")
    assert set(parsed.rows) == set(german(depth__gt=1).values_list("id", flat=True))


def test_translators_with_admin_access_see_it_and_the_menu_item(client, editor, demo):
    client.force_login(editor)
    response = client.get("/admin/")
    assert URL in response.content.decode()


def test_people_without_admin_access_do_not(client, django_user_model, demo):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]

    visitor = django_user_model.objects.create_user("besucher", "b@example.org", "pw")
    client.force_login(visitor)
    response = client.get(URL)
    assert response.status_code in (302, 403)
    assert b"translation-status" not in response.content


def _queries_for_report(client, section, expected_rows):
    with CaptureQueriesContext(connection) as queries:
        parsed = report(client, section=section.pk)
    assert len(parsed.rows) == expected_rows
    return len(queries)


def test_query_count_does_not_grow_with_the_number_of_pages(client, editor, demo):
    home = german(depth=2).first()
    section = home.add_child(instance=ContentPage(title="Messbereich", slug="messbereich"))
    # Translations of each kind, so every branch of the report runs.
    localize(section, "en", editor)
    for number in range(9):
        page = section.add_child(instance=ContentPage(title=f"Seite {number}", slug=f"s-{number}"))
        if number < 3:
            localize(page, "en", editor)
    client.force_login(editor)
    client.get(URL)  # warm caches (permissions, site root paths)
    with_10 = _queries_for_report(client, section, 10)

    for number in range(9, 99):
        page = section.add_child(instance=ContentPage(title=f"Seite {number}", slug=f"s-{number}"))
        if number < 12:
            localize(page, "en", editor)
    with_100 = _queries_for_report(client, section, 100)

    assert with_10 == with_100
    assert with_100 <= 25


def test_the_page_tree_lists_the_german_home_first(client, editor, demo):
    client.force_login(editor)
    html = client.get("/admin/pages/").content.decode()
    homes = Page.objects.filter(depth=2)
    positions = {
        home.locale.language_code: html.index(f"/admin/pages/{home.pk}/") for home in homes
    }
    assert min(positions, key=positions.get) == "de"
