"""Showing shared, translatable records in the visitor's language without a query per record."""

from django.conf import settings
from django.db.models import Q
from django.utils.translation import get_language
from wagtail.models import Locale

from core.pages import public


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
        source = index_page.get_translation_or_none(default_locale)
        if source is not None:
            untranslated = public(model.objects.child_of(source).live()).exclude(
                translation_key__in=own.values("translation_key")
            )
            condition |= Q(pk__in=untranslated.values("pk"))
    return model.objects.filter(condition)


def source_of(page):
    """The default-language version of a page (which owns the sessions), else the page."""
    default = Locale.get_default()
    if page.locale_id == default.pk:
        return page
    return page.get_translation_or_none(default) or page


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
