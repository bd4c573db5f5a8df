"""Page querysets without the extra queries Wagtail's helpers make.

``PageQuerySet.public()`` first reads every view restriction of the site with a query of
its own, then excludes the restricted paths; a page that lists pages in three places (menu,
language menu, a listing) paid it three times. ``public()`` here excludes them in the same
query, as a NOT EXISTS over the restrictions of the page or any ancestor.
"""

from django.db.models import Exists, OuterRef
from django.db.models.functions import Length, Substr
from wagtail.models import PageViewRestriction


def restricted():
    """The view restrictions that cover the outer page: its own or an ancestor's (a page
    path starts with the path of each ancestor)."""
    return PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef("path"), 1, Length("page__path"))
    )


def public(pages):
    """``pages`` without those under a view restriction, in one query."""
    return pages.filter(~Exists(restricted()))
