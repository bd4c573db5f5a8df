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

from core import faults
from core.i18n import source_of
from core.mail import send_after_commit
from events.models import CalendarPage, CoursePage, CourseSchedule, EventPage, EventStatus, Forum
from registrations.models import ConsentVersion, ForumChoice, Registration


class RegistrationRefused(Exception):
    """A submission that cannot be taken; ``message`` is for the visitor, ``status`` the HTTP
    status of the answer."""

    def __init__(self, message, status=409):
        super().__init__(str(message))
        self.message = message
        self.status = status


@dataclass(frozen=True)
class Wish:
    """One round's choice: the forum wanted first and, where given, a second (forums of the
    default-language page)."""

    first: Forum
    second: Forum | None = None

    @classmethod
    def of(cls, choice):
        return cls(choice.forum, choice.second_forum)


@dataclass
class Availability:
    """What is left of an event's places, overall and per forum (keyed by the forum of the
    default-language page; no entry: no limit)."""

    places_left: int | None
    forum_places_left: dict = field(default_factory=dict)
    group_places_left: dict = field(default_factory=dict)  # course groups, by schedule key
    groups: list = field(default_factory=list)  # the course's groups (``course_groups``)

    def forum_left(self, forum_id):
        return self.forum_places_left.get(forum_id)

    def has_place(self, group_key=None):
        """A place at the event (and in the course group ``group_key``, if any)."""
        if self.places_left is not None and self.places_left <= 0:
            return False
        left = self.group_places_left.get(str(group_key)) if group_key else None
        return left is None or left > 0

    def group_left(self, group_key):
        return self.group_places_left.get(str(group_key))

    def has_seat(self, forum_id):
        left = self.forum_places_left.get(forum_id)
        return forum_id is not None and (left is None or left > 0)

    def seat_for(self, wish):
        """The forum a person with this wish gets a place in now: the first where it has
        room, else the second, else None."""
        if wish.first is not None and self.has_seat(wish.first.pk):
            return wish.first
        if wish.second is not None and self.has_seat(wish.second.pk):
            return wish.second
        return None

    def take_place(self, group_key=None):
        if self.places_left is not None:
            self.places_left -= 1
        if group_key and self.group_places_left.get(str(group_key)) is not None:
            self.group_places_left[str(group_key)] -= 1

    def free_place(self, group_key=None):
        """The place a booked person holds counts as free (for them, while they change)."""
        if self.places_left is not None:
            self.places_left += 1
        if group_key and self.group_places_left.get(str(group_key)) is not None:
            self.group_places_left[str(group_key)] += 1

    def take_seat(self, forum_id):
        if self.forum_places_left.get(forum_id) is not None:
            self.forum_places_left[forum_id] -= 1

    def free_seat(self, forum_id):
        if self.forum_places_left.get(forum_id) is not None:
            self.forum_places_left[forum_id] += 1


def availability(page, now=None):
    """Places left on ``page`` (a default-language page) and in each of its forums (the
    places held: ``ForumChoice.seat`` of registrations that hold a place)."""
    now = now or timezone.now()
    holding = Registration.objects.filter(page=page).holding_places(now)
    groups = course_groups(page)
    per_group = {}
    if groups:  # one query counts every group, and so the whole course
        per_group = dict(
            holding.values("group_key").annotate(n=Count("pk")).values_list("group_key", "n")
        )
    places_left = None
    if page.registration_capacity is not None:
        taken = sum(per_group.values()) if groups else holding.count()
        places_left = max(page.registration_capacity - taken, 0)
    forum_places_left = {}
    forums = []
    if issubclass(page.specific_class, EventPage):  # only conferences have forums
        forums = list(Forum.objects.filter(page_id=page.pk).exclude(capacity=None))
    if forums:
        taken = dict(
            ForumChoice.objects.filter(registration__in=holding, seat__in=forums)
            .values("seat")
            .annotate(n=Count("pk"))
            .values_list("seat", "n")
        )
        forum_places_left = {f.pk: max(f.capacity - taken.get(f.pk, 0), 0) for f in forums}
    group_places_left = {
        str(g.key): max(g.capacity - per_group.get(g.key, 0), 0)
        for g in groups
        if g.capacity is not None
    }
    return Availability(places_left, forum_places_left, group_places_left, groups)


def course_groups(page):
    """The groups people choose between when they register: the schedules of a course with
    more than one (each meets at its own place and time), in order; none otherwise."""
    if not issubclass(page.specific_class, CoursePage):
        return []
    schedules = list(
        CourseSchedule.objects.filter(page_id=page.pk)
        .select_related("place")
        .order_by("sort_order")
    )
    return schedules if len(schedules) > 1 else []


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


def door_state(page):
    """Why nobody can be registered at the door, or None: the closing time does not apply."""
    if not page.registration_enabled:
        return _("Registration is not open for this event.")
    if page.status == EventStatus.CANCELLED:
        return _("This event has been cancelled.")
    return None


def _first_start(page):
    first = page.sessions.order_by("starts_at").values_list("starts_at", flat=True).first()
    return first


