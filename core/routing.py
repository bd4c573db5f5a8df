"""Finding the page for an address, and whether it is private, in two queries.

Wagtail walks an address one slug at a time: for ``/de/kalender/<event>/`` it reads the
calendar page, then its specific record, then the event, then the event's specific record,
and afterwards the event's ancestors and their view restrictions (six queries). Every page
stores its whole address (``url_path``), so the site's home page (``HomePage.route``) reads
every page on the way in one query, with a flag for a view restriction on each, and the
target's own record in a second. The same query brings the home's children for the main
menu (``core.pages.live_children``).

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

from core import pages


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


def _restricted_itself():
    """Whether the outer page has a view restriction of its own (an alias: its source page),
    as Wagtail's ``get_view_restrictions`` counts them; ``core.pages.restricted()`` instead
    says whether one of the page or an ancestor covers it, as the listings filter."""
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


def _specific(page):
    """``page.specific``, with the foreign keys its type names in ``select_related_when_served``
    read in the same query (what every view of the page shows)."""
    page_class = page.specific_class
    related = getattr(page_class, "select_related_when_served", ())
    if not related:
        return page.specific
    specific = page_class._default_manager.select_related(*related).get(pk=page.pk)
    for name, value in page.__dict__.items():  # as Page.specific copies them
        specific.__dict__.setdefault(name, value)
    return specific


def _read_rows(root, prefixes):
    """In one query: the root and its ancestors, the pages at each prefix of the address,
    the root's live children (the main menu), and the translations of the page at the whole
    address (the language menu); each with ``restricted_itself`` (Wagtail's view
    restrictions, for serving it) and ``covered`` (as the menus filter)."""
    below = Q(path__startswith=root.path, depth__gt=root.depth)
    if prefixes:
        target = Page.objects.filter(below, url_path=prefixes[-1]).values("translation_key")
    else:
        target = [root.translation_key]
    return list(
        Page.objects.filter(
            Q(path__in=ancestor_paths(root))
            | below & Q(url_path__in=prefixes)
            | below & Q(depth=root.depth + 1, live=True)
            | Q(translation_key__in=target)
        )
        .select_related("locale")
        .annotate(restricted_itself=_restricted_itself(), covered=Exists(pages.restricted()))
        .order_by("depth", "path")
    )


def route(root, request, path_components):
    """What ``Page.route`` returns for ``root`` (a site's root page, specific) and the
    address below it."""
    pages.remember_localized_home(request, root)
    prefixes = [
        root.url_path + "".join(f"{part}/" for part in path_components[:length])
        for length in range(1, len(path_components) + 1)
    ]
    rows = _read_rows(root, prefixes)
    own = [row for row in rows if row.path.startswith(root.path)]
    pages.remember_live_children(
        root, [row for row in own if row.depth == root.depth + 1 and row.live]
    )
    above = set(ancestor_paths(root))
    restricted = any(row.restricted_itself for row in rows if row.path in above)
    chain = []  # the pages on the way, as long as each is the previous one's child
    for row in own:
        if len(chain) < len(prefixes) and (
            row.depth == root.depth + len(chain) + 1 and row.url_path == prefixes[len(chain)]
        ):
            chain.append(row)
    found = chain[-1] if chain else root
    if len(chain) == len(prefixes):  # the address is a page: its translations were read
        key = found.translation_key
        pages.remember_translations(key, [row for row in rows if row.translation_key == key])
    if not chain:  # the home page itself, or nothing below it matched: Wagtail's walk
        if not path_components and not restricted:
            root._route_has_no_restrictions = True
        return Page.route(root, request, path_components)

    parent = root
    for position, page in enumerate(chain):
        page._cached_parent_obj = parent
        restricted = restricted or page.restricted_itself
        remaining = path_components[position + 1 :]
        if page is found or _decides_rest(page.specific_class, page, remaining):
            specific = _specific(page)
            specific._cached_parent_obj = parent
            if not restricted:
                specific._route_has_no_restrictions = True
            return specific.route(request, remaining)
        parent = page
    raise AssertionError("unreachable: the loop returns at the last page")  # pragma: no cover
