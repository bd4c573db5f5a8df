from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractForm, AbstractFormField
from wagtail.contrib.forms.panels import FormSubmissionsPanel
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
    subpage_types = [
        "home.ContentPage",
        "home.FormPage",
        "programmes.ProgrammeIndexPage",
        "events.EventIndexPage",
        "press.PressReleaseIndexPage",
    ]

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
    subpage_types = ["home.ContentPage", "home.FormPage"]

    class Meta:
        verbose_name = _("content page")


class FormField(AbstractFormField):
    page = ParentalKey("FormPage", on_delete=models.CASCADE, related_name="form_fields")


class FormPage(AbstractEmailForm):
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
        FieldPanel("intro"),
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
        from home.form_pages import serve_form_page

        return serve_form_page(self, request)

    def process_form_submission(self, form):
        """Store the submission; the notification goes out after commit, from a task."""
        from core.mail import send_after_commit

        submission = AbstractForm.process_form_submission(self, form)
        if self.to_address:
            send_after_commit("form.notification", submission.pk)
        return submission
