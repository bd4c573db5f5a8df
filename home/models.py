from django.db import models
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractForm, AbstractFormField
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Page
from wagtail.search import index

from core import pages, routing
from core.blocks import PARAGRAPH_FEATURES, BaseStreamBlock
from core.mail import send_after_commit
from core.models import OrganisationSettings
from core.routing import ViewRestrictionsInOneQuery
from core.sections import home_sections
from home.blocks import SignLanguageStreamBlock
from home.form_pages import serve_form_page


class HomePage(ViewRestrictionsInOneQuery, Page):
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
                FieldPanel(
                    "hero_image",
                    help_text=_("A wide photo behind the headline. Its alt text is required."),
                ),
                FieldPanel(
                    "hero_link_text",
                    help_text=_(
                        "Text on the button, e.g. “Find support”. Leave empty for no button."
                    ),
                ),
                FieldPanel(
                    "hero_link_page",
                    help_text=_("The page the button opens, e.g. the offer finder."),
                ),
            ],
            heading=_("Hero"),
        ),
        FieldPanel("introduction"),
        FieldPanel(
            "body",
            help_text=_(
                "The main content, built from blocks: paragraphs, images, quotes, links and more."
            ),
        ),
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
    subpage_types = [
        "home.ContentPage",
        "home.FormPage",
        "home.SignLanguagePage",
        "home.AccessibilityStatementPage",
        "programmes.ProgrammeIndexPage",
        "events.EventIndexPage",
        "press.PressReleaseIndexPage",
    ]

    class Meta:
        verbose_name = _("home page")

    # Read with the home page itself (core.routing.localized_root).
    select_related_when_served = ("hero_image", "hero_link_page")

    @property
    def hero_link(self):
        """The hero button's target in the visitor's language (its live translation), else
        the page chosen."""
        page = self.hero_link_page
        if page is None:
            return None
        translated = pages.translation(page, Locale.get_active())
        return translated if translated is not None and translated.live else page

    def route(self, request, path_components):
        # A site's root: every page on the way to the address in one query (core.routing).
        return routing.route(self, request, path_components)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Computed only when the template's kept fragment of them is rendered again.
        context["home_sections"] = SimpleLazyObject(lambda: self.get_sections(request))
        return context

    def get_sections(self, request):
        """Sections the content apps contribute (see ``core.sections``), in order."""
        return home_sections(self, request)


