"""What participants answer after an event, kept apart from who they are.

An ``Answer`` (one rating, perhaps a comment, for the event overall or for one forum) has no
link to the registration it came from: not a key, not a time of day (only the date), and
its own primary key is random, so neither the order of the rows nor their numbers tell
whose answers they are. The ``Response`` marker says only *that* a registration has answered,
which keeps a second submission out; nothing leads from it to the answers.
"""

import uuid

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

LOWEST, HIGHEST = 1, 5


class Answer(models.Model):
    # Random, not a counter: numbered rows would line up with the markers written with them.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # The default-language page, as registrations have it, whatever language was answered in.
    page = models.ForeignKey(
        "events.CalendarPage",
        verbose_name=_("event or course"),
        on_delete=models.CASCADE,
        related_name="feedback_answers",
    )
    # None: the answer is about the event overall. SET_NULL: a forum an editor removes keeps
    # its answers, under the title copied here.
    forum = models.ForeignKey(
        "events.Forum",
        verbose_name=_("forum"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="feedback_answers",
    )
    forum_title = models.CharField(_("forum"), max_length=250, blank=True)
    round_number = models.PositiveSmallIntegerField(_("round"), null=True, blank=True)
    rating = models.PositiveSmallIntegerField(
        _("rating"), validators=[MinValueValidator(LOWEST), MaxValueValidator(HIGHEST)]
    )
    comment = models.TextField(_("comment"), max_length=2000, blank=True)
    language = models.CharField(_("language"), max_length=12)
    # A date, not a time: a time would tell which marker (and so which person) it belongs to.
    submitted_on = models.DateField(_("date"))

    class Meta:
        verbose_name = _("feedback answer")
        verbose_name_plural = _("feedback answers")
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__gte=LOWEST, rating__lte=HIGHEST), name="rating_1_to_5"
            )
        ]
        indexes = [models.Index(fields=["page", "round_number"])]

    def __str__(self):
        return f"{self.forum_title or '-'}: {self.rating}"


class Response(models.Model):
    """This registration has given its feedback (and cannot give it twice): unique, so two
    tabs sending at the same moment store one set of answers. No time is kept."""

    registration = models.OneToOneField(
        "registrations.Registration",
        verbose_name=_("registration"),
        on_delete=models.CASCADE,
        related_name="feedback_response",
    )

    class Meta:
        verbose_name = _("feedback given")
        verbose_name_plural = _("feedback given")

    def __str__(self):
        return f"#{self.registration_id}"
