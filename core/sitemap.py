from collections import defaultdict

from django.conf import settings
from django.contrib.sitemaps.views import sitemap
from django.db.models import Exists, Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from core.i18n import absolute_url, live_words_are_the_sources
from core.locales import has_hreflang


class MultilingualSitemap(Sitemap):
    """Every live public page in every language, each with its hreflang alternates.

    Wagtail's own sitemap lists only the tree of the active language; this one also walks the
    translations of the site's root. Addresses use the host the sitemap was requested on, as
    robots.txt does. A fixed number of queries, whatever the size of the tree.
    """

    def items(self):
        site = self.get_wagtail_site()
        query = Page.objects.none()
        for root in site.root_page.get_translations(inclusive=True):
            query = query | Page.objects.descendant_of(root, inclusive=True)
        # Without the German pages standing in for missing translations (aliases in the
        # other languages, localization.fallbacks): the same words at a second address.
        stand_ins = (
            Q(alias_of__isnull=False) | Exists(live_words_are_the_sources())  # stands_in()
        ) & ~Q(locale__language_code=settings.LANGUAGE_CODE)
        return (
            query.live()
            .public()
            .exclude(stand_ins)
            .select_related("locale")
            .defer_streamfields()
            .specific()
            .order_by("path")
        )

    def get_urls(self, page=1, site=None, protocol=None):
        pages = list(self.items())
        locations = {item.pk: absolute_url(item, self.request) for item in pages}
        by_key = defaultdict(list)
        for item in pages:
            # Leichte Sprache is listed, but never as an hreflang alternate (see core.locales).
            if has_hreflang(item.locale.language_code):
                by_key[item.translation_key].append(item)

        urls = []
        for item in pages:
            siblings = by_key[item.translation_key]
            alternates = []
            if len(siblings) > 1 and item in siblings:
                alternates = [
                    {"location": locations[s.pk], "lang_code": s.locale.language_code}
                    for s in siblings
                ]
                default = next(
                    (s for s in siblings if s.locale.language_code == settings.LANGUAGE_CODE), None
                )
                if default is not None:
                    alternates.append({"location": locations[default.pk], "lang_code": "x-default"})
            urls.append(
                {
                    "item": item,
                    "location": locations[item.pk],
                    "lastmod": item.last_published_at or item.latest_revision_created_at,
                    "alternates": alternates,
                }
            )
        return urls


def sitemap_view(request):
    # Django's view builds sitemap classes without the request; ours needs it for the host.
    return sitemap(request, sitemaps={"pages": MultilingualSitemap(request)})
