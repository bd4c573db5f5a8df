"""What the press pages show: the index (newest first, filters, pages) and a release's
details."""

from django.utils.functional import cached_property
from django.utils.translation import get_language

from core.cache import normalised_query
from core.filters import ResultsPage
from core.i18n import absolute_url, in_other_language, localize_all, localized_rows
from core.jsonld import json_ld_script
from press.queries import (
    PAGE_SIZE,
    PressFilterForm,
    apply_filters,
    filter_choices,
    visible_releases,
)


def with_list_data(releases, locale):
    releases = list(releases)
    for release in releases:
        release.is_fallback = in_other_language(release, locale)
    return releases


def index_context(index, request):
    form = PressFilterForm(request.GET, **filter_choices(index))
    filters = form.valid_filters()
    params = request.GET.copy()
    params.pop("page", None)

    releases = apply_filters(visible_releases(index), filters).select_related("locale")
    return {
        "press": {
            "form": form,
            "filters": filters,
            "dropped": form.dropped(),
            "active": form.active(filters, request.GET),
        },
        # Computed only when the kept list (see the template) is rendered again.
        "listing": ResultsPage(
            releases,
            request.GET.get("page"),
            PAGE_SIZE,
            decorate=lambda page: with_list_data(page, index.locale),
        ),
        "page_query": params.urlencode(),
        "list_key": normalised_query(request),
        "feeds": {
            "rss": absolute_url(index, request) + "feed/rss/",
            "atom": absolute_url(index, request) + "feed/atom/",
        },
    }


class ReleaseDetail:
    def __init__(self, page, request):
        self.page = page
        self.request = request

    @cached_property
    def contact(self):
        if not self.page.press_contact_id:
            return None
        contact = self.page.press_contact
        localized = localize_all([contact], self.page.locale)[0]
        if localized.organisation_id:
            localized.organisation = contact.organisation
        return localized

    @cached_property
    def programmes(self):
        return localized_rows(self.page.programmes.live(), self.page.locale)

    @cached_property
    def events(self):
        return localized_rows(self.page.events.live(), self.page.locale)

    @cached_property
    def downloads(self):
        return list(self.page.downloads.select_related("document"))

    @cached_property
    def url(self):
        return absolute_url(self.page, self.request)

    @cached_property
    def image_url(self):
        if not self.page.image_id:
            return ""
        rendition = self.page.image.get_rendition("fill-1200x630|format-jpeg")
        return self.request.build_absolute_uri(rendition.url)

    def json_ld(self):
        page = self.page
        data = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": page.title[:110],
            "description": page.teaser,
            "datePublished": page.date.isoformat(),
            "dateModified": (page.last_published_at or page.latest_revision_created_at).isoformat()
            if (page.last_published_at or page.latest_revision_created_at)
            else page.date.isoformat(),
            "inLanguage": get_language(),
            "mainEntityOfPage": self.url,
            "url": self.url,
        }
        if page.dateline:
            data["dateline"] = page.dateline
        if self.image_url:
            data["image"] = [self.image_url]
        if self.contact:
            data["author"] = {"@type": "Person", "name": self.contact.name}
            if self.contact.organisation_id:
                data["publisher"] = {
                    "@type": "Organization",
                    "name": self.contact.organisation.name,
                }
        return json_ld_script(data, self.request)
