"""Name badges (*Namensschilder*): A4 sheets of cards in the usual badge sizes.

Each badge shows the event, the name (as large as it fits: a long double name shrinks, the
longest break onto two lines), the organisation, the forum the person has a place in for
each round (with its time and room, titled in their language where the forum is translated)
and, if the organisers want, the check-in QR code (``registrations.passes``), drawn as
vector squares so it stays sharp at any printer resolution.

The sheets have room around the grid of cards for crop marks, where one cuts with a
guillotine; sizes that fill the sheet (A7) get dashed cut lines instead. ``start`` skips
positions already used on a sheet of labels, e.g. for one badge printed at the door.
"""

from dataclasses import dataclass

import segno
from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from checkin.documents.layout import (
    GREY,
    LIGHT,
    PT,
    SANS,
    Document,
    local_time,
    translated_titles,
)
from checkin.services import folded
from events.models import Round
from registrations.models import ForumChoice, Registration
from registrations.passes import pass_code

PADDING = 4  # mm inside a badge: no printer or cut reaches text there


@dataclass(frozen=True)
class BadgeSize:
    key: str
    label: str
    width: float  # mm
    height: float
    columns: int
    rows: int
    name_pt: float  # the name's largest font size
    small_pt: float  # the event, the forums

    @property
    def per_sheet(self):
        return self.columns * self.rows

    @property
    def margin_x(self):
        return (210 - self.columns * self.width) / 2

    @property
    def margin_y(self):
        return (297 - self.rows * self.height) / 2


SIZES = {
    size.key: size
    for size in (
        BadgeSize("90x55", gettext_lazy("90 × 55 mm, 10 per sheet"), 90, 55, 2, 5, 18, 7),
        BadgeSize(
            "85x54", gettext_lazy("85 × 54 mm (credit card), 10 per sheet"), 85, 54, 2, 5, 17, 7
        ),
        BadgeSize(
            "105x74",
            gettext_lazy("105 × 74 mm (A7, for badge holders), 8 per sheet"),
            *(105, 74, 2, 4, 22, 8.5),
        ),
    )
}
DEFAULT_SIZE = "90x55"


@dataclass
class Badge:
    name: str
    organisation: str
    forums: list  # one line per round: "10:00 Forum A · Raum 2.14"
    code: str  # what the QR code carries


def booked(page):
    return Registration.objects.filter(page=page, status=Registration.Status.BOOKED)


def badges_for(page, registrations):
    """The badges of ``registrations`` (of ``page``), sorted by name whatever the accents:
    four queries, however many people."""
    seats = ForumChoice.objects.exclude(seat=None).select_related("seat").order_by("round_number")
    people = list(registrations.prefetch_related(Prefetch("choices", queryset=seats)))
    people.sort(key=lambda registration: (folded(registration.name), registration.pk))
    forums = [choice.seat for person in people for choice in person.choices.all()]
    titles = translated_titles(forums, {person.language for person in people})
    starts = {round_.number: round_.starts_at for round_ in Round.objects.filter(page_id=page.pk)}

    def line(choice, language):
        seat = choice.seat
        title = titles.get((seat.translation_key, language), seat.title)
        when = starts.get(choice.round_number)
        text = f"{local_time(when)} {title}" if when else f"{choice.round_number}. {title}"
        return f"{text} · {seat.room}" if seat.room else text

    return [
        Badge(
            name=person.name,
            organisation=person.organisation,
            forums=[line(choice, person.language) for choice in person.choices.all()],
            code=pass_code(person),
        )
        for person in people
    ]


