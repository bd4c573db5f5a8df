"""What was sent to whom, so that every reminder, follow-up and session notice goes out once.

``send_event_mails`` may run twice at the same moment (a slow run and the next one, two
machines with the same cron line), and a course's session notices are also sent right after
it is published. A ``Dispatch`` row is written in the transaction that queues its e-mail;
its unique constraint lets exactly one of the runs in, and the others send nothing.

The rows are personal data of the registration (they say "a reminder went to this person"):
they go with it when it is deleted, and say nothing once it is anonymised.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from events.models import Session
from registrations.models import Registration


class Dispatch(models.Model):
    class Kind(models.TextChoices):
        REMINDER = "reminder", _("Reminder")
        SESSION_CHANGED = "session_changed", _("Session cancelled or moved")
        FOLLOW_UP = "follow_up", _("After the event")

    registration = models.ForeignKey(
        Registration,
        verbose_name=_("registration"),
        on_delete=models.CASCADE,
        related_name="dispatches",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    # The occasion: the day of the first session (a reminder), of the last one (a
    # follow-up), or "<session UID>#<its sequence>" (a session notice), so a postponed event
    # is reminded again and every change of a session is told once.
    key = models.CharField(max_length=255)
    # A session notice: the session, and what it was before the change (its rows sent with
    # another one point to it: one e-mail for everything one publish changed).
    session = models.ForeignKey(
        Session, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    before = models.JSONField(default=dict, blank=True)
    sent_with = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="included"
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("e-mail sent")
        verbose_name_plural = _("e-mails sent")
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "kind", "key"], name="one_dispatch_per_occasion"
            )
        ]

    def __str__(self):
        return f"{self.kind} {self.key} → #{self.registration_id}"


class KnownSession(models.Model):
    """A course session as its participants last heard of it (time, place, status): a
    publish that changes a session is told by comparing it with this, and the row then
    takes the new state."""

    session = models.OneToOneField(
        Session, primary_key=True, on_delete=models.CASCADE, related_name="known"
    )
    sequence = models.PositiveIntegerField()
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    place_id = models.BigIntegerField(null=True, blank=True)  # not a key: the place may go
    status = models.CharField(max_length=10)

    class Meta:
        verbose_name = _("session as announced")

    def __str__(self):
        return f"{self.session_id} #{self.sequence}"
