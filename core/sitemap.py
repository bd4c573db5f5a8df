from collections import defaultdict

from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


class MultilingualSitemap(Sitemap):
    """Every live public page in every language, each with hreflang alternates.

    Wagtail's own sitemap lists only the tree of the active language; this one lists the
    site root's translations too. A fixed number of queries whatever the tree's size.
    """

    def items(self):
        site = self.get_wagtail_site()
        roots = site.root_page.get_translations(inclusive=True)
        query = Page.objects.none()
        for root in roots:
            query = query | Page.objects.descendant_of(root, inclusive=True)
        return (
            query.live()
            .public()
            .select_related("locale")
            .defer_streamfields()
            .specific()
            .order_by("path")
        )

    def get_urls(self, page=1, site=None, protocol=None):
        urls = []
        pages = list(self.items())
        by_key = defaultdict(list)
        for item in pages:
            by_key[item.translation_key].append(item)
        for item in pages:
            for entry in item.get_sitemap_urls(self.request):
                siblings = by_key[item.translation_key]
                if len(siblings) > 1:
                    entry["alternates"] = [
                        {
                            "location": sibling.get_full_url(self.request),
                            "lang_code": sibling.locale.language_code,
                        }
                        for sibling in siblings
                    ]
                urls.append(entry)
        return urls
