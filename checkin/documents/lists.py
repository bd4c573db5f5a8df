"""Attendance lists to sign (*Teilnehmer- und Unterschriftenlisten*).

The paper form of an accredited event: every page names the event, its date and place, the
event number (VNR) and the CME points, and the forum; a table of the participants booked
there, by name, with their organisation, their EFN (accredited events: the Ärztekammer
books the points to it; an empty cell to write in a missing one) and a field for the
signature. The table's heading repeats on every page, and the pages are numbered "Page 1
of 3". A few empty rows at the end take the people registered at the door.

A course's list is for the family centre: one row per participant of a group, one column
per session that takes place (landscape), arrivals recorded at the door (``Attendance`` of
that session) ticked, the other cells left to sign. A course of 20 evenings has more
sessions than fit across a page: they are split into blocks of equal width, each on pages
of its own.
"""

import math

from django.db.models import Max, Min
from django.utils.translation import gettext as _
from fpdf.fonts import FontFace

from checkin.documents.layout import (
    CHECK,
    GREY,
    PT,
    SANS,
    Document,
    date_span,
    local_date,
    local_time,
    number,
    place_line,
)
from checkin.services import folded
from events.models import Round, Session
from registrations.forms import group_labels
from registrations.models import Attendance, Registration

EMPTY_ROWS = 5  # for walk-ins, who sign below the others
HEADINGS = FontFace(emphasis="BOLD", fill_color=235)
NAME_WIDTH = 52  # mm, the course list's name column
NUMBER_WIDTH = 9
SESSION_MIN_WIDTH = 12


