"""Certificates of attendance (*Teilnahmebescheinigungen*): one A4 page per person.

Each page is written in the participant's language (the one they registered in): the event's
title from its translation where there is one, the labels through gettext, dates as that
language writes them, and right to left for Arabic. It states what ``checkin.certificates``
found: the dates, the hours, the sessions of a course attended, the forums of each round,
and for an accredited event the event number (VNR), the CME points and the EFN. The issuer,
the place of issue and the signature come from the site's settings (``CertificateSettings``).

Who gets one is ``checkin.certificates``' decision: the organisers' PDF holds everyone due,
the participant's own link only theirs.
"""

import io
import logging
from dataclasses import dataclass

from django.db.models import Max, Min
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from checkin.certificates import attended_all
from checkin.documents.layout import (
    GREY,
    SANS,
    Document,
    date_span,
    local_date,
    local_time,
    number,
    place_line,
    translated_titles,
)
from checkin.models import CertificateSettings
from checkin.services import folded
from core.models import OrganisationSettings
from events.models import CoursePage, CourseSchedule, Forum, Session
from registrations.calendars import page_in_language
from registrations.models import Attendance, Registration

logger = logging.getLogger(__name__)

MARGIN = 25
LABEL_WIDTH = 48


@dataclass
class Branding:
    """What the site's settings put on every certificate, read once per PDF."""

    issuer: str = ""
    place: str = ""
    signer_name: str = ""
    signer_role: str = ""
    signature: bytes | None = None
    logo: bytes | None = None


def branding(site):
    """The site's certificate settings, with the images read from storage (a missing file
    leaves its image out rather than failing the download)."""
    chosen = CertificateSettings.for_site(site)
    issuer = chosen.organiser_name or OrganisationSettings.for_site(site).name
    return Branding(
        issuer=issuer,
        place=chosen.issue_place,
        signer_name=chosen.signer_name,
        signer_role=chosen.signer_role,
        signature=_image_bytes(chosen.signature),
        logo=_image_bytes(chosen.logo),
    )


def _image_bytes(image):
    if image is None:
        return None
    try:
        if image.is_svg():
            with image.open_file() as source:
                return source.read()
        rendition = image.get_rendition("max-1200x400|format-png")
        with rendition.file.open("rb") as source:
            return source.read()
    except OSError:
        logger.warning("certificate image %s could not be read", image.pk)
        return None


def due_for(page):
    """Everyone of ``page`` whose certificate is due, by name: those checked in (a course:
    at any session), each looked at by ``checkin.certificates.attended_all``."""
    arrived = Attendance.objects.filter(registration__page=page)
    arrived = arrived.filter(session__isnull=False) if _is_course(page) else arrived
    candidates = Registration.objects.filter(
        page=page, status=Registration.Status.BOOKED, pk__in=arrived.values("registration_id")
    ).select_related("page")
    records = attended_all(page, candidates)
    records = [record for record in records if record.due]
    return sorted(records, key=lambda r: (folded(r.registration.name), r.registration.pk))


def _is_course(page):
    return CoursePage.objects.filter(pk=page.pk).exists()


def why_not(record):
    """Why ``record``'s person has no certificate, in the active language; "" if they have."""
    page = record.registration.page
    if record.due:
        return ""
    if not page.certificate:
        return _("No certificate of attendance is issued for this event.")
    if record.registration.status != Registration.Status.BOOKED:
        return _("A certificate of attendance is issued only for a booked place.")
    if record.is_course:
        return _(
            "You attended %(attended)s of %(planned)s sessions (%(share)s %%). The certificate "
            "needs at least %(threshold)s %% of the sessions."
        ) % {
            "attended": len(record.sessions),
            "planned": record.planned,
            "share": record.share,
            "threshold": page.certificate_threshold,
        }
    return _(
        "You were not checked in at the event, so we cannot certify your attendance. If you "
        "took part, please contact the organisers."
    )


@dataclass
class Shared:
    """What the certificates of one event say alike in one language (and course group): read
    once per PDF, not once per page."""

    source: object  # the default-language page, specific
    shown: object  # its translation into the language, else itself
    days: str  # an event's days; a course's are each person's own
    place: str
    hosts: list
    partners: list
    titles: dict  # {forum translation key: title in the language}


