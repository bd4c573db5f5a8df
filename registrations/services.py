"""Taking, confirming and cancelling registrations without ever giving a place twice.

Every change that can take or free a place runs in one transaction that first locks the
event's page row (``SELECT … FOR UPDATE`` on PostgreSQL; on SQLite the ``IMMEDIATE``
transaction holds the database's write lock from its first statement). Counting the places
and writing the registration therefore happen for one submission at a time per event: with
200 submissions for 100 places, exactly 100 get one. E-mails are queued only after the
transaction has committed.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from core.i18n import source_of
from core.mail import send_after_commit
from events.models import CalendarPage, EventPage, EventStatus, Forum
from registrations.models import ConsentVersion, ForumChoice, Registration


class RegistrationRefused(Exception):
    """A submission that cannot be taken; ``message`` is for the visitor, ``status`` the HTTP
    status of the answer."""

    def __init__(self, message, status=409):
        super().__init__(str(message))
        self.message = message
        self.status = status


@dataclass
class Availability:
    """What is left of an event's places, overall and per forum (keyed by the forum of the
    default-language page)."""

    places_left: int | None
    forum_places_left: dict = field(default_factory=dict)

    def forum_left(self, forum_id):
        return self.forum_places_left.get(forum_id)

    def take(self, forum_ids):
        """Count one more place as taken (overall and in these forums)."""
        if self.places_left is not None:
            self.places_left -= 1
        for forum_id in forum_ids:
            if self.forum_places_left.get(forum_id) is not None:
                self.forum_places_left[forum_id] -= 1

    def fits(self, forum_ids):
        if self.places_left is not None and self.places_left <= 0:
            return False
        for forum_id in forum_ids:
            left = self.forum_places_left.get(forum_id)
            if left is not None and left <= 0:
                return False
        return True


def availability(page, now=None):
    """Places left on ``page`` (a default-language page) and in each of its forums."""
    now = now or timezone.now()
    holding = Registration.objects.filter(page=page).holding_places(now)
    places_left = None
    if page.registration_capacity is not None:
        places_left = max(page.registration_capacity - holding.count(), 0)
    forum_places_left = {}
    forums = []
    if issubclass(page.specific_class, EventPage):  # only conferences have forums
        forums = list(Forum.objects.filter(page_id=page.pk).exclude(capacity=None))
    if forums:
        taken = dict(
            ForumChoice.objects.filter(registration__in=holding, forum__in=forums)
            .values("forum")
            .annotate(n=Count("pk"))
            .values_list("forum", "n")
        )
        forum_places_left = {f.pk: max(f.capacity - taken.get(f.pk, 0), 0) for f in forums}
    return Availability(places_left, forum_places_left)


def registration_state(page, now=None):
    """Why registration is not open right now, or None if it is."""
    now = now or timezone.now()
    if not page.registration_enabled:
        return _("Registration is not open for this event.")
    if page.status == EventStatus.CANCELLED:
        return _("This event has been cancelled.")
    if page.registration_opens_at and now < page.registration_opens_at:
        return _("Registration has not opened yet.")
    closes = page.registration_closes_at or _first_start(page)
    if closes and now >= closes:
        return _("Registration has closed.")
    return None


def _first_start(page):
    first = page.sessions.order_by("starts_at").values_list("starts_at", flat=True).first()
    return first


def _lock(page):
    """Lock the event's page row for the rest of the transaction."""
    return CalendarPage.objects.select_for_update().get(pk=page.pk)


