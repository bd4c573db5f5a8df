"""A course's dates: its schedules (recurrence rules) and the exceptions to them."""

import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from recurrence.fields import RecurrenceField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
)
from wagtail.models import Orderable, TranslatableMixin

from events.widgets import ScheduleRuleWidget

from .pages import CoursePage

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
    capacity = models.PositiveIntegerField(
        _("places in this group"),
        null=True,
        blank=True,
        help_text=_(
            "With several schedules, people choose their group when they register. Leave "
            "empty for no limit of its own (the course's number of places still counts)."
        ),
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
        FieldPanel("recurrence", widget=ScheduleRuleWidget),
        FieldPanel("capacity"),
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
            if rule.count and rule.until:
                raise ValidationError(
                    {
                        "recurrence": _(
                            "Give either the number of sessions or the last date, not both."
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
