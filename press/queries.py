"""Which press releases the index lists: its filters (year, topic) and their choices."""

from django import forms
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from core.cache import cached
from core.filters import FilterForm
from core.i18n import children_with_fallback, localize_all
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
