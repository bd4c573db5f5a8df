"""Where each German page stands in each target language.

A fixed number of queries whatever the size of the site: the German pages of one listing
page, their translated pages, their wagtail-localize sources and translation records are
each fetched in one query and joined here in Python.

A translation managed by wagtail-localize is *outdated* when the German page was published
after its strings were last extracted (``TranslationSource.last_updated_at``: the editor has
to sync), or when strings were synced after the translated page was last published (the
translator still has to publish). A translated page without an active ``Translation``
record was copied or written by hand (*own version*): the report cannot tell whether it
follows the German page. A German page's stand-in (localization.fallbacks) is *German shown*.
"""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.text import format_lazy
from django.utils.timezone import localdate
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from core.demo_builder import DEMO_TRANSLATOR

MISSING = "missing"
GERMAN_SHOWN = "german-shown"
DRAFT = "draft"
UP_TO_DATE = "up-to-date"
OUTDATED = "outdated"
UNMANAGED = "unmanaged"

# In the words of an editor's work, not of the software (the German admin: fehlt, Deutsch
# wird angezeigt, Entwurf, übersetzt, veraltet, eigene Fassung).
STATUS_LABELS = {
    MISSING: _("Missing"),
    GERMAN_SHOWN: _("German shown"),
    DRAFT: _("Draft"),
    UP_TO_DATE: _("Translated"),
    OUTDATED: _("Outdated"),
    UNMANAGED: _("Own version"),
}


@dataclass
class Cell:
    locale: Locale
    status: str
    translated_page_id: int | None = None
    links: list = field(default_factory=list)  # (label, url) pairs
    reason: str = ""
    since: object = None  # the date the German page changed, for an outdated translation

    @property
    def label(self):
        if self.status == OUTDATED and self.since:
            return format_lazy(
                _("Outdated since the change of {date}"), date=date_format(self.since)
            )
        return STATUS_LABELS[self.status]


@dataclass
class Row:
    page: Page
    section: Page | None
    cells: list


def source_locale():
    return Locale.get_default()


def target_locales(source, language=""):
    locales = Locale.objects.exclude(pk=source.pk).order_by("language_code")
    if language:
        locales = locales.filter(language_code=language)
    return list(locales)


def sections(home):
    """The German top-level sections below the home page (programmes, calendar, press …)."""
    if home is None:
        return []
    return list(home.get_children().only("id", "title", "path", "depth").order_by("path"))


def german_pages(source, home, section=None):
    """Every German page of the site (the home page included), in tree order."""
    pages = Page.objects.filter(locale=source, depth__gt=1).order_by("path")
    if home is not None:
        pages = pages.filter(path__startswith=home.path)
    if section is not None:
        pages = pages.filter(path__startswith=section.path)
    return pages.select_related("content_type").only(
        "id",
        "title",
        "path",
        "depth",
        "live",
        "translation_key",
        "last_published_at",
        "content_type",
    )


def build_rows(pages, source, locales, section_pages):
    """One :class:`Row` per German page with one :class:`Cell` per target locale."""
    pages = list(pages)
    keys = [page.translation_key for page in pages]
    locale_ids = [locale.pk for locale in locales]

    translated = {}
    for values in Page.objects.filter(translation_key__in=keys, locale_id__in=locale_ids).values(
        "id", "translation_key", "locale_id", "live", "last_published_at", "alias_of_id"
    ):
        translated[values["translation_key"], values["locale_id"]] = values

    sources = {
        values["object_id"]: values
        for values in TranslationSource.objects.filter(object_id__in=keys, locale=source).values(
            "id", "object_id", "last_updated_at"
        )
    }
    records = {}
    for values in Translation.objects.filter(
        source_id__in=[values["id"] for values in sources.values()],
        target_locale_id__in=locale_ids,
        enabled=True,
    ).values("id", "source_id", "target_locale_id"):
        records[values["source_id"], values["target_locale_id"]] = values

    # Translations with words nobody has checked yet (the demo's, ``DEMO_TRANSLATOR``).
    unreviewed = set(
        StringTranslation.objects.filter(
            context__object_id__in=keys, locale_id__in=locale_ids, tool_name=DEMO_TRANSLATOR
        )
        .values_list("context__object_id", "locale_id")
        .distinct()
    )

    steplen = Page.steplen
    sections_by_path = {page.path: page for page in section_pages}
    section_depth = section_pages[0].depth if section_pages else None

    rows = []
    for page in pages:
        section = None
        if section_depth is not None and page.depth >= section_depth:
            section = sections_by_path.get(page.path[: steplen * section_depth])
        page_source = sources.get(page.translation_key)
        cells = []
        for locale in locales:
            target = translated.get((page.translation_key, locale.pk))
            cell = _cell(page, locale, target, page_source, records)
            if cell.status == UP_TO_DATE and (page.translation_key, locale.pk) in unreviewed:
                cell.reason = _("Demo translation: to be checked by a native speaker.")
            cells.append(cell)
        rows.append(Row(page=page, section=section, cells=cells))
    return rows


def _cell(page, locale, target, page_source, records):
    translate = (
        _("Translate"),
        reverse("wagtail_localize:submit_page_translation", args=[page.pk]),
    )
    if target is None:
        return Cell(locale, MISSING, links=[translate])
    if target["alias_of_id"]:
        # The German page standing in for the translation (localization.fallbacks):
        # visitors read German there until it is translated, at the same address.
        return Cell(locale, GERMAN_SHOWN, target["id"], [translate])
    edit = (_("Edit translation"), reverse("wagtailadmin_pages:edit", args=[target["id"]]))
    record = records.get((page_source["id"], locale.pk)) if page_source else None
    changed = page.last_published_at
    if record is None:
        reason = _("Changes to the German page do not show here.")
        if changed and target["last_published_at"] and changed > target["last_published_at"]:
            reason = format_lazy(
                _("The German page changed on {date}, after this version."),
                date=date_format(localdate(changed)),
            )
        return Cell(locale, UNMANAGED, target["id"], [edit], reason)
    synced = page_source["last_updated_at"]
    if changed and changed > synced:
        sync = (
            _("Take over the changes"),
            reverse("wagtail_localize:update_translations", args=[page_source["id"]]),
        )
        return Cell(
            locale,
            OUTDATED,
            target["id"],
            [sync, edit],
            _("Take over the German changes, translate what is new, then publish."),
            since=localdate(changed),
        )
    if not target["live"] or target["last_published_at"] is None:
        return Cell(
            locale, DRAFT, target["id"], [(_("Go on translating"), edit[1])], _("Not online yet.")
        )
    if target["last_published_at"] < synced:
        return Cell(
            locale,
            OUTDATED,
            target["id"],
            [(_("Translate and publish"), edit[1])],
            _("The German changes are taken over but not published in this language yet."),
            since=localdate(changed) if changed else None,
        )
    return Cell(locale, UP_TO_DATE, target["id"], [edit])
