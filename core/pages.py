"""Page querysets without the extra queries Wagtail's helpers make.

``PageQuerySet.public()`` first reads every view restriction of the site with a query of
its own, then excludes the restricted paths; a page that lists pages in three places (menu,
language menu, a listing) paid it three times. ``public()`` here excludes them in the same
query, as a NOT EXISTS over the restrictions of the page or any ancestor.
"""

from django.db.models import Exists, OuterRef
from django.db.models.functions import Length, Substr
from django.utils.translation import get_language
from wagtail.models import Locale, PageViewRestriction, Site

from core.request_memo import memo, remember


def restricted():
    """The view restrictions that cover the outer page: its own or an ancestor's (a page
    path starts with the path of each ancestor)."""
    return PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef("path"), 1, Length("page__path"))
    )


def public(pages):
    """``pages`` without those under a view restriction, in one query."""
    return pages.filter(~Exists(restricted()))


def live_children(page):
    """The live children of ``page`` in their own types (their own fields are read when
    first used), each with ``restricted`` telling whether a view restriction covers it: one
    query per request, shared by the main menu and the home page's sections (none where
    routing read them, ``core.routing``)."""

    def read():
        children = page.get_children().live().annotate(restricted=Exists(restricted()))
        return list(children.specific(defer=True))

    return memo(("live-children", page.pk), read)


def remember_live_children(page, rows):
    """Keep for this request the live children of ``page`` that another query read (rows
    annotated ``covered`` by ``restricted()``, in path order)."""
    children = []
    for row in rows:
        child = row.specific_deferred
        child.restricted = row.covered
        children.append(child)
    remember(("live-children", page.pk), children)


def first_child_of_type(page, model):
    """The first live child of ``page`` that is a ``model`` (path order), or None."""
    return next((child for child in live_children(page) if isinstance(child, model)), None)


def ancestors_below_root(page):
    """The pages above ``page`` from its site's home down to its parent (the breadcrumbs):
    none where routing read them on the way (``remember_ancestors``), else one query."""

    def read():
        return list(page.get_ancestors().filter(depth__gt=1).order_by("depth"))

    return memo(("ancestors", page.pk), read)


def remember_ancestors(page, rows):
    """Keep for this request the pages routing read above ``page`` (home first)."""
    remember(("ancestors", page.pk), list(rows))


def _home_key(site):
    return ("localized-home", site.pk, get_language())


def localized_home(request):
    """The site's home page in the visitor's language (its root where not translated): read
    once per request."""
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return None
    return memo(_home_key(site), lambda: site.root_page.localized)


def remember_localized_home(request, home):
    """Keep for this request the home page routing started from, where it is the site's
    home in the visitor's language (the page ``localized_home`` would look up)."""
    site = Site.find_for_request(request)
    if site is None or home.translation_key != site.root_page.translation_key:
        return
    if home.locale_id == Locale.get_active().pk:
        remember(_home_key(site), home)


def _translation_key(translation_key, locale_id):
    return ("page-translation", translation_key, locale_id)


def translation(page, locale):
    """``page.get_translation_or_none(locale)`` (``page`` itself where it is in ``locale``):
    once per request, none where routing read it (``remember_pages``: then the fields of
    its type are read when first used)."""
    if page.locale_id == locale.pk:
        return page
    return memo(
        _translation_key(page.translation_key, locale.pk),
        lambda: page.get_translation_or_none(locale),
    )


def remember_pages(rows):
    """Keep for this request the pages another query read (``Page`` rows), for
    ``translation``: each as the translation in its locale of every page with its
    translation key, in its own type with the fields of its type read when first used."""
    for row in rows:
        remember(_translation_key(row.translation_key, row.locale_id), row.specific_deferred)


def live_translations(page):
    """The live translations of ``page`` (itself included) that no view restriction covers,
    with their locales: one query per request (none where routing read them,
    ``core.routing``)."""

    def read():
        translations = page.get_translations(inclusive=True).live().select_related("locale")
        return list(public(translations))

    return memo(("translations", page.translation_key), read)


def remember_translations(translation_key, rows):
    """Keep for this request the translations another query read (rows annotated
    ``covered``)."""
    remember(("translations", translation_key), [r for r in rows if r.live and not r.covered])