def _lock(page):
    """Lock the event's page row for the rest of the transaction."""
    return CalendarPage.objects.select_for_update().get(pk=page.pk)


def register(page, *, details, forums, language, consent_text, group=None, now=None, walk_in=False):
    """Take a registration for ``page`` (any language version).

    ``forums`` maps each round number to a ``Wish`` (or a Forum: a first choice alone), of
    the default-language page.
    A person gets a place at the event whenever it has one, whatever their forums: in each
    round a place in their first forum where it has room, else in their second (waiting for
    the first), else none yet (waiting for either). Without a waiting list, a round without a
    place is refused. ``group``: the course group chosen (a ``CourseSchedule`` of the
    default-language page), whose places and waiting list are its own. Returns
    ``(registration, created)``: an active registration with the same e-mail address is
    returned as it is, not duplicated.
    ``walk_in``: registered at the door by an organiser (*Nachmeldung*) while the event
    runs: only with a free place (no waiting list), confirmed in person (no e-mail to
    confirm; the address may be empty).
    """
    now = now or timezone.now()
    forums = _wishes(forums)
    source = source_of(page).specific
    email = details["email"].strip().lower()
    try:
        with transaction.atomic():
            faults.storing()
            locked = _lock(source)
            existing = Registration.objects.active().filter(page=locked, email=email)
            existing = existing.exclude(email="").first()
            if existing is not None:
                if not walk_in:
                    _mail_again(existing)
                return existing, False
            refused = door_state(locked) if walk_in else registration_state(locked, now)
            if refused:
                raise RegistrationRefused(refused, status=409)
            left = availability(locked, now)
            group_key = group.key if group is not None else None
            waiting_list = locked.waiting_list and not walk_in
            if left.has_place(group_key):
                status = Registration.Status.BOOKED
            elif waiting_list:
                status = Registration.Status.WAITING
            else:
                raise RegistrationRefused(
                    _("Sorry, this event is fully booked and keeps no waiting list."), status=409
                )
            seats = {}
            if status == Registration.Status.BOOKED:
                for number, wish in sorted(forums.items()):
                    seats[number] = left.seat_for(wish)
                    if seats[number] is None and not waiting_list:
                        raise RegistrationRefused(_full(wish), status=409)
                    if seats[number] is not None:
                        left.take_seat(seats[number].pk)
            registration = Registration.objects.create(
                page=locked,
                status=status,
                email=email,
                language=language,
                consent=ConsentVersion.for_text(consent_text),
                hold_until=now + timedelta(minutes=locked.hold_minutes),
                email_confirmed_at=now if walk_in else None,
                group_key=group_key,
                **{k: v for k, v in details.items() if k != "email"},
            )
            ForumChoice.objects.bulk_create(
                _choice(registration, number, wish, seats.get(number))
                for number, wish in sorted(forums.items())
            )
            if not walk_in:
                _mail_after_commit(registration, "confirm_email")
            elif email:
                _mail_after_commit(registration, "booked")
            faults.committing()
            return registration, True
    except IntegrityError:
        # Two submissions with one address at the same moment: the database let one in.
        existing = Registration.objects.active().filter(page=source, email=email).first()
        if existing is None:
            raise
        _mail_again(existing)
        return existing, False


def _wishes(forums):
    """``forums`` with a bare Forum taken as a first choice without a second."""
    return {n: w if isinstance(w, Wish) else Wish(w) for n, w in forums.items()}


def _choice(registration, number, wish, seat):
    return ForumChoice(
        registration=registration,
        round_number=number,
        forum=wish.first,
        forum_title=wish.first.title,
        second_forum=wish.second,
        second_forum_title=wish.second.title if wish.second else "",
        seat=seat,
    )


def _full(wish):
    if wish.second is None:
        return _("The forum “%(title)s” is full.") % {"title": wish.first.title}
    return _("The forums “%(first)s” and “%(second)s” are full.") % {
        "first": wish.first.title,
        "second": wish.second.title,
    }


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
    """Choose other forums (``forums``: round number -> ``Wish``). The person keeps the
    place they hold where it is still one of their wishes; a round where neither wish has
    room waits (refused without a waiting list); freed places go to the people waiting."""
    now = now or timezone.now()
    forums = _wishes(forums)
    with transaction.atomic():
        page = _lock(registration.page)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status != Registration.Status.BOOKED:
            raise RegistrationRefused(_("Only a booked place can change its forums."), 409)
        current = {c.round_number: c for c in registration.choices.all()}
        left = availability(page, now)
        for choice in current.values():
            if choice.seat_id:
                left.free_seat(choice.seat_id)  # their own place counts as free for them
        seats = {}
        for number, wish in sorted(forums.items()):
            seats[number] = left.seat_for(wish)
            if seats[number] is None and not page.waiting_list:
                raise RegistrationRefused(_full(wish), 409)
            if seats[number] is not None:
                left.take_seat(seats[number].pk)
        before = {n: (c.forum_id, c.second_forum_id, c.seat_id) for n, c in current.items()}
        registration.choices.all().delete()
        ForumChoice.objects.bulk_create(
            _choice(registration, number, wish, seats[number])
            for number, wish in sorted(forums.items())
        )
        after = {
            n: (w.first.pk, w.second.pk if w.second else None, seats[n].pk if seats[n] else None)
            for n, w in forums.items()
        }
        if after != before:
            _mail_after_commit(registration, "forums_changed")
            _promote(page, now)
        return registration


