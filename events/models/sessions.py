"""What calendars and feeds show: one ``Session`` row per event and per dated course session.

Sessions are written when the German page is published (``events.sessions``) and shared by
every language version of the page, so a session's identity, and later its bookings, do not
depend on the language it is looked at in. ``CalendarRevision`` counts the changes calendars
show, for iCal's SEQUENCE.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, PageViewRestriction

from .pages import CalendarPage


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
