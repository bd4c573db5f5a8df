"""The EFN list for the Ärztekammer: which doctors took part in an accredited event.

The Bundesärztekammer's *Elektronischer Informationsverteiler* (EIV, https://www.eiv-fobi.de,
"Was ist von Veranstaltern zu beachten?") books CME points to a doctor's account from the
event's number (VNR, with its password) and the participants' EFNs. The organiser reports
them in the EIV's *Meldeformular* (a "Gesamtmeldung", or a "Nachmeldung" for people
reported later), which reads EFNs one per line, as a barcode scanner types them at the door.
This module writes exactly that: one 15-digit EFN per line, CRLF line ends (the form is
used on Windows PCs), each doctor once, only people who were checked in (a course: who
attended the share of sessions its certificate needs).

Registrations whose EFN is missing are counted, so the organiser can ask for it before
reporting; stored EFNs are checked again, as a number typed before the check existed could
be wrong (the EIV would refuse the whole report).
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError

from checkin.certificates import attended_all
from events.models import CoursePage
from registrations.efn import validate_efn
from registrations.models import Attendance, Registration


@dataclass
class EivReport:
    vnr: str
    efns: list = field(default_factory=list)
    without_efn: list = field(default_factory=list)  # took part, no EFN given
    invalid: list = field(default_factory=list)  # took part, the stored EFN is wrong

    @property
    def filename(self):
        return f"eiv-{self.vnr}.txt"

    def as_bytes(self):
        return "".join(f"{efn}\r\n" for efn in self.efns).encode("ascii")


def participants(page):
    """The booked registrations of ``page`` that took part: checked in at an event; for a
    course, at the share of sessions its certificate asks for."""
    booked = Registration.objects.filter(page=page, status=Registration.Status.BOOKED)
    if CoursePage.objects.filter(pk=page.pk).exists():
        records = attended_all(page, booked.select_related("page"))
        return [record.registration for record in records if record.took_part]
    arrived = Attendance.objects.filter(forum__isnull=True, session__isnull=True)
    return list(booked.filter(pk__in=arrived.values("registration")).order_by("name", "pk"))


def eiv_report(page):
    report = EivReport(vnr=page.vnr)
    seen = set()
    for registration in participants(page):
        if not registration.efn:
            report.without_efn.append(registration)
            continue
        try:
            efn = validate_efn(registration.efn)
        except ValidationError:
            report.invalid.append(registration)
            continue
        if efn not in seen:
            seen.add(efn)
            report.efns.append(efn)
    return report