def change_group(registration, group, now=None):
    """Move to another group of the course (``group``: a ``CourseSchedule`` of the
    default-language page). A booked person moves only to a group with a free place and
    keeps theirs otherwise; the place they leave goes to the people waiting for that group.
    A person waiting waits for the new group from now on, in the order they registered, and
    moves up at once if it has a place."""
    now = now or timezone.now()
    with transaction.atomic():
        page = _lock(registration.page)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status not in (Registration.Status.BOOKED, Registration.Status.WAITING):
            raise RegistrationRefused(_("Only an active registration can change its group."), 409)
        if group.page_id != page.pk:
            raise RegistrationRefused(_("Please choose one of the groups of this course."), 400)
        if registration.group_key == group.key:
            return registration
        if registration.status == Registration.Status.BOOKED:
            left = availability(page, now)
            left.free_place(registration.group_key)
            if not left.has_place(group.key):
                raise RegistrationRefused(
                    _("This group is full. You keep your place in your group."), 409
                )
        registration.group_key = group.key
        registration.save(update_fields=["group_key", "updated_at"])
        promoted = _promote(page, now)
        if registration not in promoted:
            _mail_after_commit(registration, "group_changed")
        return Registration.objects.get(pk=registration.pk)


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
            left = availability(page, now)
            if not left.has_place(registration.group_key):
                raise RegistrationRefused(
                    _(
                        "No place is free in this event: booking this person would overbook "
                        "it. Free a place first, or raise the number of places."
                    )
                )
            _seat(registration, left)
        elif before == Registration.Status.BOOKED:
            registration.choices.update(seat=None)  # waiting again: no forum place either
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


def _seat(registration, left):
    """Give a newly booked registration a place in each round (first wish, else second)."""
    for choice in registration.choices.select_related("forum", "second_forum"):
        seat = left.seat_for(Wish.of(choice))
        if seat is not None:
            left.take_seat(seat.pk)
        ForumChoice.objects.filter(pk=choice.pk).update(seat=seat)


def _promote(page, now, passing_over=None):
    """Give free places to the people waiting, first come first served: places in forums to
    booked, confirmed people waiting for their first forum (seated in their second or not at
    all), then to those without a place in a round whose second forum has room; then places
    at the event to confirmed people on the waiting list (``passing_over``: one an organiser
    has just put there), each seated as a new registration would be. Runs inside the
    caller's locked transaction, so each place goes to exactly one person; returns the people
    moved up to the event."""
    promoted = []
    waiting = (
        Registration.objects.filter(
            page=page, status=Registration.Status.WAITING, email_confirmed_at__isnull=False
        )
        .exclude(pk=passing_over)
        .order_by("created_at", "pk")
    )
    left = availability(page, now)  # counted once, then kept up to date here
    # Those already at the event, waiting for a forum, come before anyone moved up now.
    _move_up_in_forums(page, left)
    for candidate in waiting:
        if left.places_left is not None and left.places_left <= 0:
            break
        if not left.has_place(candidate.group_key):
            continue  # their group is full; someone waiting for another group may fit
        left.take_place(candidate.group_key)
        candidate.status = Registration.Status.BOOKED
        candidate.promoted_at = now
        candidate.save(update_fields=["status", "promoted_at", "updated_at"])
        _seat(candidate, left)
        _mail_after_commit(candidate, "promoted")
        promoted.append(candidate)
    return promoted


def _move_up_in_forums(page, left):
    """Places free in forums go to those waiting for them, in the order they registered;
    a place someone leaves for their first forum goes on in the same way, until nothing
    moves (each choice moves up at most twice: none, second, first)."""
    choices = list(
        ForumChoice.objects.filter(
            registration__page=page,
            registration__status=Registration.Status.BOOKED,
            registration__email_confirmed_at__isnull=False,
        ).order_by("registration__created_at", "registration__pk", "round_number")
    )
    moved_up = {}
    moving = True
    while moving:
        moving = False
        for choice in choices:
            waits = choice.forum_id and choice.seat_id != choice.forum_id
            if waits and left.has_seat(choice.forum_id):
                if choice.seat_id:
                    left.free_seat(choice.seat_id)
                left.take_seat(choice.forum_id)
                choice.seat_id = choice.forum_id
                moved_up[choice.pk] = choice
                moving = True
        for choice in choices:
            if choice.seat_id is None and left.has_seat(choice.second_forum_id):
                left.take_seat(choice.second_forum_id)
                choice.seat_id = choice.second_forum_id
                moved_up[choice.pk] = choice
                moving = True
    for choice in moved_up.values():
        ForumChoice.objects.filter(pk=choice.pk).update(seat=choice.seat_id)
    for registration_id in {c.registration_id for c in moved_up.values()}:
        send_after_commit("registration.forum_place", registration_id)


def _mail_after_commit(registration, kind):
    send_after_commit(f"registration.{kind}", registration.pk)
