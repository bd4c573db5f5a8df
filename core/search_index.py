"""The search terms of every live page (``core.models.PageSearchTerm``).

Written when a page is published (its aliases in the other languages too: Wagtail publishes
them with it), removed when it is unpublished; ``manage.py index_search_terms`` writes them
for every live page (``load_demo`` runs it; after an upgrade, run it once). The same rows on
SQLite and PostgreSQL, read by the same query: both give the same answers
(``core.search``).
"""

from django.core.cache import cache
from django.db import transaction
from django.utils.html import strip_tags
from wagtail.search import index

from core.i18n import content_language
from core.models import PageSearchTerm
from core.search_terms import text_terms

VOCABULARY_KEY = "search-vocabulary"
VOCABULARY_SECONDS = 3600


def page_text(page):
    """The words a page is found by: the values of its type's search fields (StreamField
    and rich text as their text)."""
    page = page.specific
    pieces = []
    for field in page.get_search_fields():
        if not isinstance(field, index.SearchField):
            continue
        try:
            value = field.get_value(page)
        except Exception:
            continue
        values = value if isinstance(value, list | tuple) else [value]
        pieces.extend(strip_tags(str(item)) for item in values if item)
    return "\n".join(pieces)


@transaction.atomic
def index_page(page):
    """Write the page's terms anew (none where it is not live)."""
    PageSearchTerm.objects.filter(page_id=page.pk).delete()
    if page.live:
        terms = text_terms(page_text(page), content_language(page))
        PageSearchTerm.objects.bulk_create(
            [PageSearchTerm(page_id=page.pk, term=term[:100]) for term in sorted(terms)],
            ignore_conflicts=True,
        )
    transaction.on_commit(lambda: cache.delete(VOCABULARY_KEY))


def vocabulary():
    """Every term of the site, for the typo check: one query an hour (or after indexing)."""
    words = cache.get(VOCABULARY_KEY)
    if words is None:
        words = sorted(set(PageSearchTerm.objects.values_list("term", flat=True)))
        cache.set(VOCABULARY_KEY, words, VOCABULARY_SECONDS)
    return words


def page_published(sender, instance, **kwargs):
    index_page(instance)


def page_unpublished(sender, instance, **kwargs):
    index_page(instance)  # not live any more: its terms go
