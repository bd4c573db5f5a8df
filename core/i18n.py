"""Showing shared, translatable records in the visitor's language without a query per record."""

from django.conf import settings
from django.db.models import BooleanField, CharField, Exists, ExpressionWrapper, OuterRef, Q
from django.db.models.functions import Cast
from django.utils.html import format_html
from django.utils.translation import get_language
from wagtail.models import Locale, Page, Revision, TranslatableMixin

from core.locales import language_info
from core.pages import public, translation
from core.request_memo import memo


def active_locale():
    return Locale.get_active()


def localized_map(objects, locale=None):
    """``{translation_key: record}`` with each record in ``locale`` (default: the active one)
    where a translation exists, else the record itself. One query for any number of records.
    """
    objects = [obj for obj in objects if obj is not None]
    if not objects:
        return {}
    locale = locale or active_locale()
    by_key = {obj.translation_key: obj for obj in objects}
    missing = [obj.translation_key for obj in objects if obj.locale_id != locale.pk]
    if missing:  # none where every record is in that language already (German pages)
        model = type(objects[0])
        for translation in model.objects.filter(translation_key__in=missing, locale=locale):
            by_key[translation.translation_key] = translation
    return by_key


def localize_all(objects, locale=None):
    """The records in the visitor's language, in the given order, without duplicates."""
    mapping = localized_map(objects, locale)
    seen, result = set(), []
    for obj in objects:
        if obj is not None and obj.translation_key not in seen:
            seen.add(obj.translation_key)
            result.append(mapping[obj.translation_key])
    return result


def localized_rows(queryset, locale=None, select_related=()):
    """``localize_all(list(queryset), locale)`` in one query where that makes two: the
    records of ``queryset`` in its order, each as its translation in ``locale`` (a page's:
    where it is live) where one exists, else itself. ``select_related`` as for the queryset
    itself (the records read here are read anew)."""
    locale = locale or active_locale()
    model = queryset.model
    original = Q(pk__in=queryset.values("pk"))
    translation = Q(locale=locale, translation_key__in=queryset.values("translation_key"))
    if issubclass(model, Page):
        translation &= Q(live=True)
    rows = (
        model._default_manager.filter(original | translation)
        .annotate(is_original=ExpressionWrapper(original, output_field=BooleanField()))
        .select_related(*select_related)
        .order_by(*(queryset.query.order_by or model._meta.ordering))
    )
    originals, in_locale = [], {}
    for row in rows:
        if row.is_original:
            originals.append(row)
        if row.locale_id == locale.pk:
            in_locale.setdefault(row.translation_key, row)
    seen, result = set(), []
    for row in originals:
        if row.translation_key not in seen:
            seen.add(row.translation_key)
            result.append(in_locale.get(row.translation_key, row))
    return result


def content_language(page):
    """The language of what ``page`` (or any translatable record) shows: its locale's; for
    an alias in another locale (a page standing in for a missing translation,
    ``localization.fallbacks``), the default language. No query where the record is in the
    active or the default locale."""
    default = Locale.get_default()
    if page.locale_id == default.pk or stands_in(page):
        return default.language_code
    active = active_locale()
    if page.locale_id == active.pk:
        return active.language_code
    return page.locale.language_code


def live_words_are_the_sources():
    """Pages (as an ``Exists`` over the outer page) whose live revision is another page's:
    an alias that "Translate this page" has turned into the translation's draft keeps the
    German page's revision as its live one until a translation of it is published."""
    return Revision.objects.filter(pk=OuterRef("live_revision_id")).exclude(
        object_id=Cast(OuterRef("pk"), CharField())
    )


def stands_in(page):
    """Whether ``page``, in a language other than the default, shows the default-language
    page's words for want of a translation: an alias (``localization.fallbacks``), or such
    an alias turned into a translation's draft that nobody has published yet. From the
    page's row; one query, once per request, only for a live page with unpublished changes
    (a draft waiting on a page)."""
    if getattr(page, "alias_of_id", None) is not None:
        return True
    if not (isinstance(page, Page) and page.live and page.has_unpublished_changes):
        return False
    if page.live_revision_id is None:
        return False
    return memo(
        ("stands-in", page.pk),
        lambda: (
            Page.objects.filter(pk=page.pk).filter(Exists(live_words_are_the_sources())).exists()
        ),
    )


def in_other_language(page, locale=None):
    """Whether ``page`` shows its content in another language than ``locale`` (default: the
    visitor's): a German page in a Turkish listing, or its Turkish stand-in."""
    return content_language(page) != (locale or active_locale()).language_code


def language_attributes(record):
    """`` lang="…" dir="…"`` (safe HTML) for an element showing ``record``'s own words where
    they are in another language than the visitor's (``content_language``); empty where
    they are in the visitor's language or ``record`` is not translatable."""
    if not isinstance(record, TranslatableMixin):
        return ""
    code = content_language(record)
    if code == get_language():
        return ""
    info = language_info(code)
    return format_html(' lang="{}" dir="{}"', info["code"], info["dir"])


def is_default_language(code=None):
    return (code or get_language()) == settings.LANGUAGE_CODE


def absolute_url(page, request):
    """The page's address on the host the visitor used (the Site record may say another)."""
    return request.build_absolute_uri(page.get_url(request))


def children_with_fallback(model, index_page, default_locale=None):
    """Live pages of ``model`` below ``index_page``, plus those below its default-language
    version that have no live translation below it yet: listings in every language show
    everything, untranslated items in German."""
    default_locale = default_locale or Locale.get_default()
    own = public(model.objects.child_of(index_page).live())
    condition = Q(pk__in=own.values("pk"))
    if index_page.locale_id != default_locale.pk:
        source = translation(index_page, default_locale)
        if source is not None:
            untranslated = public(model.objects.child_of(source).live()).exclude(
                translation_key__in=own.values("translation_key")
            )
            condition |= Q(pk__in=untranslated.values("pk"))
    return model.objects.filter(condition)


def source_of(page):
    """The default-language version of a page (which owns the sessions), else the page."""
    return translation(page, Locale.get_default()) or page


def localize_pages(pages, locale):
    """Pages in ``locale`` where a live translation exists, else themselves; one query."""
    missing = [p.translation_key for p in pages if p.locale_id != locale.pk]
    if not missing:
        return list(pages)
    model = type(pages[0])
    translated = {
        p.translation_key: p
        for p in model.objects.filter(translation_key__in=missing, locale=locale, live=True)
    }
    return [translated.get(p.translation_key, p) for p in pages]
