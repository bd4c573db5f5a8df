"""Site search: the visitor's language first, German where no translation exists yet."""

import re

from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Subquery
from django.shortcuts import render
from django.views.decorators.http import require_GET
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein
from wagtail.models import Locale, Page

from core import search_index, search_terms
from core.i18n import in_other_language
from core.models import PageSearchTerm

MAX_QUERY_LENGTH = 200
MAX_WORDS = 8
TYPO_MIN_LENGTH = 5
MAX_HITS = 200
PAGE_SIZE = 20


def clean_query(raw):
    """Words only: punctuation, quotes and control characters would be search syntax (or an
    error) for the database's full-text engine, and mean nothing to a visitor's search."""
    # Gender marks inside a word stay: "Lots*innen", "Lots:innen" (core.search_terms).
    words = re.sub(r"[^\w\s*:·-]", " ", raw.replace("\x00", " ")).split()
    marks = "-*:·"
    return " ".join(w.strip(marks) for w in words if w.strip(marks))[:MAX_QUERY_LENGTH]


def with_near_spellings(groups, words):
    """Each word's terms, and where none of them is in the site's vocabulary, the terms one
    letter away from the word as typed (a word of five letters or more): "Alleinerziehnde"
    finds "Alleinerziehende"."""
    known = None
    result = []
    for group, word in zip(groups, words, strict=True):
        if len(word) >= TYPO_MIN_LENGTH:
            known = known if known is not None else search_index.vocabulary()
            if not group & set(known):
                near = process.extract(
                    word.lower(), known, scorer=Levenshtein.distance, score_cutoff=1, limit=5
                )
                group = group | {term for term, _distance, _index in near}
        result.append(group)
    return result


def search_pages(query, locale, default_locale):
    """Live pages matching every word of ``query`` (``core.search_terms``: stems, gendered
    forms, compound parts, a typo of one letter) in ``locale``, plus German pages that have
    no live translation in ``locale``; the pages with most matching terms first. The same
    query on every database."""
    locales = {locale.pk, default_locale.pk}
    words = search_terms.words(query)[:MAX_WORDS]
    typed = [search_terms.word_terms(word, locale.language_code, parts=False) for word in words]
    groups = with_near_spellings(typed, words)
    if not groups:
        return []
    pages = Page.objects.live().public().filter(locale_id__in=locales, depth__gt=2)
    for group in groups:
        pages = pages.filter(
            Exists(PageSearchTerm.objects.filter(page_id=OuterRef("pk"), term__in=group))
        )
    every_term = set().union(*groups)
    matching = (
        PageSearchTerm.objects.filter(page_id=OuterRef("pk"), term__in=every_term)
        .order_by()
        .values("page_id")
        .annotate(count=Count("pk"))
        .values("count")
    )
    hits = list(pages.annotate(score=Subquery(matching)).order_by("-score", "path")[:MAX_HITS])
    translations = {}
    if locale.pk != default_locale.pk:
        # A German hit shows at the visitor's address: as its translation where there is one
        # (a Turkish visitor who types the German word they know, "Alleinerziehende", finds
        # the Turkish page), else as its stand-in (localization.fallbacks), marked German.
        translations = {
            page.translation_key: page
            for page in Page.objects.live()
            .public()
            .filter(locale=locale, translation_key__in=[hit.translation_key for hit in hits])
        }
    results, seen = [], set()
    for hit in hits:
        if hit.locale_id != locale.pk:
            hit = translations.get(hit.translation_key, hit)
        if hit.translation_key in seen:
            continue  # found in both languages: once, in the visitor's
        seen.add(hit.translation_key)
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
