"""Who has earned a certificate of attendance (*Teilnahmebescheinigung*), and what it states.

An event's certificate goes to everyone checked in at the door; a course's to those who
attended at least the page's share of their group's sessions (e.g. 80 % of 20 evenings).
The certificate names the sessions and forums attended and the hours: the page's figure
where the editors gave one, else the time of the sessions attended.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from events.models import CoursePage, Forum, Session
from registrations.models import Attendance, ForumChoice, Registration


@dataclass
class Attended:
    registration: Registration
    is_course: bool
    sessions: list = field(default_factory=list)  # the sessions attended, in order
    planned: int = 0  # a course: the sessions of the person's group that take place
    forums: list = field(default_factory=list)  # the forums attended, by round
    hours: Decimal = Decimal(0)
    arrived: bool = False

    @property
    def share(self):
        """A course: the percentage of its sessions attended (0 to 100)."""
        if not self.planned:
            return 0
        return round(100 * len(self.sessions) / self.planned)

    @property
    def took_part(self):
        """Checked in at the event; for a course, at the share of sessions the page asks
        for its certificate."""
        if self.registration.status != Registration.Status.BOOKED:
            return False
        if self.is_course:
            threshold = self.registration.page.certificate_threshold
            return bool(self.sessions) and self.share >= threshold
        return self.arrived

    @property
    def due(self):
        return self.registration.page.certificate and self.took_part

    @property
    def points(self):
        """The CME points, on an accredited event only."""
        page = self.registration.page
        return page.cme_points if page.vnr and page.cme_points else None


def _hours(sessions):
    seconds = sum((s.ends_at - s.starts_at).total_seconds() for s in sessions)
    return (Decimal(seconds) / 3600).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def attended(registration):
    """What ``registration`` attended."""
    return attended_all(registration.page, [registration])[0]


def attended_all(page, registrations):
    """What each of ``registrations`` (of ``page``) attended, in their order: six queries,
    whatever the number of people and sessions (the certificates and the EIV list of a
    Fachtagung of 260)."""
    registrations = list(registrations)
    for registration in registrations:
        registration.page = page  # read once, not once per person
    ids = [r.pk for r in registrations]
    arrivals = defaultdict(list)
    for arrival in Attendance.objects.filter(registration_id__in=ids):
        arrivals[arrival.registration_id].append(arrival)
    is_course = CoursePage.objects.filter(pk=page.pk).exists()
    taking_place = list(
        Session.objects.filter(page_id=page.pk)
        .exclude(status=Session.Status.CANCELLED)
        .order_by("starts_at", "pk")
    )
    seats, forums = defaultdict(set), {}
    if not is_course:
        in_order = Forum.objects.filter(page_id=page.pk).order_by("round_number", "sort_order")
        forums = {forum.pk: forum for forum in in_order}
        if not Attendance.objects.filter(forum__page_id=page.pk).exists():
            # The organisers did not check people in at the forums: the forums they had a
            # place in are the ones they attended.
            chosen = ForumChoice.objects.filter(registration_id__in=ids).exclude(seat=None)
            for registration_id, seat_id in chosen.values_list("registration_id", "seat_id"):
                seats[registration_id].add(seat_id)
    return [
        _attended(r, is_course, arrivals[r.pk], taking_place, forums, seats[r.pk])
        for r in registrations
    ]


def _attended(registration, is_course, arrivals, taking_place, forums, seats):
    result = Attended(registration=registration, is_course=is_course)
    if is_course:
        group = registration.group_key
        sessions = [s for s in taking_place if not group or s.schedule_key == group]
        present = {a.session_id for a in arrivals if a.session_id}
        result.planned = len(sessions)
        result.sessions = [s for s in sessions if s.pk in present]
        result.arrived = bool(result.sessions)
    else:
        result.arrived = any(a.forum_id is None and a.session_id is None for a in arrivals)
        result.sessions = taking_place if result.arrived else []
        at_forums = {a.forum_id for a in arrivals if a.forum_id} or (
            seats if result.arrived else set()
        )
        result.forums = [forum for pk, forum in forums.items() if pk in at_forums]
    result.hours = registration.page.certificate_hours or _hours(result.sessions)
    return result
