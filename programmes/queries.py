"""The offer finder: filters in the query string, a fixed number of queries per page view.

Every filter value is validated; an unknown or malformed value is dropped with a message
in the visitor's language, so a hand-edited or stale link still shows offers instead of an
error. Programmes not yet translated into the visitor's language are listed in German and
marked as such.
"""

from django import forms
from django.db.models import Case, Exists, IntegerField, OuterRef, Prefetch, Value, When
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.images import get_image_model
from wagtail.models import Locale

from core.cache import cached
from core.filters import FilterForm, ResultsPage
from core.i18n import children_with_fallback, in_other_language, localize_all
from directory.models import District, TargetGroup, Topic
from programmes.models import ProgrammePage
from programmes.vocabulary import AGE_GROUPS, OFFER_LANGUAGES

PAGE_SIZE = 24
CARD_RENDITION = "fill-640x360|format-webp"
STATUS_ORDER = Case(
    When(status=ProgrammePage.Status.RUNNING, then=Value(0)),
    When(status=ProgrammePage.Status.PLANNED, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)


class FinderForm(FilterForm):
    topic = forms.ChoiceField(label=_("Topic"), required=False)
    group = forms.ChoiceField(label=_("For whom"), required=False)
    age = forms.ChoiceField(label=_("Age of the child"), required=False)
    district = forms.ChoiceField(label=_("Where"), required=False)
    language = forms.ChoiceField(label=_("Language of the offer"), required=False)
    free = forms.BooleanField(label=_("Free of charge only"), required=False)

    FILTER_NAMES = {
        "topic": _("topic"),
        "group": _("target group"),
        "age": _("age"),
        "district": _("place"),
        "language": _("language"),
        "free": _("free of charge"),
    }

    def __init__(self, data, *, topics, groups, districts):
        """``topics``, ``groups``, ``districts``: ``(slug, name)`` pairs, in order."""
        super().__init__(data)
        self.fields["topic"].choices = [("", _("All topics")), *topics]
        self.fields["group"].choices = [("", _("Everyone")), *groups]
        self.fields["age"].choices = [("", _("Any age"))] + [
            (slug, group.label) for slug, group in AGE_GROUPS.items()
        ]
        self.fields["district"].choices = [("", _("Everywhere")), *districts]
        self.fields["language"].choices = [("", _("Any language"))] + OFFER_LANGUAGES


def _in_language(model, locale, fallback_locale):
    """Records of a translatable model in ``locale``, with the German record where no
    translation exists yet: one query."""
    records = list(model.objects.filter(locale__in={locale.pk, fallback_locale.pk}))
    originals = [r for r in records if r.locale_id == fallback_locale.pk] or records
    return sorted(localize_all(originals, locale), key=lambda r: r.name.casefold())


def visible_programmes(index_page, default_locale=None):
    """Live programmes below this index, plus German ones not (yet) translated into its
    language."""
    return children_with_fallback(ProgrammePage, index_page, default_locale)


def with_card_data(programmes, locale):
    """The programmes of this queryset (sliced or not) with what their cards show, each
    marked ``is_fallback`` where it is shown in German: a fixed number of queries."""
    renditions = get_image_model().get_rendition_model().objects
    card_renditions = renditions.filter(filter_spec=CARD_RENDITION)
    cards = list(
        programmes.select_related("district", "locale", "image").prefetch_related(
            "languages",
            "places",
            Prefetch("image__renditions", queryset=card_renditions),
        )
    )
    for card in cards:
        card.is_fallback = in_other_language(card, locale)
    return cards


class Finder:
    def __init__(self, index_page, request):
        self.index_page = index_page
        self.request = request
        self.locale = index_page.locale
        self.default_locale = Locale.get_default()
        self.form = FinderForm(request.GET, **self.choices())
        self.filters = self.form.valid_filters()
        self.dropped = self.form.dropped()

        # Computed when the template asks: a kept fragment of them costs no queries.
        self.listing = ResultsPage(
            self.apply(self.base_queryset(), self.filters),
            request.GET.get("page"),
            PAGE_SIZE,
            decorate=self.decorate,
        )

    @cached_property
    def relax(self):
        return self.relax_suggestions() if self.listing.paginator.count == 0 else []

    def choices(self):
        """The filters' choices in the visitor's language, kept until the content changes."""
        locale, default = self.locale, self.default_locale

        def build():
            pairs = {
                "topics": _in_language(Topic, locale, default),
                "groups": _in_language(TargetGroup, locale, default),
                "districts": District.objects.filter(programmes__live=True)
                .distinct()
                .order_by("name"),
            }
            return {name: [(r.slug, r.name) for r in records] for name, records in pairs.items()}

        return cached("finder-choices", [locale.language_code], build)

    # --- querying -----------------------------------------------------------------------------
    def base_queryset(self):
        return visible_programmes(self.index_page, self.default_locale)

    @staticmethod
    def apply(queryset, filters):
        through = ProgrammePage.topics.through
        if "topic" in filters:
            keys = Topic.objects.filter(slug=filters["topic"]).values("translation_key")
            queryset = queryset.filter(
                Exists(
                    through.objects.filter(
                        programmepage_id=OuterRef("pk"), topic__translation_key__in=keys
                    )
                )
            )
        if "group" in filters:
            groups = ProgrammePage.target_groups.through
            keys = TargetGroup.objects.filter(slug=filters["group"]).values("translation_key")
            queryset = queryset.filter(
                Exists(
                    groups.objects.filter(
                        programmepage_id=OuterRef("pk"), targetgroup__translation_key__in=keys
                    )
                )
            )
        if "age" in filters:
            queryset = queryset.filter(AGE_GROUPS[filters["age"]].q())
        if "district" in filters:
            queryset = queryset.filter(district__slug=filters["district"])
        if "language" in filters:
            queryset = queryset.filter(languages__code=filters["language"])
        if filters.get("free"):
            queryset = queryset.filter(is_free=True)
        return queryset.annotate(status_order=STATUS_ORDER).order_by("status_order", "title")

    def decorate(self, programmes):
        return with_card_data(programmes, self.locale)

    def relax_suggestions(self):
        """For an empty result: how many offers each single filter hides."""
        suggestions = []
        for name in self.filters:
            others = {key: value for key, value in self.filters.items() if key != name}
            count = self.apply(self.base_queryset(), others).count()
            if count:
                params = self.request.GET.copy()
                params.pop(name, None)
                params.pop("page", None)
                suggestions.append(
                    {
                        "name": FinderForm.FILTER_NAMES[name],
                        "count": count,
                        "query": params.urlencode(),
                    }
                )
        return suggestions

    # --- presentation ---------------------------------------------------------------------
    @property
    def active_filters(self):
        return self.form.active(self.filters, self.request.GET)

    @property
    def query_without_page(self):
        params = self.request.GET.copy()
        params.pop("page", None)
        return params.urlencode()
