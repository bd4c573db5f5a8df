"""Records that many pages share: organisations, funders, places, districts, contacts, topics
and target groups. One record serves every page that uses it; editing it once updates them
all. Records whose words visitors read are translatable (wagtail-localize); proper names
(organisations, districts) are not."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index


class Vocabulary(TranslatableMixin, index.Indexed, models.Model):
    """A word visitors filter offers by (topics, target groups): a name in every language, and
    the slug of the German record, which filter URLs carry and every translation keeps."""

    slug = models.SlugField(
        _("slug"),
        max_length=80,
        help_text=_("Short name for web addresses, e.g. “single-parents”. Keep it unchanged."),
    )
    name = models.CharField(_("name"), max_length=120)

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["name"]
        unique_together = [("translation_key", "locale"), ("slug", "locale")]

    def __str__(self):
        return self.name

    @staticmethod
    def panels_with(name_help_text):
        return [FieldPanel("name", help_text=name_help_text), FieldPanel("slug")]


class Topic(Vocabulary):
    panels = Vocabulary.panels_with(_("A short topic as visitors look for it, e.g. “Bonding”."))

    class Meta(Vocabulary.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")


class TargetGroup(Vocabulary):
    panels = Vocabulary.panels_with(_("Who an offer is for, e.g. “Single parents”."))

    class Meta(Vocabulary.Meta):
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")


class District(index.Indexed, models.Model):
    """A city, district or county where offers take place (a proper name, not translated)."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    state = models.CharField(
        _("federal state"),
        max_length=60,
        blank=True,
        help_text=_(
            "e.g. “Hessen”. The course editor marks this state's public and school holidays."
        ),
    )

    panels = [
        FieldPanel("name", help_text=_("The official name, e.g. “Landkreis Kassel”.")),
        FieldPanel(
            "slug", help_text=_("Short name for web addresses, e.g. “kassel”. Keep it unchanged.")
        ),
        FieldPanel("state"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Organisation(index.Indexed, models.Model):
    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("Municipality or district office")
        YOUTH_SERVICES = "youth_services", _("Youth services")
        HEALTH_INSURER = "health_insurer", _("Health insurer")
        PRACTICE = "practice", _("Medical practice")
        FAMILY_CENTRE = "family_centre", _("Family centre")
        JOBCENTRE = "jobcentre", _("Jobcentre")
        MINISTRY = "ministry", _("Ministry or public agency")
        FOUNDATION = "foundation", _("Foundation")
        ASSOCIATION = "association", _("Association or charity")
        RESEARCH = "research", _("University or research institute")
        NETWORK = "network", _("Network")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, default=Kind.OTHER)
    website = models.URLField(_("website"), blank=True)
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)

    panels = [
        FieldPanel("name", help_text=_("The full official name, e.g. “Stadt Kassel, Jugendamt”.")),
        FieldPanel("kind", help_text=_("What sort of body it is.")),
        FieldPanel(
            "website", help_text=_("The organisation's own website, starting with https://.")
        ),
        MultiFieldPanel(
            [
                FieldPanel("street", help_text=_("Street and house number.")),
                FieldRowPanel(
                    [
                        FieldPanel("postcode", help_text=_("Five digits, e.g. “34117”.")),
                        FieldPanel("city", help_text=_("e.g. “Kassel”")),
                    ]
                ),
            ],
            heading=_("Address"),
        ),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("kind"),
    ]

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Funder(index.Indexed, models.Model):
    """Who pays for programmes: a health insurer, a ministry's programme, a foundation."""

    name = models.CharField(
        _("name"),
        max_length=200,
        unique=True,
        help_text=_("As the funder wants to be named, e.g. “Techniker Krankenkasse”."),
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    funding_programme = models.CharField(
        _("funding programme"),
        max_length=200,
        blank=True,
        help_text=_("e.g. the federal model programme “rehapro”"),
    )
    website = models.URLField(_("website"), blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel(
            "organisation",
            help_text=_("The organisation behind the funder, if it is in the directory."),
        ),
        FieldPanel("funding_programme"),
        FieldPanel("website", help_text=_("The funder's website, starting with https://.")),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = _("funder")
        verbose_name_plural = _("funders")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Place(TranslatableMixin, index.Indexed, models.Model):
    """Where something happens: a family centre, a practice, a conference venue."""

    name = models.CharField(_("name"), max_length=200)
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100)
    district = models.ForeignKey(
        District,
        verbose_name=_("district"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="places",
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    accessibility_note = models.TextField(
        _("accessibility"),
        blank=True,
        max_length=500,
        help_text=_("Step-free access, lift, accessible toilet, quiet room, …"),
    )

    panels = [
        FieldPanel("name", help_text=_("As people know it, e.g. “Familienzentrum Wehlheiden”.")),
        MultiFieldPanel(
            [
                FieldPanel("street", help_text=_("Street and house number.")),
                FieldRowPanel(
                    [
                        FieldPanel("postcode", help_text=_("Five digits, e.g. “34117”.")),
                        FieldPanel("city", help_text=_("e.g. “Kassel”")),
                    ]
                ),
                FieldPanel(
                    "district",
                    help_text=_(
                        "Used by the district filters of the offer finder and the calendar."
                    ),
                ),
                FieldRowPanel(
                    [
                        FieldPanel(
                            "latitude",
                            help_text=_("For the map, e.g. 51.312711. Leave empty if unknown."),
                        ),
                        FieldPanel(
                            "longitude",
                            help_text=_("For the map, e.g. 9.479746. Leave empty if unknown."),
                        ),
                    ]
                ),
            ],
            heading=_("Address"),
        ),
        FieldPanel("accessibility_note"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("city"),
        index.AutocompleteField("name"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("place")
        verbose_name_plural = _("places")
        ordering = ["city", "name"]

    def __str__(self):
        return f"{self.name}, {self.city}"

    @property
    def address_line(self):
        return ", ".join(
            part for part in (self.street, f"{self.postcode} {self.city}".strip()) if part
        )


class ContactPerson(TranslatableMixin, index.Indexed, models.Model):
    name = models.CharField(_("name"), max_length=160)
    role = models.CharField(
        _("role"), max_length=200, blank=True, help_text=_("e.g. “Project lead, Frauenbüro”")
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(
        _("e-mail"),
        blank=True,
        help_text=_("Shown to visitors in a form that address harvesters cannot read."),
    )

    panels = [
        FieldPanel("name", help_text=_("First and last name, as visitors should read them.")),
        FieldPanel("role"),
        FieldPanel(
            "organisation", help_text=_("Where the person works, chosen from the organisations.")
        ),
        FieldRowPanel(
            [
                FieldPanel("phone", help_text=_("With the area code, e.g. “0561 787-5000”.")),
                FieldPanel("email"),
            ]
        ),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")
        ordering = ["name"]

    def __str__(self):
        return self.name
