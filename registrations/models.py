"""Registrations for events and courses, and the forum chosen in each round.

A registration belongs to the default-language page, whatever language it was made in, so a
forum's capacity counts the bookings from every language version. Whether it holds a place is
decided under a lock on that page (``registrations.services``), so places cannot be given
twice however many people submit at once.
"""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _


class ConsentVersion(models.Model):
    """A consent text exactly as a participant saw it; registrations point to the version
    they agreed to."""

    digest = models.CharField(max_length=64, unique=True)
    text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("consent text version")

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d} {self.digest[:8]}"

    @classmethod
    def for_text(cls, text):
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        version, _created = cls.objects.get_or_create(digest=digest, defaults={"text": text})
        return version


def new_token():
    return secrets.token_urlsafe(32)


class RegistrationQuerySet(models.QuerySet):
    def holding_places(self, now=None):
        """Registrations that occupy a place: booked and confirmed, or booked and still
        within their hold time."""
        now = now or timezone.now()
        return self.filter(status=Registration.Status.BOOKED).filter(
            Q(email_confirmed_at__isnull=False) | Q(hold_until__gt=now)
        )

    def active(self):
        return self.filter(status__in=[Registration.Status.BOOKED, Registration.Status.WAITING])


class Registration(models.Model):
    class Status(models.TextChoices):
        BOOKED = "booked", _("Booked")
        WAITING = "waiting", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")
        EXPIRED = "expired", _("Expired (not confirmed in time)")

    page = models.ForeignKey(
        "events.CalendarPage",
        verbose_name=_("event or course"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    name = models.CharField(_("name"), max_length=160)
    email = models.EmailField(_("e-mail"), max_length=254)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    profession = models.CharField(_("profession"), max_length=200, blank=True)
    dietary_needs = models.CharField(_("dietary needs"), max_length=300, blank=True)
    accessibility_needs = models.CharField(_("accessibility needs"), max_length=300, blank=True)
    childcare = models.CharField(_("childcare needed"), max_length=300, blank=True)
    efn = models.CharField(_("EFN"), max_length=15, blank=True)
    language = models.CharField(_("language"), max_length=12)
    # A course with several schedules: the group chosen (``CourseSchedule.key``), whose
    # places and waiting list are its own.
    group_key = models.UUIDField(_("course group"), null=True, blank=True, db_index=True)
    consent = models.ForeignKey(
        ConsentVersion, verbose_name=_("consent"), on_delete=models.PROTECT, related_name="+"
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    email_confirmed_at = models.DateTimeField(_("e-mail confirmed"), null=True, blank=True)
    hold_until = models.DateTimeField(_("place held until"), null=True, blank=True)
    promoted_at = models.DateTimeField(_("moved up from the waiting list"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    # Part of the check-in code (registrations.passes): raising it makes every code shown or
    # printed before useless, e.g. for a lost badge.
    pass_version = models.PositiveSmallIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(_("registered"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        constraints = [
            # One active registration per person and event: a second submission with the
            # same address is the same registration, even if two arrive at once.
            models.UniqueConstraint(
                fields=["page", "email"],
                condition=Q(status__in=["booked", "waiting"]) & ~Q(email=""),
                name="one_active_registration_per_email",
            )
        ]
        indexes = [models.Index(fields=["page", "status", "created_at"])]

    def __str__(self):
        return f"{self.name} <{self.email}>" if self.email else f"#{self.pk}"

    @property
    def forum_titles(self):
        """The forums a person is in, one per round ("Forum A; Forum C"); a first choice
        they still wait for is named too."""
        return "; ".join(choice_summary(choice) for choice in self.choices.all())

    @property
    def group_name(self):
        """The course group as the organisers' list names it: its place and time (read
        with the list, ``registrations.wagtail_hooks``)."""
        if not self.group_key:
            return ""
        place = getattr(self, "group_place", "") or ""
        time = getattr(self, "group_time", None)
        return ", ".join(part for part in (place, time.strftime("%H:%M") if time else "") if part)

    @property
    def language_name(self):
        """The language the person registered in, named in the reader's language."""
        try:
            return get_language_info(self.language)["name_translated"]
        except KeyError:
            return self.language

    @property
    def is_confirmed(self):
        return self.email_confirmed_at is not None

    @property
    def display_status(self):
        """The status as the participant reads it (their page, their e-mails)."""
        if self.status == self.Status.BOOKED and not self.is_confirmed:
            return _("Waiting for your confirmation")
        if self.status == self.Status.BOOKED:
            return _("Confirmed")
        return self.get_status_display()

    @property
    def organiser_status(self):
        """The status as the organisers read it (the admin's list and export): who has to do
        something is the participant, not the organiser."""
        if self.status in (self.Status.BOOKED, self.Status.WAITING) and not self.is_confirmed:
            if self.status == self.Status.BOOKED:
                return _("Place held, e-mail address not confirmed yet")
            return _("Waiting list, e-mail address not confirmed yet")
        if self.status == self.Status.BOOKED:
            return _("Booked")
        return self.get_status_display()


def choice_summary(choice):
    """One round's choice as the organisers' list names it."""
    if choice.seat_id is not None and not choice.waits_for_first:
        return choice.forum_title
    if choice.seat_id is not None:
        return _("%(seat)s (waiting for %(first)s)") % {
            "seat": choice.seat_title,
            "first": choice.forum_title,
        }
    return _("waiting for %(first)s") % {"first": choice.forum_title}


class ForumChoice(models.Model):
    """The forums a person chose in one round: a first wish and, where they gave one, a
    second (*Zweitwunsch*), and the forum whose place they hold (``seat``): the first wish
    where it had room, else the second, else none yet. Someone seated in their second wish
    keeps waiting for the first; a place in a forum is never given to two people
    (``registrations.services``)."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="choices")
    round_number = models.PositiveSmallIntegerField(_("round"))
    # Forums of the default-language page. SET_NULL: an editor removing a forum must not
    # delete who had chosen it; the titles stay for the organisers.
    forum = models.ForeignKey(
        "events.Forum",
        verbose_name=_("first choice"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="choices",
    )
    forum_title = models.CharField(_("forum"), max_length=250)
    second_forum = models.ForeignKey(
        "events.Forum",
        verbose_name=_("second choice"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="second_choices",
    )
    second_forum_title = models.CharField(_("second choice"), max_length=250, blank=True)
    seat = models.ForeignKey(
        "events.Forum",
        verbose_name=_("place in forum"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="seats",
    )

    class Meta:
        verbose_name = _("forum choice")
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "round_number"], name="one_forum_per_round"
            )
        ]

    def __str__(self):
        return self.forum_title

    @property
    def seat_title(self):
        if self.seat_id is None:
            return ""
        if self.seat_id == self.second_forum_id:
            return self.second_forum_title
        return self.forum_title

    @property
    def waits_for_first(self):
        return self.seat_id != self.forum_id


class Attendance(models.Model):
    """A participant's arrival, marked at the door: at the event (no forum and no session),
    at one forum of a round, or at one session of a course. Once each: two devices scanning
    the same code at once make one row (the constraints), and the second is told when the
    first was."""

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="attendances"
    )
    forum = models.ForeignKey(
        "events.Forum",
        verbose_name=_("forum"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="attendances",
    )
    # A course's meeting. CASCADE: a session an editor removes from the schedule has no
    # attendance to count any more.
    session = models.ForeignKey(
        "events.Session",
        verbose_name=_("session"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="attendances",
    )
    arrived_at = models.DateTimeField(_("arrived"), default=timezone.now)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked in by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("arrival")
        verbose_name_plural = _("arrivals")
        constraints = [
            models.UniqueConstraint(
                fields=["registration"],
                condition=Q(forum__isnull=True, session__isnull=True),
                name="one_arrival_per_registration",
            ),
            models.UniqueConstraint(
                fields=["registration", "session"],
                condition=Q(session__isnull=False),
                name="one_arrival_per_session",
            ),
            models.UniqueConstraint(
                fields=["registration", "forum"],
                condition=Q(forum__isnull=False),
                name="one_arrival_per_forum",
            ),
        ]

    def __str__(self):
        return f"{self.registration_id} {self.arrived_at:%Y-%m-%d %H:%M}"
