"""Page querysets without the extra queries Wagtail's helpers make.

``PageQuerySet.public()`` first reads every view restriction of the site with a query of
its own, then excludes the restricted paths; a page that lists pages in three places (menu,
language menu, a listing) paid it three times. ``public()`` here excludes them in the same
query, as a NOT EXISTS over the restrictions of the page or any ancestor.
"""

from django.db.models import Exists, OuterRef
from django.db.models.functions import Length, Substr
from wagtail.models import PageViewRestriction

from core.request_memo import memo


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
    query per request, shared by the main menu and the home page's sections."""

    def read():
        children = page.get_children().live().annotate(restricted=Exists(restricted()))
        return list(children.specific(defer=True))

    return memo(("live-children", page.pk), read)


def first_child_of_type(page, model):
    """The first live child of ``page`` that is a ``model`` (path order), or None."""
    return next((child for child in live_children(page) if isinstance(child, model)), None)
