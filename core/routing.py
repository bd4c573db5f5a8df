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

Before that, Wagtail's ``Page.route_for_request`` finds the site's home page in the
visitor's language with up to three queries (the active ``Locale``, the translation, its
specific record). ``core.views.serve`` routes with ``route_for_site``: in the default
language the site's root is that home, read (with its locale) by the same query as the pages
on the way; in another language ``localized_root`` reads the home in one query.
"""

from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils.translation import get_language
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, PageViewRestriction

from core import pages
from core.request_memo import remember_locale


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


def _read_rows(root, prefixes, source_home):
    """In one query: the root and its ancestors, the pages at each prefix of the address,
    the root's live children (the main menu) and those of ``source_home`` (the home in the
    default language, whose sections list), and the translations of the page at the whole
    address (the language menu); each with ``restricted_itself`` (Wagtail's view
    restrictions, for serving it) and ``covered`` (as the menus filter)."""
    below = Q(path__startswith=root.path, depth__gt=root.depth)
    if prefixes:
        target = Page.objects.filter(below, url_path=prefixes[-1]).values("translation_key")
    else:
        target = [root.translation_key]
    children = Q(path__startswith=root.path, depth=root.depth + 1, live=True)
    if source_home is not None and source_home.pk != root.pk:
        children |= Q(path__startswith=source_home.path, depth=source_home.depth + 1, live=True)
    return list(
        Page.objects.filter(
            Q(path__in=ancestor_paths(root))
            | below & Q(url_path__in=prefixes)
            | children
            | Q(translation_key__in=target)
        )
        .select_related("locale")
        .annotate(restricted_itself=_restricted_itself(), covered=Exists(pages.restricted()))
        .order_by("depth", "path")
    )


def route_for_site(site, request, path_components):
    """What Wagtail's ``Page.route_for_request`` finds for the site and the address: in the
    default language the site's root is the home page, and the query that reads the pages
    on the way reads it too (with its locale); in any other language ``localized_root``
    finds the home first (one query)."""
    if get_language() == settings.LANGUAGE_CODE:
        found = route(site.root_page, request, path_components, expect=settings.LANGUAGE_CODE)
        if found is not None:
            return found
    return localized_root(site.root_page).route(request, path_components)


def route(root, request, path_components, expect=None):
    """What ``Page.route`` returns for ``root`` (a site's root page) and the address below
    it. With ``expect`` (a language code), None where ``root`` is not in that language."""
    prefixes = [
        root.url_path + "".join(f"{part}/" for part in path_components[:length])
        for length in range(1, len(path_components) + 1)
    ]
    # With ``expect``, the root is the home in the default language (or None is returned).
    source_home = root if expect is not None else pages.translation(root, Locale.get_default())
    rows = _read_rows(root, prefixes, source_home)
    if expect is not None:
        locale = next(row.locale for row in rows if row.pk == root.pk)
        if locale.language_code != get_supported_content_language_variant(expect):
            return None
        remember_locale(expect, locale)
    pages.remember_localized_home(request, root)
    # The homes' children, as the menu and the home's sections look them up; not the page
    # served and its translations, which are read whole where they are used.
    pages.remember_pages(row for row in rows if row.depth == root.depth + 1 and row.live)
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
    pages.remember_ancestors(found, [root, *chain[:-1]])
    if len(chain) == len(prefixes):  # the address is a page: its translations were read
        key = found.translation_key
        pages.remember_translations(key, [row for row in rows if row.translation_key == key])
    if not chain:  # the home page itself, or nothing below it matched: Wagtail's walk
        root = root if isinstance(root, root.specific_class) else _specific(root)
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


def localized_root(root):
    """``root.localized.specific`` (a site's home page in the active language, else the root
    itself) in one query, which also reads the home in the default language and the foreign
    keys the home shows (``select_related_when_served``); keeps both locales and both homes
    for the request."""
    try:
        language = get_supported_content_language_variant(get_language())
        default_language = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    except LookupError:
        return root.localized.specific
    page_class = root.specific_class
    homes = {
        home.locale.language_code: home
        for home in page_class._default_manager.filter(
            translation_key=root.translation_key,
            locale__language_code__in={language, default_language},
        ).select_related("locale", *getattr(page_class, "select_related_when_served", ()))
    }
    home = homes.get(language)
    if home is None or not home.live:  # not translated, or not live: Wagtail's answer
        return root.localized.specific
    remember_locale(get_language(), home.locale)
    if default_language in homes:
        remember_locale(settings.LANGUAGE_CODE, homes[default_language].locale)
    pages.remember_pages(homes.values())
    return home
