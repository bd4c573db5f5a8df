from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index

from core.blocks import PARAGRAPH_FEATURES, BaseStreamBlock
from core.cache import normalised_query
from core.forms import PortalPageForm
from core.routing import ViewRestrictionsInOneQuery
from programmes.presenters import ProgrammeDetail
from programmes.vocabulary import (
    AGE_GROUPS,
    OFFER_LANGUAGE_NAMES,
    OFFER_LANGUAGES,
    RTL_OFFER_LANGUAGES,
)


class OfferPage(ViewRestrictionsInOneQuery, Page):
    """What programme pages and calendar pages (events, courses) share: the words and picture
    of cards and feeds, topics, cost and a contact. Abstract: each kind has its own table."""

    base_form_class = PortalPageForm

    teaser = models.TextField(
        _("teaser"),
        max_length=300,
        help_text=_(
            "One or two plain sentences for cards, search results and feeds: who is it for, "
            "what do they get?"
        ),
    )
    image = models.ForeignKey(
        "core.PortalImage",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown on the card and at the top. Its alt text is required."),
    )
    body = StreamField(
        BaseStreamBlock(),
        verbose_name=_("body"),
        blank=True,
        help_text=_(
            "The main content, built from blocks: paragraphs, images, quotes, links and more."
        ),
    )
    topics = ParentalManyToManyField("directory.Topic", verbose_name=_("topics"), blank=True)
    is_free = models.BooleanField(_("free of charge"), default=True)
    cost_note = models.CharField(
        _("cost"), max_length=200, blank=True, help_text=_("e.g. “€ 5 per session for material”")
    )
    contact = models.ForeignKey(
        "directory.ContactPerson",
        verbose_name=_("contact person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    search_fields = [
        *Page.search_fields,
        index.SearchField("teaser", boost=1.5),
        index.SearchField("body"),
    ]

    class Meta:
        abstract = True


class ProgrammeIndexPage(ViewRestrictionsInOneQuery, Page):
    """The offer finder: every programme of the site, filterable by what families need."""

    introduction = RichTextField(
        _("introduction"),
        features=PARAGRAPH_FEATURES,
        blank=True,
        help_text=_("A few sentences above the finder: what families find here."),
    )

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["programmes.ProgrammePage"]
    max_count_per_parent = 1

    # Bound in ProgrammesConfig.ready(): programmes.queries imports this module.
    # finder_class(index_page, request)
    finder_class = None

    class Meta:
        verbose_name = _("programme index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["finder"] = self.finder_class(self, request)
        context["list_key"] = normalised_query(request)
        return context


class ProgrammePage(OfferPage):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        RUNNING = "running", _("Running")
        ENDED = "ended", _("Ended")

    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.RUNNING
    )
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    district = models.ForeignKey(
        "directory.District",
        verbose_name=_("district"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="programmes",
        help_text=_("The city, district or county the programme serves."),
    )
    region_note = models.CharField(
        _("region"),
        max_length=200,
        blank=True,
        help_text=_("Where exactly, in words, e.g. “four paediatric practices in the district”."),
    )
    target_groups = ParentalManyToManyField(
        "directory.TargetGroup", verbose_name=_("target groups"), blank=True
    )
    places = ParentalManyToManyField("directory.Place", verbose_name=_("places"), blank=True)
    for_pregnancy = models.BooleanField(
        _("for pregnant women and expectant parents"), default=False
    )
    age_from_months = models.PositiveSmallIntegerField(
        _("children from (months)"),
        null=True,
        blank=True,
        help_text=_("Age of the children in months, e.g. 0 for newborns, 36 for three-year-olds."),
    )
    age_to_months = models.PositiveSmallIntegerField(
        _("children up to (months)"),
        null=True,
        blank=True,
        help_text=_("Leave empty if there is no upper limit."),
    )
    accessibility_note = models.TextField(_("accessibility"), max_length=500, blank=True)
    childcare_note = models.TextField(
        _("childcare"),
        max_length=500,
        blank=True,
        help_text=_("Is there childcare during the sessions? For which ages?"),
    )
    legal_basis = models.CharField(
        _("legal basis"), max_length=200, blank=True, help_text=_("e.g. “§ 20a SGB V”, “KKG”")
    )
    website = models.URLField(_("programme website"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("teaser"),
        FieldPanel("image"),
        FieldPanel("body"),
        InlinePanel("figures", label=_("Key figures"), heading=_("Key figures")),
        InlinePanel("sub_projects", label=_("Sub-project"), heading=_("Sub-projects")),
    ]
    facts_panels = [
        MultiFieldPanel(
            [
                FieldPanel(
                    "status",
                    help_text=_(
                        "Planned, running or ended. Ended programmes stay visible as references."
                    ),
                ),
                FieldRowPanel(
                    [
                        FieldPanel(
                            "start_date", help_text=_("When the programme started or starts.")
                        ),
                        FieldPanel("end_date", help_text=_("Leave empty while no end is planned.")),
                    ]
                ),
            ],
            heading=_("Duration"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("district"),
                FieldPanel("region_note"),
                FieldPanel(
                    "places",
                    help_text=_(
                        "Where the programme takes place. Add missing places under "
                        "Directory → Places."
                    ),
                ),
            ],
            heading=_("Where"),
        ),
        MultiFieldPanel(
            [
                FieldPanel(
                    "target_groups",
                    help_text=_(
                        "Who the programme is for; used by the filters of the offer finder."
                    ),
                ),
                FieldPanel(
                    "for_pregnancy",
                    help_text=_("Tick if pregnant women and expectant parents can take part."),
                ),
                FieldRowPanel([FieldPanel("age_from_months"), FieldPanel("age_to_months")]),
                FieldPanel(
                    "topics",
                    help_text=_(
                        "What the programme is about; used by the filters of the offer finder."
                    ),
                ),
            ],
            heading=_("For whom, about what"),
        ),
        InlinePanel("languages", label=_("Language"), heading=_("Languages the offer is held in")),
        MultiFieldPanel(
            [
                FieldPanel(
                    "is_free",
                    help_text=_("Untick if families pay something, and say how much under “cost”."),
                ),
                FieldPanel("cost_note"),
                FieldPanel(
                    "accessibility_note",
                    help_text=_(
                        "Step-free access, sign language interpreting, easy-to-read material, …"
                    ),
                ),
                FieldPanel("childcare_note"),
            ],
            heading=_("Taking part"),
        ),
        FieldPanel(
            "contact", help_text=_("The person families can ask; shown with phone and e-mail.")
        ),
        FieldPanel("website", help_text=_("The programme's own website, starting with https://.")),
    ]
    funding_panels = [
        InlinePanel("fundings", label=_("Funding"), heading=_("Funders")),
        InlinePanel("partners", label=_("Partner"), heading=_("Partners")),
        FieldPanel("legal_basis"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(facts_panels, heading=_("Facts for the finder")),
            ObjectList(funding_panels, heading=_("Funding and partners")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
        ]
    )

    search_fields = [
        *OfferPage.search_fields,
        index.SearchField("region_note"),
        index.FilterField("status"),
        index.RelatedFields("topics", [index.SearchField("name")]),
        index.RelatedFields("target_groups", [index.SearchField("name")]),
    ]

    parent_page_types = ["programmes.ProgrammeIndexPage"]
    # Read with the page when it is served (core.routing): the facts box and the image.
    select_related_when_served = ("district", "image")
    subpage_types = []

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")

    def clean(self):
        super().clean()
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The end lies before the start.")
        if (
            self.age_from_months is not None
            and self.age_to_months is not None
            and self.age_to_months < self.age_from_months
        ):
            errors["age_to_months"] = _("The upper age is below the lower age.")
        if errors:
            raise ValidationError(errors)

    @property
    def age_groups(self):
        """The finder's age groups this programme is for, in the finder's order."""
        return [group for group in AGE_GROUPS.values() if group.matches(self)]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["detail"] = ProgrammeDetail(self, request)
        return context


class OfferLanguage(Orderable):
    """A language an offer is held in; programmes and calendar entries list them inline."""

    code = models.CharField(_("language"), max_length=8, choices=OFFER_LANGUAGES)

    panels = [
        FieldPanel(
            "code",
            help_text=_("A language the offer is held in, e.g. Arabic for families who speak it."),
        )
    ]

    class Meta(Orderable.Meta):
        abstract = True
        verbose_name = _("language")

    @property
    def name(self):
        return OFFER_LANGUAGE_NAMES.get(self.code, self.code)

    @property
    def dir(self):
        return "rtl" if self.code in RTL_OFFER_LANGUAGES else "ltr"


class ProgrammeLanguage(OfferLanguage):
    page = ParentalKey(ProgrammePage, on_delete=models.CASCADE, related_name="languages")

    class Meta(OfferLanguage.Meta):
        unique_together = [("page", "code")]


class ProgrammeFunding(TranslatableMixin, Orderable):
    page = ParentalKey(ProgrammePage, on_delete=models.CASCADE, related_name="fundings")
    funder = models.ForeignKey(
        "directory.Funder", verbose_name=_("funder"), on_delete=models.PROTECT, related_name="+"
    )
    amount = models.DecimalField(
        _("amount (euro)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Total amount, if it is public."),
    )
    period_start = models.DateField(_("funded from"), null=True, blank=True)
    period_end = models.DateField(_("funded until"), null=True, blank=True)
    period_note = models.CharField(
        _("period"), max_length=120, blank=True, help_text=_("e.g. “five years”")
    )

    panels = [
        FieldPanel(
            "funder", help_text=_("Who pays. Add missing funders under Directory → Funders.")
        ),
        FieldPanel("amount"),
        FieldRowPanel(
            [
                FieldPanel("period_start", help_text=_("First day of the funding, if known.")),
                FieldPanel("period_end", help_text=_("Last day of the funding, if known.")),
            ]
        ),
        FieldPanel("period_note"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("funding")


class ProgrammePartner(TranslatableMixin, Orderable):
    page = ParentalKey(ProgrammePage, on_delete=models.CASCADE, related_name="partners")
    organisation = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    role = models.CharField(
        _("role"), max_length=200, blank=True, help_text=_("e.g. “runs the course in Wehlheiden”")
    )

    panels = [
        FieldPanel(
            "organisation",
            help_text=_("A partner. Add missing ones under Directory → Organisations."),
        ),
        FieldPanel("role"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("partner")


class ProgrammeFigure(TranslatableMixin, Orderable):
    page = ParentalKey(ProgrammePage, on_delete=models.CASCADE, related_name="figures")
    value = models.CharField(_("figure"), max_length=40, help_text=_("e.g. “about 200”"))
    label = models.CharField(
        _("what it counts"),
        max_length=200,
        help_text=_("e.g. “consultations in the first half year”"),
    )

    panels = [FieldRowPanel([FieldPanel("value"), FieldPanel("label")])]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("key figure")


class SubProject(TranslatableMixin, Orderable):
    page = ParentalKey(ProgrammePage, on_delete=models.CASCADE, related_name="sub_projects")
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), max_length=1000, blank=True)

    panels = [
        FieldPanel(
            "title",
            help_text=_("The sub-project's name, e.g. “Family guides in paediatric practices”."),
        ),
        FieldPanel(
            "summary", help_text=_("A few sentences: what the sub-project does and for whom.")
        ),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("sub-project")