def badges_pdf(page, badges, size, *, with_qr=False, start=1):
    """The badges on as many sheets as they need, from position ``start`` of the first."""
    pdf = Document(title=_("Name badges: %(title)s") % {"title": page.title})
    pdf.set_auto_page_break(False)
    slots = [None] * (start - 1) + list(badges)
    for index, badge in enumerate(slots or [None]):
        position = index % size.per_sheet
        if position == 0:
            pdf.add_page()
            _cut_guides(pdf, size)
        if badge is None:
            continue
        x = size.margin_x + (position % size.columns) * size.width
        y = size.margin_y + (position // size.columns) * size.height
        _badge(pdf, badge, x, y, size, page.title, with_qr)
    return pdf.to_bytes()


def _cut_guides(pdf, size):
    """Crop marks in the sheet's margins at every edge of a card; dashed lines between the
    cards where the grid fills the sheet."""
    pdf.set_draw_color(LIGHT)
    pdf.set_line_width(0.2)
    edges_x = [size.margin_x + i * size.width for i in range(size.columns + 1)]
    edges_y = [size.margin_y + i * size.height for i in range(size.rows + 1)]
    if size.margin_y >= 5:
        for x in edges_x:
            pdf.line(x, 2, x, size.margin_y - 1.5)
            pdf.line(x, 297 - size.margin_y + 1.5, x, 295)
    else:
        with pdf.local_context(dash_pattern={"dash": 1.5, "gap": 1.5}):
            for x in edges_x[1:-1]:
                pdf.line(x, 0, x, 297)
    if size.margin_x >= 5:
        for y in edges_y:
            pdf.line(2, y, size.margin_x - 1.5, y)
            pdf.line(210 - size.margin_x + 1.5, y, 208, y)
    else:
        with pdf.local_context(dash_pattern={"dash": 1.5, "gap": 1.5}):
            for y in edges_y[1:-1]:
                pdf.line(0, y, 210, y)


def _badge(pdf, badge, x, y, size, event_title, with_qr):
    inner = size.width - 2 * PADDING
    left, top, bottom = x + PADDING, y + PADDING, y + size.height - PADDING
    small = size.small_pt
    small_line = small * PT * 1.4
    pdf.set_text_color(GREY)
    pdf.set_font(SANS, "", small)
    pdf.set_xy(left, top)
    pdf.cell(inner, small_line, pdf.clipped(event_title, inner), align="C")

    qr = min(24, size.height * 0.38) if with_qr else 0
    forum_width = inner - (qr + 3 if qr else 0)
    forum_lines = [pdf.clipped(text, forum_width) for text in badge.forums[:3]]
    forums_top = bottom - small_line * len(forum_lines)

    pdf.set_text_color(0)
    name_lines, name_pt = _name_lines(pdf, badge.name, inner, size.name_pt)
    line_height = name_pt * PT * 1.25
    block = line_height * len(name_lines) + (4.5 if badge.organisation else 0)
    free_bottom = min(forums_top, bottom - qr) - 1
    name_top = max(top + 5, top + 4 + (free_bottom - top - 4 - block) / 2)
    pdf.set_font(SANS, "B", name_pt)
    for number, text in enumerate(name_lines):
        pdf.set_xy(left, name_top + number * line_height)
        pdf.cell(inner, line_height, text, align="C")
    if badge.organisation:
        pdf.set_font(SANS, "", pdf.fitting_size(badge.organisation, inner, 9, 7))
        pdf.set_xy(left, name_top + line_height * len(name_lines) + 0.5)
        pdf.cell(inner, 4, pdf.clipped(badge.organisation, inner), align="C")

    pdf.set_font(SANS, "", small)
    for number, text in enumerate(forum_lines):
        pdf.set_xy(left, forums_top + number * small_line)
        pdf.cell(forum_width, small_line, text)
    if qr:
        _qr(pdf, badge.code, x + size.width - PADDING - qr, bottom - qr, qr)


def _name_lines(pdf, name, width, largest):
    """The name on one line as large as it fits (down to 11 pt), else on two at 11 pt."""
    smallest = 11
    size = pdf.fitting_size(name, width, largest, smallest, "B")
    pdf.set_font(SANS, "B", size)
    words = name.split()
    if pdf.width_of(name) <= width or len(words) < 2:
        return [pdf.clipped(name, width)], size
    halves = [(" ".join(words[:i]), " ".join(words[i:])) for i in range(1, len(words))]
    first, second = min(halves, key=lambda pair: abs(len(pair[0]) - len(pair[1])))
    return [pdf.clipped(first, width), pdf.clipped(second, width)], size


def _qr(pdf, code, x, y, side):
    """The QR code as black squares, each row's dark modules merged into one bar.

    Written as one path, as fpdf2's ``rect`` writes each rectangle (``x y w h re``, in
    points from the bottom left) but in one call for the whole code instead of one per bar:
    the 260 badges of a Fachtag take a second less."""
    matrix = segno.make_qr(code, error="m").matrix
    module = side / len(matrix) * pdf.k
    left, top = x * pdf.k, (pdf.h - y) * pdf.k
    bars = []
    for row_number, row in enumerate(matrix):
        column = 0
        while column < len(row):
            if not row[column]:
                column += 1
                continue
            first = column
            while column < len(row) and row[column]:
                column += 1
            # A hair taller than a module: no light seam between rows on screen.
            bars.append(
                f"{left + first * module:.2f} {top - row_number * module:.2f} "
                f"{(column - first) * module:.2f} {-(module + 0.05):.2f} re"
            )
    pdf.set_fill_color(0)
    pdf._out(" ".join(bars) + " f")
