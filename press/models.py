"""Press releases: dated statements with a date line, a press contact and downloads, listed
newest first and published as RSS and Atom feeds in every language."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.blocks import PARAGRAPH_FEATURES, BaseStreamBlock
from core.forms import PortalPageForm
from core.routing import ViewRestrictionsInOneQuery


class PressReleaseIndexPage(ViewRestrictionsInOneQuery, RoutablePageMixin, Page):
    introduction = RichTextField(_("introduction"), features=PARAGRAPH_FEATURES, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel(
            "introduction", help_text=_("A few sentences above the list of press releases.")
        ),
    ]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["press.PressReleasePage"]
    max_count_per_parent = 1

    # Bound in PressConfig.ready(): press.presenters and press.feeds import this module.
    # index_context(index, request) -> dict; feed_class(index, "rss" or "atom")
    index_context = None
    feed_class = None

    class Meta:
        verbose_name = _("press release index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.index_context(self, request))
        return context

    @path("feed/rss/")
    def rss(self, request):
        return self.feed_class(self, "rss")(request)

    @path("feed/atom/")
    def atom(self, request):
        return self.feed_class(self, "atom")(request)


class PressReleasePage(ViewRestrictionsInOneQuery, Page):
    base_form_class = PortalPageForm

    date = models.DateField(_("release date"), default=timezone.localdate)
    dateline = models.CharField(
        _("date line place"), max_length=100, blank=True, help_text=_("e.g. “Kassel”")
    )
    teaser = models.TextField(
        _("teaser"),
        max_length=400,
        help_text=_("Two or three sentences: what happened, and why it matters."),
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)
    image = models.ForeignKey(
        "core.PortalImage",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Its alt text and credit are required for the press."),
    )
    press_contact = models.ForeignKey(
        "directory.ContactPerson",
        verbose_name=_("press contact"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    funding_note = models.CharField(
        _("funding acknowledgement"),
        max_length=300,
        blank=True,
        help_text=_("Where a funder requires it, e.g. “Funded by Techniker Krankenkasse”."),
    )
    topics = ParentalManyToManyField("directory.Topic", verbose_name=_("topics"), blank=True)
    programmes = ParentalManyToManyField(
        "programmes.ProgrammePage",
        verbose_name=_("related programmes"),
        blank=True,
        related_name="press_releases",
    )
    events = ParentalManyToManyField(
        "events.CalendarPage",
        verbose_name=_("related events"),
        blank=True,
        related_name="press_releases",
    )

    content_panels = [
        *Page.content_panels,
        FieldRowPanel(
            [
                FieldPanel(
                    "date",
                    help_text=_(
                        "The date printed on the release; the list shows the newest first."
                    ),
                ),
                FieldPanel("dateline"),
            ]
        ),
        FieldPanel("teaser"),
        FieldPanel("image"),
        FieldPanel(
            "body",
            help_text=_(
                "The main content, built from blocks: paragraphs, images, quotes, links and more."
            ),
        ),
        InlinePanel("downloads", label=_("Download"), heading=_("Press kit and photos")),
        MultiFieldPanel(
            [
                FieldPanel(
                    "press_contact",
                    help_text=_("The person journalists should call; shown below the release."),
                ),
                FieldPanel("funding_note"),
                FieldPanel("topics", help_text=_("Used by the topic filter of the press page.")),
                FieldPanel(
                    "programmes",
                    help_text=_("Programmes the release is about; their pages list it."),
                ),
                FieldPanel(
                    "events",
                    help_text=_("Calendar entries the release is about; their pages list it."),
                ),
            ],
            heading=_("Contact and links"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("teaser", boost=1.5),
        index.SearchField("body"),
        index.FilterField("date"),
    ]
    parent_page_types = ["press.PressReleaseIndexPage"]
    subpage_types = []

    # Bound in PressConfig.ready(): press.presenters imports this module.
    # detail_class(page, request): what the page shows beyond its fields
    detail_class = None

    class Meta:
        verbose_name = _("press release")
        verbose_name_plural = _("press releases")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["detail"] = self.detail_class(self, request)
        return context


class PressDownload(Orderable):
    page = ParentalKey(PressReleasePage, on_delete=models.CASCADE, related_name="downloads")
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("document"), on_delete=models.CASCADE
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    credit = models.CharField(
        _("credit"), max_length=200, blank=True, help_text=_("For photos: “© Name / Agency”")
    )

    panels = [
        FieldPanel(
            "document",
            help_text=_("The file to download, e.g. a PDF or a photo in print resolution."),
        ),
        FieldPanel("title", help_text=_("Leave empty to use the file's title.")),
        FieldPanel("credit"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("download")
