"""RSS 2.0 and Atom feeds of the press releases, one per language; `?programme=<slug>`
gives a programme's own feed. GUIDs derive from the release's translation key and language,
so they never change when a release is edited, moved or renamed."""

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.core.validators import slug_re
from django.http import Http404
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from core.i18n import absolute_url
from press.queries import visible_releases
from programmes.models import ProgrammePage

ITEMS = 30
GUID_AUTHORITY = "fruehe-hilfen-portal,2026"


class PressFeed(Feed):
    def __init__(self, index, kind):
        super().__init__()
        self.index = index
        self.feed_type = Atom1Feed if kind == "atom" else Rss201rev2Feed
        self.kind = kind
        self.language = index.locale.language_code

    def __call__(self, request, *args, **kwargs):
        self.request = request
        self.programme = None
        slug = request.GET.get("programme")
        if slug:
            if not slug_re.match(slug):  # not a slug (NUL bytes would be a database error)
                raise Http404
            found = ProgrammePage.objects.live().filter(slug=slug)
            self.programme = found.filter(locale=self.index.locale).first() or found.first()
            if self.programme is None:
                raise Http404
        response = super().__call__(request, *args, **kwargs)
        response["Cache-Control"] = "public, max-age=900"
        return response

    def title(self):
        if self.programme:
            return _("Press releases: %(programme)s") % {"programme": self.programme.title}
        return self.index.title

    def link(self):
        return absolute_url(self.index, self.request)

    def feed_url(self):
        return self.request.build_absolute_uri()

    def description(self):
        return _("Press releases of Frühe Hilfen, early help for families")

    subtitle = description

    def items(self):
        releases = visible_releases(self.index)
        if self.programme:
            releases = releases.filter(
                programmes__translation_key=self.programme.translation_key
            ).distinct()
        return list(releases.select_related("locale").order_by("-date", "-pk")[:ITEMS])

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.teaser

    def item_link(self, item):
        return absolute_url(item, self.request)

    def item_guid(self, item):
        # A tag URI (RFC 4151): stable across edits, moves and renamed slugs.
        return f"tag:{GUID_AUTHORITY}:press:{item.translation_key}:{item.locale.language_code}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return timezone.make_aware(datetime.combine(item.date, time(9)))

    def item_updateddate(self, item):
        return item.last_published_at or self.item_pubdate(item)
