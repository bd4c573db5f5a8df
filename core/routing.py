"""Finding the page for an address, and whether it is private, in two queries.

Wagtail walks an address one slug at a time: for ``/de/kalender/<event>/`` it reads the
calendar page, then its specific record, then the event, then the event's specific record,
and afterwards the event's ancestors and their view restrictions (six queries). Every page
stores its whole address (``url_path``), so the site's home page (``HomePage.route``) reads
every page on the way in one query, with a flag for a view restriction on each, and the
target's own record in a second.

Wagtail's rules stay as they are: a page on the way whose type decides its sub-addresses
itself (a ``RoutablePageMixin`` route that matches, any other ``route`` of its own) gets the
rest of the address, exactly as Wagtail's walk would hand it over; an address that is not
found whole continues with Wagtail's walk from the deepest page found (a 404 costs one
query more).
"""

from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Coalesce
from django.http import Http404
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, PageViewRestriction


def ancestor_paths(page):
    """Tree paths of the page and of each ancestor, from the tree root down."""
    step = Page.steplen
    return [page.path[:end] for end in range(step, len(page.path) + 1, step)]


def view_restrictions(page):
    """The view restrictions that apply to ``page`` (its own and its ancestors'; for an
    alias, its source page's), as Wagtail's ``Page.get_view_restrictions`` finds them, in one
    query where Wagtail needs two."""
    chain = Page.objects.filter(path__in=ancestor_paths(page))
    return PageViewRestriction.objects.filter(
        Q(page__in=chain.filter(alias_of__isnull=True))
        | Q(page__in=chain.filter(alias_of__isnull=False).values("alias_of"))
    )


class ViewRestrictionsInOneQuery:
    """Mixed into every page type of the portal (``tests/test_routing.py`` checks): Wagtail
    asks for the view restrictions before serving each page."""

    def get_view_restrictions(self):
        if getattr(self, "_route_has_no_restrictions", False):
            return PageViewRestriction.objects.none()
        return view_restrictions(self)


def _restricted():
    """Whether the outer page is covered by a view restriction of its own (an alias: by
    its source page's)."""
    return Exists(
        PageViewRestriction.objects.filter(page=Coalesce(OuterRef("alias_of"), OuterRef("pk")))
    )


def _decides_rest(page_class, page, remaining):
    """Whether Wagtail's walk would stop at this page and let it route ``remaining``."""
    if page_class is None:
        return True
    route = page_class.route
    if route is Page.route:
        return False
    if route is RoutablePageMixin.route:
        if not page.live:
            return False
        path = "/" + "".join(f"{part}/" for part in remaining)
        try:
            page_class.get_resolver().resolve(path)
        except Http404:
            return False
        return True
    return True  # a route of its own: it decides, as in Wagtail's walk


def route(root, request, path_components):
    """What ``Page.route`` returns for ``root`` (a site's root page, specific) and the
    address below it."""
    if not path_components:
        return Page.route(root, request, path_components)
    prefixes = [
        root.url_path + "".join(f"{part}/" for part in path_components[:length])
        for length in range(1, len(path_components) + 1)
    ]
    rows = list(
        Page.objects.filter(
            Q(path__in=ancestor_paths(root))
            | Q(path__startswith=root.path, depth__gt=root.depth, url_path__in=prefixes)
        )
        .annotate(restricted=_restricted())
        .order_by("depth")
    )
    above = [row for row in rows if row.depth <= root.depth]
    chain = []
    for row in rows:  # the pages on the way, as long as each is the previous one's child
        if row.depth == root.depth + len(chain) + 1 and row.url_path == prefixes[len(chain)]:
            chain.append(row)
    if not chain:
        return Page.route(root, request, path_components)

    parent = root
    restricted = any(row.restricted for row in above)
    for position, page in enumerate(chain):
        page._cached_parent_obj = parent
        restricted = restricted or page.restricted
        remaining = path_components[position + 1 :]
        last = position == len(chain) - 1
        if last or _decides_rest(page.specific_class, page, remaining):
            specific = page.specific
            specific._cached_parent_obj = parent
            if not restricted:
                specific._route_has_no_restrictions = True
            return specific.route(request, remaining)
        parent = page
    raise AssertionError("unreachable: the loop returns at the last page")  # pragma: no cover
