"""Who issues the certificates of attendance, and who signs them: a setting per site.

The certificates (``checkin.documents.certificates``) print the issuing organisation, its
logo, the place of issue and a scanned signature with the signer's name and role; the
organisers keep them under Settings → Certificates, without a developer.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="doc-full")
class CertificateSettings(BaseSiteSetting):
    organiser_name = models.CharField(
        _("issued by"),
        max_length=200,
        blank=True,
        help_text=_(
            "The organisation named at the top of every certificate, e.g. “Stadt Kassel, "
            "Netzwerk Frühe Hilfen”. Empty: the organisation of the site settings."
        ),
    )
    issue_place = models.CharField(
        _("place of issue"),
        max_length=100,
        blank=True,
        help_text=_("Written before the date above the signature, e.g. “Kassel”."),
    )
    signer_name = models.CharField(_("signed by"), max_length=160, blank=True)
    signer_role = models.CharField(
        _("role of the signer"),
        max_length=200,
        blank=True,
        help_text=_("e.g. “Koordination Frühe Hilfen” or “Wissenschaftliche Leitung”."),
    )
    signature = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("signature"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A scan of the signature, best as a PNG with a transparent background."),
    )
    logo = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Optional. Printed at the top of every certificate."),
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("organiser_name"), FieldPanel("logo"), FieldPanel("issue_place")],
            heading=_("Issuer"),
        ),
        MultiFieldPanel(
            [FieldPanel("signer_name"), FieldPanel("signer_role"), FieldPanel("signature")],
            heading=_("Signature"),
        ),
    ]

    class Meta:
        verbose_name = _("Certificates")
