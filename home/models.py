from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from core.blocks import PARAGRAPH_FEATURES, BaseStreamBlock


class HomePage(Page):
    """The start page of one language's tree: a hero, an introduction and sections that the
    content apps fill (featured programmes, upcoming events, latest press releases)."""

    hero_heading = models.CharField(
        _("hero heading"),
        max_length=160,
        help_text=_("The large headline at the top. The page title is used where empty."),
        blank=True,
    )
    hero_text = models.TextField(
        _("hero text"),
        max_length=400,
        blank=True,
        help_text=_("One or two sentences that tell families what they find here."),
    )
    hero_image = models.ForeignKey(
        "core.PortalImage",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_link_text = models.CharField(_("hero button text"), max_length=80, blank=True)
    hero_link_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("hero button target"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    introduction = RichTextField(
        _("introduction"),
        features=PARAGRAPH_FEATURES,
        blank=True,
        help_text=_("A short welcome below the hero."),
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("hero_heading"),
                FieldPanel("hero_text"),
                FieldPanel("hero_image"),
                FieldPanel("hero_link_text"),
                FieldPanel("hero_link_page"),
            ],
            heading=_("Hero"),
        ),
        FieldPanel("introduction"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("hero_text"),
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]

    # Each language has its own home below the root (wagtail-localize's layout), and a second
    # site would bring another; so no maximum count here.
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["home.ContentPage", "programmes.ProgrammeIndexPage", "events.EventIndexPage"]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["home_sections"] = self.get_sections(request)
        return context

    def get_sections(self, request):
        """Sections the content apps contribute (see ``core.sections``), in order."""
        from core.sections import home_sections

        return home_sections(self, request)


class ContentPage(Page):
    """A plain page: about us, imprint, privacy, accessibility statement."""

    introduction = models.TextField(
        _("introduction"),
        max_length=600,
        blank=True,
        help_text=_("A short summary shown below the title and in search results."),
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("body")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]

    parent_page_types = ["home.HomePage", "home.ContentPage"]
    subpage_types = ["home.ContentPage"]

    class Meta:
        verbose_name = _("content page")
