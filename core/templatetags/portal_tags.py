from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page

from core import pages
from core.cache import cached
from core.i18n import in_other_language, language_attributes, localize_pages
from core.locales import language_info, site_languages
from core.request_memo import memo

register = template.Library()


def _page_alternates(page, request):
    """Live translations of a page, in the order of the site's languages."""
    translations = {p.locale.language_code: p for p in pages.live_translations(page)}
    alternates = []
    for language in site_languages():
        translation = translations.get(language["code"])
        if translation is not None:
            alternates.append(
                {
                    **language,
                    "url": translation.get_url(request),
                    # The German page standing in for a missing translation: in the menu,
                    # not announced to search engines as a version of its own.
                    "is_fallback": in_other_language(translation, translation.locale),
                }
            )
    return alternates


@register.simple_tag(takes_context=True)
def language_alternates(context):
    """The languages this view exists in, each with its address.

    For a page: its live translations only, so the menu never leads to a page that is not
    there. For other views (search, errors): every site language.
    """
    request = context.get("request")
    page = context.get("page")
    # The head (hreflang) and the menu both ask: once per request and page. A value set on
    # the context would be gone with the include's scope.
    memo = getattr(request, "_language_alternates", None) if request is not None else None
    if memo is not None and memo[0] is page:
        return memo[1]
    if isinstance(page, Page) and page.pk:
        alternates = _page_alternates(page, request)
    elif context.get("alternates_are_homes"):
        # Error pages: the same wrong address in another language would be wrong again, so
        # the menu offers each language's home instead.
        home = localized_home(context)
        alternates = _page_alternates(home, request) if home is not None else []
    elif request is not None:
        alternates = [
            {**language, "url": translate_url(request.get_full_path(), language["code"])}
            for language in site_languages()
        ]
    else:
        alternates = []
    current = get_language()
    for alternate in alternates:
        alternate["current"] = alternate["code"] == current
    if request is not None:
        request._language_alternates = (page, alternates)
    return alternates


@register.simple_tag
def current_language_info():
    return language_info(get_language())


@register.simple_tag(takes_context=True)
def localized_home(context):
    """The home page in the visitor's language (menu, footer, error pages ask for it): looked
    up once per request."""
    return pages.localized_home(context.get("request"))


@register.simple_tag(takes_context=True)
def main_menu(context):
    home = localized_home(context)
    if home is None:
        return []
    return [
        page for page in pages.live_children(home) if page.show_in_menus and not page.restricted
    ]


LEGAL_LINKS = (
    ("imprint_page", _("Imprint")),
    ("privacy_page", _("Privacy")),
    ("accessibility_page", _("Accessibility statement")),
    ("sign_language_page", _("German Sign Language (DGS)")),
)


def _legal_pages_shown(org):
    """``{translation_key: page}`` of the live legal pages in the visitor's language: one
    query per request for the footer and the header."""

    def read():
        chosen = [getattr(org, name) for name, _label in LEGAL_LINKS]
        live = [page for page in chosen if page is not None and page.live]
        return {page.translation_key: page for page in localize_pages(live, Locale.get_active())}

    return memo(("legal-pages", org.pk, get_language()), read)


@register.simple_tag(takes_context=True)
def legal_links(context, org):
    """The footer's links (imprint, privacy, accessibility, sign language) as ``(label, url)``
    in the visitor's language where the page is translated. The chosen pages come with the
    settings (``OrganisationSettings.base_queryset``); their translations, where the visitor
    reads another language, in one query for all four."""
    chosen = [(label, getattr(org, name)) for name, label in LEGAL_LINKS]
    shown = _legal_pages_shown(org)
    request = context.get("request")
    return [
        (label, shown[page.translation_key].get_url(request))
        for label, page in chosen
        if page is not None and page.translation_key in shown
    ]


@register.filter
def content_lang(record):
    """`` lang="de" dir="ltr"`` for an element showing a page's (or record's) own words
    where they are in another language than the page around them: a German card in a
    Turkish listing, the German content of a page not translated yet. Nothing where they
    are in the visitor's language (``core.i18n.language_attributes``)."""
    return language_attributes(record)