class ContentPage(ViewRestrictionsInOneQuery, Page):
    """A plain page: about us, imprint, privacy, accessibility statement."""

    introduction = models.TextField(
        _("introduction"),
        max_length=600,
        blank=True,
        help_text=_("A short summary shown below the title and in search results."),
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        FieldPanel(
            "body",
            help_text=_(
                "The main content, built from blocks: paragraphs, images, quotes, links and more."
            ),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]

    parent_page_types = ["home.HomePage", "home.ContentPage"]
    subpage_types = ["home.ContentPage", "home.FormPage"]

    class Meta:
        verbose_name = _("content page")


class FormField(AbstractFormField):
    page = ParentalKey("FormPage", on_delete=models.CASCADE, related_name="form_fields")


class FormPage(ViewRestrictionsInOneQuery, AbstractEmailForm):
    """A simple form editors build themselves: contact, an enquiry to a programme's guide,
    feedback. Submissions are kept in the admin (with export) and notified by e-mail from a
    background task; the same spam protection as the registration form applies."""

    intro = RichTextField(_("introduction"), features=PARAGRAPH_FEATURES, blank=True)
    thank_you_text = RichTextField(
        _("thank-you text"),
        features=PARAGRAPH_FEATURES,
        blank=True,
        help_text=_("Shown after sending, e.g. when to expect an answer."),
    )

    content_panels = [
        *AbstractEmailForm.content_panels,
        FormSubmissionsPanel(),
        FieldPanel(
            "intro", help_text=_("Shown above the form: what it is for and what happens next.")
        ),
        InlinePanel("form_fields", label=_("Form field"), heading=_("Form fields")),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("from_address"), FieldPanel("to_address")]),
                FieldPanel("subject"),
            ],
            heading=_("Notification e-mail"),
        ),
    ]
    parent_page_types = ["home.HomePage", "home.ContentPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("form page")

    def serve(self, request, *args, **kwargs):
        return serve_form_page(self, request)

    def process_form_submission(self, form):
        """Store the submission; the notification goes out after commit, from a task."""
        submission = AbstractForm.process_form_submission(self, form)
        if self.to_address:
            send_after_commit("form.notification", submission.pk)
        return submission


class SignLanguagePage(ViewRestrictionsInOneQuery, Page):
    """Information in German Sign Language (DGS): videos with a player, a download link that
    tells format, size and duration, and the text of each video."""

    introduction = RichTextField(
        _("introduction"),
        features=PARAGRAPH_FEATURES,
        blank=True,
        help_text=_("A few words on what the videos explain, for people who read."),
    )
    videos = StreamField(
        SignLanguageStreamBlock(),
        verbose_name=_("videos"),
        blank=True,
        help_text=_(
            "One block per video: its title, the file, a poster image, its length and its text."
        ),
    )

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("videos")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("introduction"),
        index.SearchField("videos"),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("sign language page")


class AccessibilityStatementPage(ViewRestrictionsInOneQuery, Page):
    """The accessibility statement (Erklärung zur Barrierefreiheit) as BITV 2.0 and the EU
    model statement require it, with a form to report a barrier. One per language tree."""

    class Conformance(models.TextChoices):
        FULL = "full", _("fully compliant")
        PARTIAL = "partial", _("partially compliant")
        NONE = "none", _("not compliant")

    class Method(models.TextChoices):
        SELF = "self", _("self-assessment")
        EXTERNAL = "external", _("test by an external body")

    introduction = models.TextField(
        _("introduction"),
        max_length=600,
        blank=True,
        help_text=_("Who makes the statement and for which website."),
    )
    conformance = models.CharField(
        _("conformance status"),
        max_length=10,
        choices=Conformance.choices,
        default=Conformance.PARTIAL,
        help_text=_(
            "How far the website meets BITV 2.0: fully, partially (some content is not yet "
            "accessible), or not."
        ),
    )
    non_accessible_content = RichTextField(
        _("content that is not accessible"),
        features=PARAGRAPH_FEATURES,
        blank=True,
        help_text=_("What is not yet accessible, and why (e.g. a disproportionate burden)."),
    )
    alternatives = RichTextField(
        _("accessible alternatives"),
        features=PARAGRAPH_FEATURES,
        blank=True,
        help_text=_("How people get the same information another way."),
    )
    prepared_on = models.DateField(
        _("statement prepared on"), help_text=_("The date this statement was first written.")
    )
    reviewed_on = models.DateField(
        _("last reviewed on"),
        null=True,
        blank=True,
        help_text=_("When the statement was last checked against the website; at least yearly."),
    )
    method = models.CharField(
        _("method"),
        max_length=10,
        choices=Method.choices,
        default=Method.SELF,
        help_text=_("Whether you assessed the website yourselves or had it tested."),
    )
    method_note = models.CharField(
        _("how it was assessed"),
        max_length=300,
        blank=True,
        help_text=_("E.g. automated tests of every page plus a manual check with a screen reader."),
    )
    feedback_email = models.EmailField(
        _("feedback e-mail"),
        blank=True,
        help_text=_("Where reports of barriers go. Empty: the organisation's e-mail address."),
    )
    feedback_note = RichTextField(
        _("about feedback"),
        features=PARAGRAPH_FEATURES,
        blank=True,
        help_text=_("E.g. how soon you answer."),
    )
    enforcement_url = models.URLField(
        _("conciliation body"),
        default="https://www.schlichtungsstelle-bgg.de",
        help_text=_("The conciliation body under section 16 BGG, or the state's own body."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        MultiFieldPanel(
            [
                FieldPanel("conformance"),
                FieldPanel("non_accessible_content"),
                FieldPanel("alternatives"),
            ],
            heading=_("Conformance"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("prepared_on"), FieldPanel("reviewed_on")]),
                FieldPanel("method"),
                FieldPanel("method_note"),
            ],
            heading=_("Preparation of the statement"),
        ),
        MultiFieldPanel(
            [FieldPanel("feedback_email"), FieldPanel("feedback_note")],
            heading=_("Feedback and contact"),
        ),
        FieldPanel("enforcement_url"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    # Bound in HomeConfig.ready(): home.views imports this module (its form needs
    # AccessibilityFeedback). serve_statement(page, request) -> response
    serve_statement = None

    class Meta:
        verbose_name = _("accessibility statement")

    def feedback_recipient(self):
        """The address reports go to: the page's own, else the organisation's."""
        if self.feedback_email:
            return self.feedback_email
        site = self.get_site()
        return OrganisationSettings.for_site(site).email if site else ""

    def serve(self, request, *args, **kwargs):
        return self.serve_statement(self, request)


class AccessibilityFeedback(models.Model):
    """A barrier a visitor reported on the accessibility statement's form. Kept as a row, so
    nothing is lost when the e-mail to the editors fails; read-only in the admin."""

    statement = models.ForeignKey(
        AccessibilityStatementPage,
        verbose_name=_("accessibility statement"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("received"), auto_now_add=True, db_index=True)
    message = models.TextField(_("problem"), max_length=5000)
    page_url = models.CharField(_("page"), max_length=500, blank=True)
    name = models.CharField(_("name"), max_length=160, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    language = models.CharField(_("language"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("barrier report")
        verbose_name_plural = _("barrier reports")
        ordering = ["-created_at"]

    def __str__(self):
        return self.message[:60]
