"""The press index (newest first, year and topic filters, pages) and a release's details."""

from django import forms
from django.db.models.functions import ExtractYear
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from core.cache import cached, normalised_query
from core.filters import FilterForm, ResultsPage
from core.i18n import absolute_url, children_with_fallback, localize_all, localize_pages
from core.jsonld import json_ld_script
from directory.models import Topic
from press.models import PressReleasePage

PAGE_SIZE = 10


class PressFilterForm(FilterForm):
    year = forms.ChoiceField(label=_("Year"), required=False)
    topic = forms.ChoiceField(label=_("Topic"), required=False)

    FILTER_NAMES = {"year": _("year"), "topic": _("topic")}

    def __init__(self, data, *, years, topics):
        """``years``: numbers, newest first; ``topics``: ``(slug, name)`` pairs."""
        super().__init__(data)
        self.fields["year"].choices = [("", _("All years"))] + [(str(y), str(y)) for y in years]
        self.fields["topic"].choices = [("", _("All topics")), *topics]


def visible_releases(index):
    return children_with_fallback(PressReleasePage, index)


def apply_filters(releases, filters):
    if "year" in filters:
        releases = releases.filter(date__year=int(filters["year"]))
    if "topic" in filters:
        keys = Topic.objects.filter(slug=filters["topic"]).values("translation_key")
        releases = releases.filter(topics__translation_key__in=keys).distinct()
    return releases.order_by("-date", "-pk")


def with_list_data(releases, locale):
    releases = list(releases)
    for release in releases:
        release.is_fallback = release.locale_id != locale.pk
    return releases


def filter_choices(index):
    """Years with releases and topics in the index's language, kept until the content
    changes (``core.cache.cached``)."""

    def build():
        releases = visible_releases(index)
        years = sorted(
            {
                year
                for year in releases.annotate(y=ExtractYear("date")).values_list("y", flat=True)
                if year
            },
            reverse=True,
        )
        topics = Topic.objects.filter(locale=Locale.get_default())
        return {
            "years": years,
            "topics": [
                (t.slug, t.name)
                for t in sorted(
                    localize_all(list(topics), index.locale), key=lambda t: t.name.casefold()
                )
            ],
        }

    return cached("press-choices", [index.pk], build)


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
        return localize_pages(list(self.page.programmes.live()), self.page.locale)

    @cached_property
    def events(self):
        return localize_pages(list(self.page.events.live()), self.page.locale)

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