def register(page, *, details, forums, language, consent_text, now=None):
    """Take a registration for ``page`` (any language version).

    ``forums`` maps each round number to a Forum of the default-language page. Returns
    ``(registration, created)``: an active registration with the same e-mail address is
    returned as it is, not duplicated.
    """
    now = now or timezone.now()
    source = source_of(page).specific
    email = details["email"].strip().lower()
    try:
        with transaction.atomic():
            locked = _lock(source)
            existing = Registration.objects.active().filter(page=locked, email=email).first()
            if existing is not None:
                _mail_again(existing)
                return existing, False
            refused = registration_state(locked, now)
            if refused:
                raise RegistrationRefused(refused, status=409)
            left = availability(locked, now)
            if left.fits([forum.pk for forum in forums.values()]):
                status = Registration.Status.BOOKED
            elif locked.waiting_list:
                status = Registration.Status.WAITING
            else:
                raise RegistrationRefused(
                    _("Sorry, this event is fully booked and keeps no waiting list."), status=409
                )
            registration = Registration.objects.create(
                page=locked,
                status=status,
                email=email,
                language=language,
                consent=ConsentVersion.for_text(consent_text),
                hold_until=now + timedelta(minutes=locked.hold_minutes),
                **{k: v for k, v in details.items() if k != "email"},
            )
            ForumChoice.objects.bulk_create(
                ForumChoice(
                    registration=registration,
                    round_number=number,
                    forum=forum,
                    forum_title=forum.title,
                )
                for number, forum in sorted(forums.items())
            )
            _mail_after_commit(registration, "confirm_email")
            return registration, True
    except IntegrityError:
        # Two submissions with one address at the same moment: the database let one in.
        existing = Registration.objects.active().filter(page=source, email=email).first()
        if existing is None:
            raise
        _mail_again(existing)
        return existing, False


def _mail_again(registration):
    """Someone registered again with an address already registered: the address gets the
    link it needs (to confirm, if not done yet; else to see and change its registration).
    The page says the same as for a new registration, so it tells a third person nothing."""
    kind = "already_registered" if registration.is_confirmed else "confirm_email"
    _mail_after_commit(registration, kind)


def confirm_email(registration, now=None):
    """The participant followed the link in the first e-mail."""
    now = now or timezone.now()
    with transaction.atomic():
        _lock(registration.page)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.is_confirmed or registration.status not in (
            Registration.Status.BOOKED,
            Registration.Status.WAITING,
        ):
            return registration
        if registration.hold_until and registration.hold_until <= now:
            # Too late: the place was (or will now be) given to someone else.
            registration.status = Registration.Status.EXPIRED
            registration.save(update_fields=["status", "updated_at"])
            _promote(registration.page, now)
            return registration
        registration.email_confirmed_at = now
        registration.hold_until = None
        registration.save(update_fields=["email_confirmed_at", "hold_until", "updated_at"])
        if registration.status == Registration.Status.BOOKED:
            _mail_after_commit(registration, "booked")
        else:
            _mail_after_commit(registration, "waiting")
            _promote(registration.page, now)
        return registration


def cancel(registration, now=None):
    """Cancel and give the place to the first person waiting; idempotent."""
    now = now or timezone.now()
    with transaction.atomic():
        page = _lock(registration.page)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status not in (Registration.Status.BOOKED, Registration.Status.WAITING):
            return registration, []
        registration.status = Registration.Status.CANCELLED
        registration.cancelled_at = now
        registration.save(update_fields=["status", "cancelled_at", "updated_at"])
        _mail_after_commit(registration, "cancelled")
        return registration, _promote(page, now)


def change_forums(registration, forums, now=None):
    """Choose other forums; a full forum is refused, the old places are freed."""
    now = now or timezone.now()
    with transaction.atomic():
        page = _lock(registration.page)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status != Registration.Status.BOOKED:
            raise RegistrationRefused(_("Only a booked place can change its forums."), 409)
        current = {c.round_number: c.forum_id for c in registration.choices.all()}
        wanted = {number: forum.pk for number, forum in forums.items()}
        changed = [forum for number, forum in forums.items() if current.get(number) != forum.pk]
        left = availability(page, now)
        for forum in changed:
            remaining = left.forum_left(forum.pk)
            if remaining is not None and remaining <= 0:
                raise RegistrationRefused(
                    _("The forum “%(title)s” is full.") % {"title": forum.title}, 409
                )
        registration.choices.all().delete()
        ForumChoice.objects.bulk_create(
            ForumChoice(registration=registration, round_number=n, forum=f, forum_title=f.title)
            for n, f in sorted(forums.items())
        )
        if wanted != current:
            _mail_after_commit(registration, "forums_changed")
            _promote(page, now)
        return registration


