from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.images.models import AbstractImage, AbstractRendition


class PortalImage(AbstractImage):
    """Every image carries a text alternative and, where needed, a credit line."""

    # Wagtail's own "description" is what templates use as alt text; here it is required,
    # so no image reaches a page without a text alternative.
    description = models.CharField(
        _("alt text"),
        max_length=255,
        default="",
        help_text=_(
            "Describe what the image shows, for people who cannot see it. Required. "
            "Leave out “image of”; screen readers announce that already."
        ),
    )
    credit = models.CharField(
        _("credit"),
        max_length=255,
        blank=True,
        help_text=_("Photographer or source, e.g. “Photo: City of Kassel”."),
    )

    admin_form_fields = (
        "title",
        "file",
        "description",
        "credit",
        "collection",
        "tags",
        "focal_point_x",
        "focal_point_y",
        "focal_point_width",
        "focal_point_height",
    )

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")
        permissions = [("choose_image", "Can choose image")]


class PortalRendition(AbstractRendition):
    image = models.ForeignKey(PortalImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)


@register_setting(icon="site")
class OrganisationSettings(BaseSiteSetting, ClusterableModel):
    """Who runs the portal: shown in the footer, the imprint and structured data."""

    name = models.CharField(_("organisation name"), max_length=255, blank=True)
    street = models.CharField(_("street and number"), max_length=255, blank=True)
    postcode = models.CharField(_("postcode"), max_length=20, blank=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    phone = models.CharField(_("phone"), max_length=60, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    mastodon_url = models.URLField(_("Mastodon"), blank=True)
    instagram_url = models.URLField(_("Instagram"), blank=True)
    linkedin_url = models.URLField(_("LinkedIn"), blank=True)
    youtube_url = models.URLField(_("YouTube"), blank=True)
    imprint_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("imprint page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("accessibility statement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sign_language_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("German Sign Language page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    logo = models.ForeignKey(
        "core.PortalImage",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    favicon = models.ForeignKey(
        "core.PortalImage",
        verbose_name=_("browser icon"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("name", help_text=_("Shown in the footer and the imprint.")),
                FieldPanel("street", help_text=_("Street and house number.")),
                FieldPanel("postcode", help_text=_("Five digits, e.g. “34117”.")),
                FieldPanel("city", help_text=_("e.g. “Kassel”")),
                FieldPanel("phone", help_text=_("With the area code, e.g. “0561 787-5000”.")),
                FieldPanel(
                    "email", help_text=_("The general contact address, shown in the footer.")
                ),
            ],
            heading=_("Organisation and contact"),
        ),
        MultiFieldPanel(
            [
                FieldPanel(
                    "mastodon_url",
                    help_text=_(
                        "The full address of the profile, starting with https://. "
                        "Leave empty to hide the link."
                    ),
                ),
                FieldPanel(
                    "instagram_url",
                    help_text=_(
                        "The full address of the profile, starting with https://. "
                        "Leave empty to hide the link."
                    ),
                ),
                FieldPanel(
                    "linkedin_url",
                    help_text=_(
                        "The full address of the profile, starting with https://. "
                        "Leave empty to hide the link."
                    ),
                ),
                FieldPanel(
                    "youtube_url",
                    help_text=_(
                        "The full address of the profile, starting with https://. "
                        "Leave empty to hide the link."
                    ),
                ),
            ],
            heading=_("Social media"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("imprint_page", help_text=_("The German imprint page (Impressum).")),
                FieldPanel("privacy_page", help_text=_("The German privacy policy page.")),
                FieldPanel(
                    "accessibility_page", help_text=_("The German accessibility statement page.")
                ),
                PageChooserPanel(
                    "sign_language_page",
                    "home.SignLanguagePage",
                    help_text=_("The page with videos in German Sign Language (DGS)."),
                ),
            ],
            heading=_("Required pages in the footer"),
            help_text=_(
                "Choose the German pages; visitors automatically see the translation in their "
                "language where one exists."
            ),
        ),
        MultiFieldPanel(
            [
                FieldPanel(
                    "logo",
                    help_text=_(
                        "Shown beside the name at the top of every page, about 40 pixels "
                        "high. Leave empty for the portal's own mark."
                    ),
                ),
                FieldPanel(
                    "favicon",
                    help_text=_(
                        "The small picture in the browser tab and on a phone's home screen: "
                        "a square image, at least 180 × 180 pixels. Leave empty for the "
                        "portal's own icon."
                    ),
                ),
            ],
            heading=_("Logo and browser icon"),
        ),
    ]

    class Meta:
        verbose_name = _("organisation")

    LEGAL_PAGES = ("imprint_page", "privacy_page", "accessibility_page", "sign_language_page")

    @classmethod
    def base_queryset(cls):
        # The footer links the four pages on every page: read with the settings.
        return super().base_queryset().select_related(*cls.LEGAL_PAGES, "logo", "favicon")

    @property
    def social_links(self):
        links = [
            ("Mastodon", self.mastodon_url),
            ("Instagram", self.instagram_url),
            ("LinkedIn", self.linkedin_url),
            ("YouTube", self.youtube_url),
        ]
        return [{"label": label, "url": url} for label, url in links if url]


class PageSearchTerm(models.Model):
    """One term a live page is found under (``core.search_terms``): written when the page is
    published, removed when it is unpublished (``core.search_index``)."""

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    term = models.CharField(max_length=100)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["page", "term"], name="unique_search_term_per_page")
        ]
        indexes = [models.Index(fields=["term", "page"], name="search_term_page")]

    def __str__(self):
        return f"{self.term} (page {self.page_id})"