@register.filter
def isolated_title(page):
    """The page's title isolated for direction, and marked with its language where that is
    not the visitor's: a German title quoted in an Arabic sentence keeps its punctuation and
    quotation marks where they belong."""
    return format_html("<bdi{}>{}</bdi>", content_lang(page), page.title)


@register.filter
def localized(page):
    """The page in the active language, or itself where no translation exists."""
    return page.localized if page is not None else None


@register.simple_tag(takes_context=True)
def access_links(context, org):
    """The header's links to Leichte Sprache and German Sign Language (BITV 2.0 asks for both
    on every page, and the header is where people look for them): the page's own version in
    Leichte Sprache where there is one, else the Leichte Sprache home; the sign-language
    page in the visitor's language. Each as ``{"label", "url", "lang", "current"}``."""
    links = []
    easy = next(
        (a for a in language_alternates(context) if a["code"] == settings.LEICHTE_SPRACHE), None
    )
    if easy is not None and not easy["current"]:
        url = easy["url"]
        if easy.get("is_fallback"):  # the Leichte Sprache home: its address, no query
            home = localized_home(context)
            url = translate_url(home.get_url(context.get("request")), settings.LEICHTE_SPRACHE)
        if url:
            links.append(
                {"label": easy["name_local"], "url": url, "lang": settings.LEICHTE_SPRACHE}
            )
    signs = org.sign_language_page if org is not None else None
    shown = _legal_pages_shown(org).get(signs.translation_key) if signs is not None else None
    if shown is not None:
        links.append(
            {
                "label": _("Sign language"),
                "url": shown.get_url(context.get("request")),
                "lang": "",
                "current": getattr(context.get("page"), "translation_key", None)
                == signs.translation_key,
            }
        )
    return links


@register.inclusion_tag("components/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    """Where the page stands: its site's home, the pages above it, itself; not on the home
    page, nor on views that are no page."""
    page = context.get("page")
    if not isinstance(page, Page) or not page.pk or page.depth <= 2:
        return {"trail": []}
    trail = [p for p in pages.ancestors_below_root(page) if p.depth >= 2]
    return {"trail": trail, "page": page, "request": context.get("request")}


@register.filter
def obfuscate_email(address):
    """An e-mail address as HTML character references: browsers and screen readers show
    it as usual, simple address harvesters that scan the HTML for "@" find nothing."""
    return mark_safe("".join(f"&#{ord(character)};" for character in str(address)))


@register.tag
def fragment(parser, token):
    """``{% fragment "name" part … [seconds=60] %}…{% endfragment %}``: the enclosed HTML,
    kept by ``core.cache.cached`` under the name, the parts, the language and the host, so
    until the content changes (and ``seconds`` at most, for what depends on the clock).

    For the parts of a page that list many records (a course's dates, the calendar's list):
    values they need should be computed lazily, so that a kept fragment costs no queries."""
    bits = token.split_contents()[1:]
    if not bits:
        raise template.TemplateSyntaxError("fragment needs a name")
    seconds, parts = None, []
    for bit in bits:
        if bit.startswith("seconds="):
            seconds = parser.compile_filter(bit.removeprefix("seconds="))
        else:
            parts.append(parser.compile_filter(bit))
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(nodelist, parts, seconds)


class FragmentNode(template.Node):
    def __init__(self, nodelist, parts, seconds):
        self.nodelist, self.parts, self.seconds = nodelist, parts, seconds

    def render(self, context):
        request = context.get("request")
        name, *parts = [part.resolve(context) for part in self.parts]
        parts += [get_language(), request.get_host() if request is not None else ""]
        seconds = int(self.seconds.resolve(context)) if self.seconds is not None else None
        html = cached(
            f"tpl:{name}", parts, lambda: self.nodelist.render(context), seconds, request=request
        )
        return mark_safe(html)