def set_status(registration, status, now=None):
    """An organiser sets a registration's status (the admin's edit view): under the same lock
    and rules as the participant's own actions. Booking someone needs a free place (in the
    event and in each of their forums); a cancelled or expired registration cannot come back
    while the same person has registered again; cancelling mails the participant and gives
    the place on. Returns the registration; refuses with ``RegistrationRefused``."""
    now = now or timezone.now()
    if status == Registration.Status.CANCELLED:
        return cancel(registration, now)[0]
    with transaction.atomic():
        page = _lock(registration.page)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        before = registration.status
        if status == before:
            return registration
        active = (Registration.Status.BOOKED, Registration.Status.WAITING)
        if before not in active and status in active:
            again = (
                Registration.objects.active()
                .filter(page=page, email=registration.email)
                .exclude(pk=registration.pk)
                .first()
            )
            if again is not None:
                raise RegistrationRefused(
                    _(
                        "This person has registered again since (registration of %(date)s); "
                        "change that registration instead."
                    )
                    % {"date": formats.date_format(timezone.localtime(again.created_at))}
                )
        if status == Registration.Status.BOOKED:
            forum_ids = [c.forum_id for c in registration.choices.all() if c.forum_id]
            if not availability(page, now).fits(forum_ids):
                raise RegistrationRefused(
                    _(
                        "No place is free for this person (in the event or in one of their "
                        "forums): booking them would overbook it. Free a place first, or raise "
                        "the number of places."
                    )
                )
        registration.status = status
        fields = ["status", "updated_at"]
        if status == Registration.Status.BOOKED:
            registration.hold_until = None  # booked by the organisers: it does not expire
            registration.promoted_at = now if before == Registration.Status.WAITING else None
            fields += ["hold_until", "promoted_at"]
            _mail_after_commit(registration, "promoted" if before == "waiting" else "booked")
        registration.save(update_fields=fields)
        if before == Registration.Status.BOOKED:
            # The place they held goes to the first person waiting, not back to them.
            _promote(page, now, passing_over=registration.pk)
        return registration


def expire_holds(now=None):
    """Free the places of registrations not confirmed in time; run every few minutes."""
    now = now or timezone.now()
    pages = (
        Registration.objects.filter(
            status__in=[Registration.Status.BOOKED, Registration.Status.WAITING],
            email_confirmed_at__isnull=True,
            hold_until__lte=now,
        )
        .values_list("page_id", flat=True)
        .distinct()
    )
    expired = 0
    for page_id in list(pages):
        with transaction.atomic():
            page = _lock(CalendarPage(pk=page_id))
            expired += Registration.objects.filter(
                page=page,
                status__in=[Registration.Status.BOOKED, Registration.Status.WAITING],
                email_confirmed_at__isnull=True,
                hold_until__lte=now,
            ).update(status=Registration.Status.EXPIRED, updated_at=now)
            _promote(page, now)
    return expired


def _promote(page, now, passing_over=None):
    """Give free places to confirmed people on the waiting list, first come first served
    (``passing_over``: a registration an organiser has just put there). Runs inside the
    caller's locked transaction, so each place goes to exactly one person."""
    promoted = []
    waiting = (
        Registration.objects.filter(
            page=page, status=Registration.Status.WAITING, email_confirmed_at__isnull=False
        )
        .exclude(pk=passing_over)
        .prefetch_related("choices")
        .order_by("created_at", "pk")
    )
    left = availability(page, now)  # counted once, then kept up to date here
    for candidate in waiting:
        if left.places_left is not None and left.places_left <= 0:
            break
        forum_ids = [c.forum_id for c in candidate.choices.all() if c.forum_id]
        if not left.fits(forum_ids):
            continue
        left.take(forum_ids)
        candidate.status = Registration.Status.BOOKED
        candidate.promoted_at = now
        candidate.save(update_fields=["status", "promoted_at", "updated_at"])
        _mail_after_commit(candidate, "promoted")
        promoted.append(candidate)
    return promoted


def _mail_after_commit(registration, kind):
    send_after_commit(f"registration.{kind}", registration.pk)
