"""Who has earned a certificate of attendance (*Teilnahmebescheinigung*), and what it states.

An event's certificate goes to everyone checked in at the door; a course's to those who
attended at least the page's share of their group's sessions (e.g. 80 % of 20 evenings).
The certificate names the sessions and forums attended and the hours: the page's figure
where the editors gave one, else the time of the sessions attended.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from events.models import CoursePage, Forum, Session
from registrations.models import Attendance, Registration


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
    """What ``registration`` attended: a few queries, whatever the number of sessions."""
    page = registration.page
    arrivals = list(Attendance.objects.filter(registration=registration))
    is_course = CoursePage.objects.filter(pk=page.pk).exists()
    taking_place = Session.objects.filter(page_id=page.pk).exclude(status=Session.Status.CANCELLED)
    result = Attended(registration=registration, is_course=is_course)
    if is_course:
        if registration.group_key:
            taking_place = taking_place.filter(schedule_key=registration.group_key)
        sessions = list(taking_place.order_by("starts_at"))
        present = {a.session_id for a in arrivals if a.session_id}
        result.planned = len(sessions)
        result.sessions = [s for s in sessions if s.pk in present]
        result.arrived = bool(result.sessions)
    else:
        result.arrived = any(a.forum_id is None and a.session_id is None for a in arrivals)
        result.sessions = list(taking_place.order_by("starts_at")) if result.arrived else []
        at_forums = {a.forum_id for a in arrivals if a.forum_id}
        if not at_forums and result.arrived and not _forums_checked(page):
            # The organisers did not check people in at the forums: the forums they had a
            # place in are the ones they attended.
            at_forums = set(registration.choices.exclude(seat=None).values_list("seat", flat=True))
        result.forums = list(
            Forum.objects.filter(pk__in=at_forums).order_by("round_number", "sort_order")
        )
    result.hours = page.certificate_hours or _hours(result.sessions)
    return result


def _forums_checked(page):
    return Attendance.objects.filter(forum__page_id=page.pk).exists()


def is_due(registration):
    return attended(registration).due
