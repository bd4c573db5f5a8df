"""The calendar's pages: the calendar itself, and the entries in it.

``CalendarPage`` holds what every calendar entry has (place, audience, topics, programmes,
languages, cost, status); ``EventPage`` (one-off events and conferences) and ``CoursePage``
(recurring courses) extend it.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.template.response import TemplateResponse
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
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.blocks import PARAGRAPH_FEATURES
from core.routing import ViewRestrictionsInOneQuery
from core.sections import sections_for
from programmes.models import OfferLanguage, OfferPage

MIN_HOLD_MINUTES = 10  # an unconfirmed registration's place is held at least this long


class Audience(models.TextChoices):
    EVERYONE = "everyone", _("Everyone")
    FAMILIES = "families", _("Families")
    PROFESSIONALS = "professionals", _("Professionals")


class EventStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    CANCELLED = "cancelled", _("Cancelled")
    POSTPONED = "postponed", _("Postponed")
    MOVED_ONLINE = "moved_online", _("Moved online")
    FULLY_BOOKED = "fully_booked", _("Fully booked")


# --- the calendar ---------------------------------------------------------------------------


class EventIndexPage(ViewRestrictionsInOneQuery, RoutablePageMixin, Page):
    """The calendar: upcoming events and course sessions as a list or a month, the archive of
    past events, and the iCal feed of whatever the filters select."""

    introduction = RichTextField(
        _("introduction"),
        features=PARAGRAPH_FEATURES,
        blank=True,
        help_text=_("A few sentences above the calendar."),
    )

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["events.EventPage", "events.CoursePage"]
    max_count_per_parent = 1

    # Bound in EventsConfig.ready(): events.views imports this module.
    # calendar_context(index, request) and archive_context(index, request) -> dict
    calendar_context = None
    archive_context = None

    class Meta:
        verbose_name = _("calendar")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.calendar_context(self, request))
        return context

    @path("archive/")
    def archive(self, request):
        context = {"page": self, "self": self, "request": request}
        context.update(self.archive_context(self, request))
        return TemplateResponse(request, "events/event_archive.html", context)


class CalendarPage(OfferPage):
    """What events and courses share. Not created directly: editors pick one of its kinds."""

    status = models.CharField(
        _("status"), max_length=20, choices=EventStatus.choices, default=EventStatus.SCHEDULED
    )
    status_note = models.CharField(
        _("status note"),
        max_length=300,
        blank=True,
        help_text=_("Shown next to the status, e.g. the reason for a cancellation or a new date."),
    )
    place = models.ForeignKey(
        "directory.Place",
        verbose_name=_("place"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    online_url = models.URLField(
        _("online link"), blank=True, help_text=_("For events held online, or in addition.")
    )
    audience = models.CharField(
        _("audience"), max_length=20, choices=Audience.choices, default=Audience.EVERYONE
    )
    programmes = ParentalManyToManyField(
        "programmes.ProgrammePage",
        verbose_name=_("programmes"),
        blank=True,
        related_name="calendar_pages",
        help_text=_("The programmes this belongs to; their pages list it."),
    )

    # Registration (the registrations app takes the bookings; the settings live here so
    # that editors find them on the page, in every language).
    registration_enabled = models.BooleanField(_("registration open on this page"), default=False)
    registration_opens_at = models.DateTimeField(
        _("registration opens"), null=True, blank=True, help_text=_("Empty: at once.")
    )
    registration_closes_at = models.DateTimeField(
        _("registration closes"), null=True, blank=True, help_text=_("Empty: when it starts.")
    )
    registration_capacity = models.PositiveIntegerField(
        _("places in total"), null=True, blank=True, help_text=_("Empty: no overall limit.")
    )
    waiting_list = models.BooleanField(_("keep a waiting list"), default=True)
    hold_minutes = models.PositiveSmallIntegerField(
        _("minutes a place is held"),
        default=30,
        # Below that the confirmation e-mail may arrive after the place is gone.
        validators=[MinValueValidator(MIN_HOLD_MINUTES)],
        help_text=_(
            "How long an unconfirmed registration keeps its place before it is freed: at "
            "least 10 minutes, so that the e-mail with the confirmation link can arrive."
        ),
    )
    ask_organisation = models.BooleanField(_("ask for the organisation"), default=False)
    ask_profession = models.BooleanField(_("ask for the profession"), default=False)
    ask_dietary_needs = models.BooleanField(_("ask for dietary needs"), default=False)
    ask_accessibility_needs = models.BooleanField(_("ask for accessibility needs"), default=False)
    ask_childcare = models.BooleanField(_("ask whether childcare is needed"), default=False)
    vnr = models.CharField(
        _("event number (VNR)"),
        max_length=30,
        blank=True,
        help_text=_(
            "For an event accredited by the Ärztekammer: its Veranstaltungsnummer. The "
            "registration form then asks doctors for their EFN."
        ),
    )
    cme_points = models.DecimalField(
        _("CME points"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        help_text=_("Fortbildungspunkte granted for taking part, e.g. 6."),
    )
    reminder_days = models.PositiveSmallIntegerField(
        _("reminder (days before)"),
        default=2,
        validators=[MaxValueValidator(60)],
        help_text=_(
            "Booked participants get a reminder with their personal link, the calendar file "
            "and the way there this many days before it starts (a course: before its first "
            "session). 0 for no reminder."
        ),
    )
    certificate = models.BooleanField(
        _("attendance certificate"),
        default=False,
        help_text=_(
            "Participants who were checked in can download a certificate of attendance "
            "(Teilnahmebescheinigung) after it, in their language, with the CME points."
        ),
    )
    certificate_threshold = models.PositiveSmallIntegerField(
        _("sessions needed for the certificate (%)"),
        default=80,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("For a course: the share of its sessions a participant must attend, e.g. 80."),
    )
    certificate_hours = models.DecimalField(
        _("hours on the certificate"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        help_text=_("Empty: counted from the times of the sessions attended."),
    )
    consent_text = models.TextField(
        _("consent text"),
        blank=True,
        help_text=_(
            "What participants agree to, e.g. how their data is used and when it is deleted. "
            "Each registration keeps the wording it agreed to."
        ),
    )

    is_creatable = False

    search_fields = [*OfferPage.search_fields, index.FilterField("status")]

    @staticmethod
    def content_panels_with(*when):
        """The "Content" tab of every kind of calendar entry; ``when`` goes below the teaser."""
        return [
            *Page.content_panels,
            FieldPanel("teaser"),
            *when,
            FieldPanel(
                "image",
                help_text=_("Shown at the top and in the calendar. Its alt text is required."),
            ),
            FieldPanel("body"),
        ]

    common_panels = [
        MultiFieldPanel(
            [
                FieldPanel(
                    "status",
                    help_text=_(
                        "Tell visitors when something changes: cancelled, postponed, moved online, "
                        "fully booked."
                    ),
                ),
                FieldPanel("status_note"),
            ],
            heading=_("Status"),
        ),
        MultiFieldPanel(
            [
                FieldPanel(
                    "place",
                    help_text=_("Where it takes place. Leave empty for events held only online."),
                ),
                FieldPanel("online_url"),
            ],
            heading=_("Where"),
        ),
        MultiFieldPanel(
            [
                FieldPanel(
                    "audience",
                    help_text=_("Who it is meant for; the calendar can be filtered by it."),
                ),
                FieldPanel("topics", help_text=_("Used by the topic filter of the calendar.")),
                FieldPanel("programmes"),
            ],
            heading=_("For whom, about what"),
        ),
        InlinePanel("languages", label=_("Language"), heading=_("Languages it is held in")),
        MultiFieldPanel(
            [
                FieldPanel(
                    "is_free",
                    help_text=_(
                        "Untick if participants pay something, and say how much under “cost”."
                    ),
                ),
                FieldPanel("cost_note"),
            ],
            heading=_("Taking part"),
        ),
        InlinePanel("organisers", label=_("Organiser"), heading=_("Organisers and partners")),
        FieldPanel("contact", help_text=_("The person to ask about it.")),
    ]
    registration_panels = [
        FieldPanel(
            "registration_enabled", help_text=_("Tick to show the registration form on the page.")
        ),
        FieldRowPanel([FieldPanel("registration_opens_at"), FieldPanel("registration_closes_at")]),
        FieldRowPanel(
            [
                FieldPanel("registration_capacity"),
                FieldPanel("hold_minutes"),
                FieldPanel(
                    "waiting_list",
                    help_text=_(
                        "When all places are taken, further people go on a waiting list and move "
                        "up when someone cancels."
                    ),
                ),
            ]
        ),
        MultiFieldPanel(
            [
                FieldPanel(
                    "ask_organisation",
                    help_text=_(
                        "Adds this question to the registration form; answering it is optional."
                    ),
                ),
                FieldPanel(
                    "ask_profession",
                    help_text=_(
                        "Adds this question to the registration form; answering it is optional."
                    ),
                ),
                FieldPanel(
                    "ask_dietary_needs",
                    help_text=_(
                        "Adds this question to the registration form; answering it is optional."
                    ),
                ),
                FieldPanel(
                    "ask_accessibility_needs",
                    help_text=_(
                        "Adds this question to the registration form; answering it is optional."
                    ),
                ),
                FieldPanel(
                    "ask_childcare",
                    help_text=_(
                        "Adds this question to the registration form; answering it is optional."
                    ),
                ),
            ],
            heading=_("Optional questions"),
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("vnr"), FieldPanel("cme_points")])],
            heading=_("CME points (Fortbildungspunkte)"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("reminder_days"),
                FieldPanel("certificate"),
                FieldRowPanel(
                    [FieldPanel("certificate_threshold"), FieldPanel("certificate_hours")]
                ),
            ],
            heading=_("Reminder and certificate"),
        ),
        FieldPanel(
            "consent_text",
            help_text=_(
                "What participants agree to, e.g. how their data is used and when it is "
                "deleted. For an accredited event, name the EFN and the arrival time, which "
                "are passed to the Ärztekammer for the points. Each registration keeps the "
                "wording it agreed to."
            ),
        ),
    ]

    # Bound in EventsConfig.ready(): events.presenters imports this module.
    # detail_class(page, request): what the page shows beyond its fields
    detail_class = None

    class Meta:
        verbose_name = _("calendar entry")
        verbose_name_plural = _("calendar entries")

    @property
    def is_cancelled(self):
        return self.status == EventStatus.CANCELLED

    @property
    def asks_efn(self):
        """An accredited event asks doctors for their EFN (the points are booked to it)."""
        return bool(self.vnr)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["detail"] = self.detail_class(self.specific, request)
        # The registrations app fills this slot (events knows nothing of registrations).
        blocks = sections_for("registration", self.specific, request)
        context["registration"] = blocks[0] if blocks else None
        return context


class CalendarLanguage(OfferLanguage):
    page = ParentalKey(CalendarPage, on_delete=models.CASCADE, related_name="languages")

    class Meta(OfferLanguage.Meta):
        unique_together = [("page", "code")]


class CalendarOrganiser(Orderable):
    page = ParentalKey(CalendarPage, on_delete=models.CASCADE, related_name="organisers")
    organisation = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    is_partner = models.BooleanField(
        _("partner"), default=False, help_text=_("Tick for partners; leave empty for organisers.")
    )

    panels = [
        FieldRowPanel(
            [
                FieldPanel(
                    "organisation",
                    help_text=_(
                        "An organiser or partner. Add missing ones under Directory → Organisations."
                    ),
                ),
                FieldPanel("is_partner"),
            ]
        )
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("organiser")


# --- one-off events and conferences --------------------------------------------------------


class EventPage(CalendarPage):
    """A one-off event, from an opening to a two-day Fachtagung with forums in rounds."""

    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    results_introduction = RichTextField(
        _("results"),
        features=PARAGRAPH_FEATURES,
        blank=True,
        help_text=_("After the event: what came out of it. The forums' results follow."),
    )

    content_panels = CalendarPage.content_panels_with(
        FieldRowPanel(
            [
                FieldPanel("start", help_text=_("Date and time it begins (German time).")),
                FieldPanel("end", help_text=_("Date and time it ends (German time).")),
            ],
            heading=_("When"),
        )
    )
    conference_panels = [
        InlinePanel("agenda_items", label=_("Agenda item"), heading=_("Timetable")),
        InlinePanel(
            "rounds",
            label=_("Round"),
            heading=_("Rounds"),
            help_text=_(
                "A round (Durchlauf) is a time slot in which several forums run in parallel."
            ),
        ),
        InlinePanel("forums", label=_("Forum"), heading=_("Forums")),
        FieldPanel("results_introduction"),
        InlinePanel("downloads", label=_("Download"), heading=_("Downloads")),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(CalendarPage.common_panels, heading=_("Facts for the calendar")),
            ObjectList(conference_panels, heading=_("Conference")),
            ObjectList(CalendarPage.registration_panels, heading=_("Registration")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
        ]
    )

    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []
    template = "events/event_page.html"

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def clean(self):
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The end lies before the start.")})


class CoursePage(CalendarPage):
    """A course of dated sessions, e.g. an attachment training of 20 weekly evenings held in
    two family centres at once."""

    content_panels = CalendarPage.content_panels_with()
    schedule_panels = [
        InlinePanel(
            "schedules",
            label=_("Schedule"),
            heading=_("Schedules"),
            help_text=_(
                "One schedule per place and time, e.g. Tuesdays 18:00 in one family centre "
                "and Thursdays 9:30 in another."
            ),
            min_num=1,
        ),
        InlinePanel(
            "exceptions",
            label=_("Exception"),
            heading=_("Cancelled and moved sessions"),
        ),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(schedule_panels, heading=_("Dates")),
            ObjectList(CalendarPage.common_panels, heading=_("Facts for the calendar")),
            ObjectList(CalendarPage.registration_panels, heading=_("Registration")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
        ]
    )

    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []
    template = "events/course_page.html"

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")