def _shared(registration, known):
    key = (registration.page_id, registration.language, registration.group_key)
    if key not in known:
        source = registration.page.specific
        shown = page_in_language(source, registration.language)
        organisers = source.organisers.select_related("organisation").order_by("sort_order")
        forums = Forum.objects.filter(page_id=source.pk)
        titles = translated_titles(forums, [registration.language])
        known[key] = Shared(
            source=source,
            shown=shown,
            days=_event_days(source),
            place=_place(registration, source, shown),
            hosts=[o.organisation.name for o in organisers if not o.is_partner],
            partners=[o.organisation.name for o in organisers if o.is_partner],
            titles={forum_key: title for (forum_key, _language), title in titles.items()},
        )
    return known[key]


def certificates_pdf(records, brand, *, language=None):
    """One page per record (each in its person's language), a PDF."""
    title = _("Certificates of attendance")
    if len(records) == 1:
        with translation.override(records[0].registration.language):
            title = _("Certificate of attendance")
    pdf = Document(title=title, language=language)
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(True, margin=MARGIN)
    known = {}
    for record in records:
        with translation.override(record.registration.language):
            _certificate(pdf, record, brand, _shared(record.registration, known))
    return pdf.to_bytes()


def _certificate(pdf, record, brand, shared):
    registration = record.registration
    align = pdf.start_align
    pdf.follow_language()
    pdf.add_page()
    _top(pdf, brand)

    pdf.set_y(68)
    pdf.set_font(SANS, "B", 24)
    pdf.cell(0, 12, _("Certificate of attendance"), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(10)
    pdf.set_font(SANS, "B", pdf.fitting_size(registration.name, pdf.epw, 20, 12, "B"))
    pdf.cell(0, 10, pdf.clipped(registration.name, pdf.epw), align="C")
    pdf.ln(12)
    pdf.set_font(SANS, "", 11)
    took_part = _("took part in the course") if record.is_course else _("took part in the event")
    pdf.cell(0, 6, took_part, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.set_font(SANS, "B", 15)
    pdf.multi_cell(0, 7.5, shared.shown.title, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(10)

    for label, value in _facts(record, shared):
        _fact(pdf, label, value, align)
    _signature(pdf, brand, align)


def _top(pdf, brand):
    """The issuer at the start of the line, the logo at its end."""
    pdf.set_xy(pdf.l_margin, 20)
    if brand.logo:
        x = pdf.l_margin if pdf.rtl else pdf.l_margin + pdf.epw - 50
        pdf.image(io.BytesIO(brand.logo), x=x, y=14, w=50, h=20, keep_aspect_ratio=True)
    if brand.issuer:
        pdf.set_font(SANS, "B", 10)
        pdf.set_xy(pdf.l_margin + (55 if pdf.rtl and brand.logo else 0), 20)
        pdf.multi_cell(pdf.epw - (55 if brand.logo else 0), 5, brand.issuer, align=pdf.start_align)


def _facts(record, shared):
    """(label, value) rows of what the certificate states."""
    registration, source = record.registration, shared.source
    facts = []
    when = shared.days
    if record.is_course and record.sessions:  # from the first session attended to the last
        when = date_span(record.sessions[0].starts_at, record.sessions[-1].starts_at)
    if when:
        facts.append((_("Date"), when))
    if shared.place:
        facts.append((_("Place"), shared.place))
    if record.is_course:
        count = _("%(attended)s of %(planned)s") % {
            "attended": len(record.sessions),
            "planned": record.planned,
        }
        days = ", ".join(local_date(s.starts_at, "SHORT_DATE_FORMAT") for s in record.sessions)
        facts.append((_("Sessions attended"), f"{count}\n{days}"))
    if record.hours:
        whole = int(record.hours) if record.hours == int(record.hours) else int(record.hours) + 1
        facts.append(
            (
                pgettext("certificate", "Duration"),
                ngettext("%(hours)s hour", "%(hours)s hours", whole)
                % {"hours": number(record.hours)},
            )
        )
    if record.forums:
        lines = [
            _("Round %(number)s") % {"number": forum.round_number}
            + ": "
            + shared.titles.get(forum.translation_key, forum.title)
            for forum in record.forums
        ]
        facts.append((_("Forums"), "\n".join(lines)))
    if shared.hosts:
        facts.append((_("Organised by"), "\n".join(shared.hosts)))
    if shared.partners:
        facts.append((_("In cooperation with"), "\n".join(shared.partners)))
    if source.vnr:
        facts.append((_("Event number (VNR)"), source.vnr))
        if record.points:
            facts.append((_("CME points"), number(record.points)))
        if registration.efn:
            facts.append((_("EFN"), registration.efn))
    return facts


def _event_days(source):
    """The days the sessions take place, with the hours for a single day."""
    span = Session.objects.filter(page_id=source.pk).exclude(status=Session.Status.CANCELLED)
    span = span.aggregate(start=Min("starts_at"), end=Max("ends_at"))
    if span["start"] is None:
        return ""
    days = date_span(span["start"], span["end"])
    if local_date(span["start"]) == local_date(span["end"]):
        return f"{days}, {local_time(span['start'])}–{local_time(span['end'])}"
    return days


def _place(registration, source, shown):
    """The course group's place where it has its own (a course of one schedule: that
    schedule's), else the page's (in the language of ``shown``)."""
    schedules = CourseSchedule.objects.filter(page_id=source.pk).select_related("place")
    if registration.group_key:
        schedules = schedules.filter(key=registration.group_key)
    if registration.group_key or len(schedules) == 1:
        schedule = schedules.first()
        if schedule is not None and schedule.place is not None:
            place = schedule.place
            return place_line(place.get_translation_or_none(shown.locale) or place)
    return place_line(shown.place or source.place)


def _fact(pdf, label, value, align):
    """One row: the label at the start of the line, the value after it (both mirrored
    right to left)."""
    y = pdf.get_y()
    value_width = pdf.epw - LABEL_WIDTH - 4
    label_x = pdf.l_margin + pdf.epw - LABEL_WIDTH if pdf.rtl else pdf.l_margin
    value_x = pdf.l_margin if pdf.rtl else pdf.l_margin + LABEL_WIDTH + 4
    pdf.set_text_color(GREY)
    pdf.set_font(SANS, "", 10)
    pdf.set_xy(label_x, y)
    pdf.multi_cell(LABEL_WIDTH, 5.5, label, align=align)
    below_label = pdf.get_y()
    pdf.set_text_color(0)
    pdf.set_font(SANS, "", 10)
    pdf.set_xy(value_x, y)
    pdf.multi_cell(value_width, 5.5, value, align=align)
    pdf.set_y(max(below_label, pdf.get_y()) + 1.5)


def _signature(pdf, brand, align):
    """Place and date of issue, the signature, the signer's name and role, at the foot."""
    top = max(pdf.get_y() + 8, 222)
    if top + 45 > pdf.h - MARGIN + 10:
        pdf.add_page()
        top = 40
    issued = local_date(timezone.localdate())
    pdf.set_font(SANS, "", 10)
    pdf.set_xy(pdf.l_margin, top)
    pdf.cell(pdf.epw, 5, f"{brand.place}, {issued}" if brand.place else issued, align=align)
    width = 70
    x = pdf.l_margin + pdf.epw - width if pdf.rtl else pdf.l_margin
    line_y = top + 30
    if brand.signature:
        pdf.image(
            io.BytesIO(brand.signature),
            x=x,
            y=top + 8,
            w=width,
            h=21,
            keep_aspect_ratio=True,
        )
    pdf.set_draw_color(GREY)
    pdf.set_line_width(0.2)
    pdf.line(x, line_y, x + width, line_y)
    pdf.set_xy(x, line_y + 1)
    if brand.signer_name:
        pdf.set_font(SANS, "", 10)
        pdf.cell(width, 5, brand.signer_name, align=align, new_x="LEFT", new_y="NEXT")
    if brand.signer_role:
        pdf.set_font(SANS, "", 9)
        pdf.set_text_color(GREY)
        pdf.multi_cell(width, 4.5, brand.signer_role, align=align)
        pdf.set_text_color(0)