class SignatureList(Document):
    """A4 with the list's heading at the top of every page and "Page n of N" below."""

    def __init__(self, *, title, heading, orientation="portrait"):
        super().__init__(title=title, orientation=orientation)
        self.heading = heading  # [(text, style, size in pt, grey?)]
        self.alias_nb_pages()
        self.set_margins(15, 12, 15)
        self.set_auto_page_break(True, margin=16)

    def header(self):
        self.set_y(10)
        for text, style, size, grey in self.heading:
            self.set_font(SANS, style, size)
            self.set_text_color(GREY if grey else 0)
            self.multi_cell(0, size * PT * 1.35, text, new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(0)
        self.ln(3)

    def footer(self):
        self.set_y(-12)
        self.set_font(SANS, "", 8)
        self.set_text_color(GREY)
        pages = _("Page %(page)s of %(pages)s") % {
            "page": self.page_no(),
            "pages": self.str_alias_nb_pages,
        }
        self.cell(0, 5, pages, align="C")
        self.set_text_color(0)


def event_heading(page, subject):
    """The lines above every page's table: what the Ärztekammer's form asks for."""
    span = Session.objects.filter(page_id=page.pk).exclude(status=Session.Status.CANCELLED)
    span = span.aggregate(start=Min("starts_at"), end=Max("ends_at"))
    when = ""
    if span["start"]:
        when = date_span(span["start"], span["end"])
        if local_date(span["start"]) == local_date(span["end"]):
            when += f", {local_time(span['start'])}–{local_time(span['end'])}"
    facts = " · ".join(part for part in (when, place_line(page.place)) if part)
    lines = [
        (_("Attendance list"), "", 9, True),
        (page.title, "B", 14, False),
        (facts, "", 9, False),
    ]
    if page.vnr:
        accredited = [_("Event number (VNR): %(vnr)s") % {"vnr": page.vnr}]
        if page.cme_points:
            accredited.append(_("CME points: %(points)s") % {"points": number(page.cme_points)})
        lines.append((" · ".join(accredited), "", 9, False))
    lines.append((subject, "B", 11, False))
    return [line for line in lines if line[0]]


def forum_subject(page, forum):
    if forum is None:
        return _("The whole event")
    round_ = Round.objects.filter(page_id=page.pk, number=forum.round_number).first()
    when = ""
    if round_ is not None:
        when = f" ({local_time(round_.starts_at)}–{local_time(round_.ends_at)})"
    subject = _("Round %(number)s") % {"number": forum.round_number} + when
    subject += f": {forum.title}"
    return f"{subject} · {forum.room}" if forum.room else subject


def by_name(registrations):
    return sorted(registrations, key=lambda person: (folded(person.name), person.pk))


def attendance_list_pdf(page, forum=None):
    """The list to sign for ``page`` (``forum``: those with a place in it; else everyone
    booked), a PDF."""
    people = Registration.objects.filter(page=page, status=Registration.Status.BOOKED)
    if forum is not None:
        people = people.filter(choices__seat=forum)
    people = by_name(people)
    pdf = SignatureList(
        title=_("Attendance list: %(title)s") % {"title": page.title},
        heading=event_heading(page, forum_subject(page, forum)),
    )
    pdf.add_page()
    accredited = bool(page.vnr)
    headings = [_("No."), _("Name"), _("Organisation")]
    widths = [9, 46, 44] if accredited else [9, 55, 55]
    if accredited:
        headings.append(_("EFN"))
        widths.append(33)
    headings.append(_("Signature"))
    widths.append(pdf.epw - sum(widths))
    pdf.set_font(SANS, "", 9)
    with pdf.table(
        col_widths=widths,
        width=pdf.epw,
        line_height=4.5,
        padding=(1.5, 1.5),
        min_row_height=10,
        headings_style=HEADINGS,
        text_align=["RIGHT"] + ["LEFT"] * (len(widths) - 1),
        repeat_headings=1,
    ) as table:
        table.row(headings)
        for count, person in enumerate(people, start=1):
            cells = [str(count), person.name, person.organisation]
            if accredited:
                cells.append(person.efn)
            table.row([*cells, ""])
        for count in range(len(people) + 1, len(people) + EMPTY_ROWS + 1):
            table.row([str(count)] + [""] * (len(widths) - 1))
    _confirmation(pdf)
    return pdf.to_bytes()


def _confirmation(pdf):
    """The line the person in charge signs at the end of the list."""
    if pdf.will_page_break(22):
        pdf.add_page()
    pdf.ln(12)
    pdf.set_font(SANS, "", 9)
    half = pdf.epw / 2 - 5
    y = pdf.get_y()
    pdf.line(pdf.l_margin, y, pdf.l_margin + 45, y)
    pdf.line(pdf.l_margin + half + 10, y, pdf.l_margin + pdf.epw, y)
    pdf.set_xy(pdf.l_margin, y + 1)
    pdf.cell(half, 5, _("Date"))
    pdf.set_xy(pdf.l_margin + half + 10, y + 1)
    pdf.cell(half, 5, _("Signature of the person in charge"))


def course_groups(page):
    """A course's groups as the lists offer them: [(schedule key, label)]; one entry with
    the key None for a course of one schedule (everyone booked is in it)."""
    schedules = list(page.schedules.select_related("place").order_by("sort_order"))
    labels = group_labels(schedules, page, page)
    if len(schedules) < 2:
        return [(None, labels[schedules[0].key] if schedules else page.title)]
    return [(schedule.key, labels[schedule.key]) for schedule in schedules]


def course_list_pdf(page, group_key=None):
    """The course's attendance per session for one group (``group_key``), a PDF."""
    sessions = Session.objects.filter(page_id=page.pk).exclude(status=Session.Status.CANCELLED)
    people = Registration.objects.filter(page=page, status=Registration.Status.BOOKED)
    label = dict(course_groups(page)).get(group_key, page.title)
    if group_key is not None:
        sessions = sessions.filter(schedule_key=group_key)
        people = people.filter(group_key=group_key)
    sessions = list(sessions.order_by("starts_at", "pk"))
    people = by_name(people)
    present = set(
        Attendance.objects.filter(session__in=sessions, registration__in=people).values_list(
            "registration_id", "session_id"
        )
    )
    pdf = SignatureList(
        title=_("Attendance list: %(title)s") % {"title": page.title},
        heading=[],
        orientation="landscape",
    )
    room = pdf.epw - NUMBER_WIDTH - NAME_WIDTH
    blocks = max(1, math.ceil(len(sessions) / math.floor(room / SESSION_MIN_WIDTH)))
    per_block = max(1, math.ceil(len(sessions) / blocks))
    for first in range(0, max(len(sessions), 1), per_block):
        block = sessions[first : first + per_block]
        subject = label
        if blocks > 1:
            subject += " · " + _("Sessions %(first)s–%(last)s of %(count)s") % {
                "first": first + 1,
                "last": first + len(block),
                "count": len(sessions),
            }
        pdf.heading = [
            (_("Attendance list"), "", 9, True),
            (page.title, "B", 14, False),
            (subject, "B", 11, False),
            (_("Ticked: checked in at the door. Please sign in the empty fields."), "", 8, True),
        ]
        pdf.add_page()
        _course_block(pdf, people, block, present, room)
    return pdf.to_bytes()


def _course_block(pdf, people, block, present, room):
    width = room / max(len(block), 1)
    pdf.set_font(SANS, "", 9)
    with pdf.table(
        col_widths=[NUMBER_WIDTH, NAME_WIDTH] + [width] * len(block),
        width=pdf.epw,
        line_height=4.5,
        padding=(1.5, 1),
        min_row_height=9,
        headings_style=HEADINGS,
        text_align=["RIGHT", "LEFT"] + ["CENTER"] * len(block),
        repeat_headings=1,
    ) as table:
        table.row(
            [_("No."), _("Name")]
            + [f"{local_date(s.starts_at, 'D')}\n{local_date(s.starts_at, 'd.m.')}" for s in block]
        )
        for count, person in enumerate(people, start=1):
            marks = [CHECK if (person.pk, s.pk) in present else "" for s in block]
            table.row([str(count), person.name, *marks])
        for count in range(len(people) + 1, len(people) + 4):
            table.row([str(count)] + [""] * (len(block) + 1))
