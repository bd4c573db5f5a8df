"""Site search: the visitor's language first, German where no translation exists yet."""

import re

from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET
from wagtail.models import Locale, Page

from core.i18n import in_other_language

MAX_QUERY_LENGTH = 200
MAX_HITS = 200
PAGE_SIZE = 20


def clean_query(raw):
    """Words only: punctuation, quotes and control characters would be search syntax (or an
    error) for the database's full-text engine, and mean nothing to a visitor's search."""
    words = re.sub(r"[^\w\s-]", " ", raw.replace("\x00", " ")).split()
    return " ".join(word.strip("-") for word in words if word.strip("-"))[:MAX_QUERY_LENGTH]


def search_pages(query, locale, default_locale):
    """Live pages matching ``query`` in ``locale``, plus German pages that have no live
    translation in ``locale``; best match first."""
    locales = {locale.pk, default_locale.pk}
    hits = list(
        Page.objects.live()
        .public()
        .filter(locale_id__in=locales, depth__gt=2)
        .search(query)[:MAX_HITS]
    )
    translated_keys = {hit.translation_key for hit in hits if hit.locale_id == locale.pk}
    if locale.pk != default_locale.pk:
        translated_keys |= set(
            Page.objects.live()
            .filter(locale=locale, translation_key__in=[hit.translation_key for hit in hits])
            .values_list("translation_key", flat=True)
        )
    results = []
    for hit in hits:
        if hit.locale_id != locale.pk and hit.translation_key in translated_keys:
            continue  # the visitor's language has this page; show that one
        hit.is_fallback = in_other_language(hit, locale)
        results.append(hit)
    return results


def summary_of(page):
    """The short text a page type offers for listings: teaser, introduction or description."""
    for name in ("teaser", "search_description", "introduction", "hero_text"):
        value = getattr(page, name, "")
        if value:
            return str(value)
    return ""


@require_GET
def search(request):
    query = " ".join(request.GET.get("q", "").split())[:MAX_QUERY_LENGTH]
    terms = clean_query(query)
    locale = Locale.get_active()
    results = []
    if terms:
        results = search_pages(terms, locale, Locale.get_default())
    page = Paginator(results, PAGE_SIZE).get_page(request.GET.get("page"))
    specific = {p.pk: p for p in Page.objects.filter(pk__in=[r.pk for r in page]).specific()}
    for result in page:
        result.specific_page = specific.get(result.pk, result)
        result.summary = summary_of(result.specific_page)
    return render(
        request,
        "search.html",
        {"query": query, "results": page, "count": len(results), "alternates_are_homes": False},
    )
