"""The calendar: one-off events and conferences, recurring courses, and their sessions.

``CalendarPage`` holds what every calendar entry has (place, audience, topics, programmes,
languages, cost, status); ``EventPage`` and ``CoursePage`` extend it. What visitors see in the
calendar and what feeds export are ``Session`` rows: one per event, one per dated course
session. They are written when the German page is published (``events.sessions``) and shared
by every language version of the page, so a session's identity, and later its bookings, do
not depend on the language it is looked at in.
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from recurrence.fields import RecurrenceField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageViewRestriction, TranslatableMixin
from wagtail.search import index

from core.blocks import PARAGRAPH_FEATURES, BaseStreamBlock
from core.forms import PortalPageForm
from core.sections import sections_for
from programmes.models import OfferLanguage


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


class EventIndexPage(RoutablePageMixin, Page):
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


class CalendarPage(Page):
    """What events and courses share. Not created directly: editors pick one of its kinds."""

    base_form_class = PortalPageForm

    teaser = models.TextField(
        _("teaser"),
        max_length=300,
        help_text=_(
            "One or two plain sentences for the calendar, search results and feeds: what "
            "happens, for whom?"
        ),
    )
    image = models.ForeignKey(
        "core.PortalImage",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)
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
    topics = ParentalManyToManyField("directory.Topic", verbose_name=_("topics"), blank=True)
    programmes = ParentalManyToManyField(
        "programmes.ProgrammePage",
        verbose_name=_("programmes"),
        blank=True,
        related_name="calendar_pages",
        help_text=_("The programmes this belongs to; their pages list it."),
    )
    is_free = models.BooleanField(_("free of charge"), default=True)
    cost_note = models.CharField(
        _("cost"), max_length=200, blank=True, help_text=_("e.g. “€ 20 including lunch”")
    )
    contact = models.ForeignKey(
        "directory.ContactPerson",
        verbose_name=_("contact person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
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
        help_text=_("How long an unconfirmed registration keeps its place before it is freed."),
    )
    ask_organisation = models.BooleanField(_("ask for the organisation"), default=False)
    ask_profession = models.BooleanField(_("ask for the profession"), default=False)
    ask_dietary_needs = models.BooleanField(_("ask for dietary needs"), default=False)
    ask_accessibility_needs = models.BooleanField(_("ask for accessibility needs"), default=False)
    ask_childcare = models.BooleanField(_("ask whether childcare is needed"), default=False)
    consent_text = models.TextField(
        _("consent text"),
        blank=True,
        help_text=_(
            "What participants agree to, e.g. how their data is used and when it is deleted. "
            "Each registration keeps the wording it agreed to."
        ),
    )

    is_creatable = False

    search_fields = [
        *Page.search_fields,
        index.SearchField("teaser", boost=1.5),
        index.SearchField("body"),
        index.FilterField("status"),
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
        FieldPanel("consent_text"),
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

    content_panels = [
        *Page.content_panels,
        FieldPanel("teaser"),
        FieldRowPanel(
            [
                FieldPanel("start", help_text=_("Date and time it begins (German time).")),
                FieldPanel("end", help_text=_("Date and time it ends (German time).")),
            ],
            heading=_("When"),
        ),
        FieldPanel(
            "image", help_text=_("Shown at the top and in the calendar. Its alt text is required.")
        ),
        FieldPanel(
            "body",
            help_text=_(
                "The main content, built from blocks: paragraphs, images, quotes, links and more."
            ),
        ),
    ]
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


class Speaker(TranslatableMixin, index.Indexed, models.Model):
    name = models.CharField(_("name"), max_length=160)
    role = models.CharField(
        _("role"), max_length=200, blank=True, help_text=_("e.g. “Head of the youth office”")
    )
    organisation = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    photo = models.ForeignKey(
        "core.PortalImage",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel(
            "name", help_text=_("First and last name, with a title if the person uses one.")
        ),
        FieldPanel("role"),
        FieldPanel("organisation", help_text=_("Where the person works; shown below the name.")),
        FieldPanel(
            "photo", help_text=_("A portrait, if the person agrees. Its alt text names the person.")
        ),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")
        ordering = ["name"]

    def __str__(self):
        return self.name


class AgendaItem(TranslatableMixin, Orderable, ClusterableModel):
    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="agenda_items")
    starts_at = models.DateTimeField(_("from"))
    ends_at = models.DateTimeField(_("until"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=250)
    room = models.CharField(_("room"), max_length=120, blank=True)
    speakers = ParentalManyToManyField(Speaker, verbose_name=_("speakers"), blank=True)

    panels = [
        FieldRowPanel(
            [
                FieldPanel("starts_at", help_text=_("When this item begins.")),
                FieldPanel("ends_at", help_text=_("Leave empty if it has no fixed end.")),
            ]
        ),
        FieldPanel("title", help_text=_("e.g. “Welcome and introduction”")),
        FieldPanel("room", help_text=_("e.g. “Main hall”")),
        FieldPanel(
            "speakers", help_text=_("Chosen from the speakers, which are kept once for all events.")
        ),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("agenda item")
        unique_together = [("translation_key", "locale")]


class Round(TranslatableMixin, Orderable):
    """A time slot in which forums run in parallel; participants choose one forum per round."""

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="rounds")
    number = models.PositiveSmallIntegerField(_("number"), default=1)
    title = models.CharField(_("title"), max_length=120, help_text=_("e.g. “First round”"))
    starts_at = models.DateTimeField(_("from"))
    ends_at = models.DateTimeField(_("until"))

    panels = [
        FieldRowPanel(
            [
                FieldPanel(
                    "number",
                    help_text=_("1 for the first round, 2 for the second, …; forums refer to it."),
                ),
                FieldPanel("title"),
            ]
        ),
        FieldRowPanel(
            [
                FieldPanel("starts_at", help_text=_("When the round begins.")),
                FieldPanel("ends_at", help_text=_("When the round ends.")),
            ]
        ),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("round")
        unique_together = [("translation_key", "locale")]

    def __str__(self):
        return self.title


class Forum(TranslatableMixin, Orderable, ClusterableModel):
    """One forum in one round. A forum offered in two rounds is two rows, each with its own
    places and its own results, as conferences publish them."""

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="forums")
    round_number = models.PositiveSmallIntegerField(
        _("round"), default=1, help_text=_("The number of the round it runs in.")
    )
    title = models.CharField(_("title"), max_length=250)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    room = models.CharField(_("room"), max_length=120, blank=True)
    capacity = models.PositiveIntegerField(
        pgettext_lazy("seats in a forum", "places"),
        null=True,
        blank=True,
        help_text=_("Leave empty for no limit."),
    )
    moderators = ParentalManyToManyField(Speaker, verbose_name=_("moderators"), blank=True)
    results = models.TextField(
        _("central results"),
        blank=True,
        help_text=_("After the event: the forum's central results, one per line."),
    )

    panels = [
        FieldRowPanel([FieldPanel("round_number"), FieldPanel("capacity")]),
        FieldPanel("title", help_text=_("e.g. “Forum 1: Working with fathers”")),
        FieldPanel("description", help_text=_("What the forum is about, in a few sentences.")),
        FieldPanel("room", help_text=_("e.g. “Room 2.14”")),
        FieldPanel("moderators", help_text=_("Who leads the forum, chosen from the speakers.")),
        FieldPanel("results"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("forum")
        verbose_name_plural = _("forums")
        unique_together = [("translation_key", "locale")]

    def __str__(self):
        return self.title

    @property
    def result_lines(self):
        return [line.strip() for line in self.results.splitlines() if line.strip()]


class EventDownload(TranslatableMixin, Orderable):
    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="downloads")
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("document"), on_delete=models.CASCADE
    )
    title = models.CharField(
        _("title"), max_length=200, blank=True, help_text=_("Leave empty to use the file's title.")
    )

    panels = [
        FieldPanel("document", help_text=_("The file to download, e.g. the programme as a PDF.")),
        FieldPanel("title"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("download")


# --- recurring courses ---------------------------------------------------------------------


class CoursePage(CalendarPage):
    """A course of dated sessions, e.g. an attachment training of 20 weekly evenings held in
    two family centres at once."""

    content_panels = [
        *Page.content_panels,
        FieldPanel("teaser"),
        FieldPanel(
            "image", help_text=_("Shown at the top and in the calendar. Its alt text is required.")
        ),
        FieldPanel(
            "body",
            help_text=_(
                "The main content, built from blocks: paragraphs, images, quotes, links and more."
            ),
        ),
    ]
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


MAX_SESSIONS_PER_SCHEDULE = 400


class CourseSchedule(Orderable):
    """When and where a course meets: the first session, its time and length, and a rule for
    the others. Times are wall-clock times in Europe/Berlin: 18:00 stays 18:00 in winter and
    in summer."""

    page = ParentalKey(CoursePage, on_delete=models.CASCADE, related_name="schedules")
    key = models.UUIDField(default=uuid.uuid4, editable=False)
    place = models.ForeignKey(
        "directory.Place",
        verbose_name=_("place"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Leave empty to use the course's place."),
    )
    first_date = models.DateField(_("first session"))
    start_time = models.TimeField(_("starts at"))
    duration = models.PositiveSmallIntegerField(
        _("duration (minutes)"), default=90, help_text=_("e.g. 90 for an hour and a half")
    )
    recurrence = RecurrenceField(
        verbose_name=_("repeats"),
        include_dtstart=False,
        blank=True,
        help_text=_(
            "e.g. weekly on Tuesdays, 20 times or until a date. Leave empty for a single session."
        ),
    )

    panels = [
        FieldPanel("place"),
        FieldRowPanel(
            [
                FieldPanel("first_date", help_text=_("The date of the first session.")),
                FieldPanel("start_time", help_text=_("e.g. 18:00, in German time.")),
                FieldPanel("duration"),
            ]
        ),
        FieldPanel("recurrence"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("schedule")

    def clean(self):
        super().clean()
        if self.duration == 0:
            raise ValidationError({"duration": _("A session lasts at least one minute.")})
        for rule in getattr(self.recurrence, "rrules", []):
            if not rule.count and not rule.until:
                raise ValidationError(
                    {
                        "recurrence": _(
                            "Give the series an end: a number of sessions or a last date."
                        )
                    }
                )


class CourseException(TranslatableMixin, Orderable):
    """A session that does not happen as the schedule says: cancelled, or moved to another
    date, time or place."""

    class Action(models.TextChoices):
        CANCEL = "cancel", _("Cancelled")
        MOVE = "move", _("Moved")

    page = ParentalKey(CoursePage, on_delete=models.CASCADE, related_name="exceptions")
    date = models.DateField(_("date of the session"))
    place = models.ForeignKey(
        "directory.Place",
        verbose_name=_("at"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Only where the course meets in several places on that day."),
    )
    action = models.CharField(
        _("what happens"), max_length=10, choices=Action.choices, default=Action.CANCEL
    )
    reason = models.CharField(
        _("reason"), max_length=200, blank=True, help_text=_("e.g. “Easter holidays”")
    )
    new_date = models.DateField(_("new date"), null=True, blank=True)
    new_start_time = models.TimeField(_("new start time"), null=True, blank=True)
    new_place = models.ForeignKey(
        "directory.Place",
        verbose_name=_("new place"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldRowPanel(
            [
                FieldPanel("date", help_text=_("The date the session was planned for.")),
                FieldPanel("place"),
            ]
        ),
        FieldPanel(
            "action",
            help_text=_(
                "Cancelled: it does not take place. Moved: it takes place at another date, "
                "time or place."
            ),
        ),
        FieldPanel("reason"),
        FieldRowPanel(
            [
                FieldPanel("new_date", help_text=_("Leave empty to keep the date.")),
                FieldPanel("new_start_time", help_text=_("Leave empty to keep the time.")),
                FieldPanel("new_place", help_text=_("Leave empty to keep the place.")),
            ],
            heading=_("For a moved session"),
        ),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("exception")
        unique_together = [("translation_key", "locale")]

    def clean(self):
        super().clean()
        if self.action == self.Action.MOVE and not (
            self.new_date or self.new_start_time or self.new_place_id
        ):
            raise ValidationError(
                {"new_date": _("Say where the session moves to: a new date, time or place.")}
            )


# --- sessions: what the calendar lists and feeds export ------------------------------------


class SessionQuerySet(models.QuerySet):
    def on_live_pages(self, below=None):
        """Sessions of live pages without a view restriction (children of ``below`` only, if
        given).

        The pages are a subquery (``page_id IN (…)``), not a join: PostgreSQL then walks the
        start-time index and stops after the first page of results, where the join made it
        sort every upcoming session of the site (15 ms instead of 1 at 20,000 sessions).
        NOT EXISTS rather than a LEFT JOIN … IS NULL for the restrictions, which PostgreSQL
        estimates at a handful of pages and then plans the sort anyway."""
        restricted = PageViewRestriction.objects.filter(page_id=models.OuterRef("pk"))
        pages = Page.objects.filter(~models.Exists(restricted), live=True)
        if below is not None:
            pages = pages.filter(path__startswith=below.path, depth=below.depth + 1)
        return self.filter(page_id__in=pages.values("pk"))

    def upcoming(self, now):
        return self.filter(ends_at__gte=now)


class Session(models.Model):
    """One dated occurrence: the single date of an event, or one meeting of a course."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        CANCELLED = "cancelled", _("Cancelled")

    page = models.ForeignKey(
        CalendarPage, verbose_name=_("page"), on_delete=models.CASCADE, related_name="sessions"
    )
    # Stable within the page: "event" or "<schedule key>/<original local start>". Together
    # with the page's translation key it makes the iCal UID, which never changes.
    key = models.CharField(max_length=80)
    uid = models.CharField(max_length=200, unique=True)
    schedule_key = models.UUIDField(null=True, blank=True)
    original_start = models.DateTimeField(_("planned start"))
    starts_at = models.DateTimeField(_("start"), db_index=True)
    ends_at = models.DateTimeField(_("end"), db_index=True)
    place = models.ForeignKey(
        "directory.Place",
        verbose_name=_("place"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sessions",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SCHEDULED
    )
    exception_key = models.UUIDField(null=True, blank=True)
    is_moved = models.BooleanField(default=False)
    sequence = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["starts_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["page", "key"], name="session_key")]
        indexes = [models.Index(fields=["page", "starts_at"])]

    def __str__(self):
        return f"{self.page.title} {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def is_cancelled(self):
        return self.status == self.Status.CANCELLED


class CalendarRevision(models.Model):
    """How often what calendars show of a page has changed, in any of its languages.

    A session's SEQUENCE is its own count (time, place, status: ``Session.sequence``) plus
    this one, which rises when a publish changes the page's texts as feeds show them (title,
    teaser, the timetable and forums, reasons of exceptions), when a translation appears or
    goes, and when a place it meets at is renamed. One count for all languages of the page:
    a feed switching from the German fallback to a new translation must not go back."""

    translation_key = models.UUIDField(unique=True)
    fingerprints = models.JSONField(default=dict)  # {language code: digest of its texts}
    sequence = models.PositiveIntegerField(default=0)
    changed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("calendar revision")

    def __str__(self):
        return f"{self.translation_key} #{self.sequence}"


def uid_domain():
    return getattr(settings, "CALENDAR_UID_DOMAIN", "fruehe-hilfen-portal")
