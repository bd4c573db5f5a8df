"""What every printed document shares: A4 in millimetres, the portal's fonts, text shaping.

Why fpdf2 (LGPL): it is pure Python, so a server needs no system libraries (WeasyPrint
needs Pango and Cairo); with uharfbuzz it shapes text through HarfBuzz, so Arabic letters
join and a line of Arabic runs right to left, also inside a German sentence; and it embeds
only the glyphs a document uses, as TrueType subsets, so 260 badges make a PDF of a few
hundred kilobytes that prints the same everywhere.

The fonts are Noto Sans (Latin, Turkish, Cyrillic), Noto Sans Arabic and five check marks of
Noto Sans Symbols 2, vendored under ``checkin/fonts`` with their licence (OFL). A character
Noto Sans lacks is taken from the next font that has it (``set_fallback_fonts``).
"""

import logging
from decimal import Decimal
from pathlib import Path

from django.utils import formats, timezone
from django.utils.translation import get_language, get_language_bidi
from fpdf import FPDF

from events.models import Forum

# fontTools reports every font subset it makes at INFO, dozens of lines per PDF: the log
# keeps its warnings only.
logging.getLogger("fontTools.subset").setLevel(logging.WARNING)

FONT_DIR = Path(__file__).resolve().parent.parent / "fonts"
SANS = "notosans"
ARABIC = "notoarabic"
SYMBOLS = "notosymbols"
FONT_FILES = (
    (SANS, "", "NotoSans-Regular.ttf"),
    (SANS, "B", "NotoSans-Bold.ttf"),
    (ARABIC, "", "NotoSansArabic-Regular.ttf"),
    (ARABIC, "B", "NotoSansArabic-Bold.ttf"),
    (SYMBOLS, "", "NotoSansSymbols2-Checkmarks.ttf"),
)
PT = 25.4 / 72  # millimetres in a typographic point
CHECK = "\u2713"  # ✓
GREY = 110  # secondary text: dark enough for a copier
LIGHT = 170  # crop marks and rules
ELLIPSIS = "\u2026"


class Document(FPDF):
    """An A4 PDF in millimetres, in the portal's fonts, with text shaping on."""

    def __init__(self, *, title, orientation="portrait", language=None):
        super().__init__(orientation=orientation, unit="mm", format="A4")
        for family, style, name in FONT_FILES:
            self.add_font(family, style, FONT_DIR / name)
        self.set_fallback_fonts([ARABIC, SYMBOLS], exact_match=False)
        self.set_text_shaping(True)
        self.set_title(title)
        self.set_lang(language or get_language())
        self.set_creator("Frühe Hilfen portal")
        self.set_font(SANS, size=10)
        self._widths = {}

    @property
    def rtl(self):
        """Right to left: the active language is written that way (Arabic)."""
        return get_language_bidi()

    @property
    def start_align(self):
        return "R" if self.rtl else "L"

    def follow_language(self):
        """Paragraphs run right to left in a right-to-left language, also where they begin
        with a German word: "Kassel، ٤ ديسمبر" keeps the place first."""
        self.set_text_shaping(True, direction="rtl" if self.rtl else None)

    def fitting_size(self, text, width, largest, smallest, style=""):
        """The largest font size from ``largest`` down to ``smallest`` at which ``text``
        fits into ``width`` (text width grows in proportion to the size: one measurement)."""
        self.set_font(SANS, style, largest)
        needed = self.width_of(text)
        if needed <= width:
            return largest
        return max(smallest, int(largest * width / needed * 10) / 10)

    def width_of(self, text):
        """``text``'s width in the current font, measured once per document (shaping a
        line takes a while, and badges repeat the event's title and the forums')."""
        key = (text, self.font_family, self.font_style, self.font_size_pt)
        if key not in self._widths:
            self._widths[key] = self.get_string_width(text)
        return self._widths[key]

    def clipped(self, text, width):
        """``text`` cut with an ellipsis so that it fits ``width`` in the current font."""
        if self.width_of(text) <= width:
            return text
        low, high = 0, len(text)
        while low < high:  # the longest prefix that fits with the ellipsis
            middle = (low + high + 1) // 2
            if self.width_of(text[:middle].rstrip() + ELLIPSIS) <= width:
                low = middle
            else:
                high = middle - 1
        return text[:low].rstrip() + ELLIPSIS

    def to_bytes(self):
        return bytes(self.output())


def local_date(moment, style="DATE_FORMAT"):
    """A date or datetime as the active language writes it, in German time."""
    if hasattr(moment, "tzinfo") and moment.tzinfo is not None:
        moment = timezone.localtime(moment)
    return formats.date_format(moment, style)


def local_time(moment):
    return formats.time_format(timezone.localtime(moment), "TIME_FORMAT")


def date_span(start, end):
    """The days, not the hours: "12. Mai 2026" or "12. Mai 2026 – 13. Mai 2026"."""
    first, last = local_date(start), local_date(end)
    return first if first == last else f"{first} – {last}"


def number(value):
    """6 → "6", Decimal("6.5") → "6,5" (in German): no ",0" for whole numbers."""
    value = Decimal(value)
    whole = value == value.to_integral_value()
    return formats.number_format(value, decimal_pos=0 if whole else 1, use_l10n=True)


def place_line(place):
    """A place as one line: "FZ Wehlheiden, Goethestraße 1, 34119 Kassel"."""
    if place is None:
        return ""
    return ", ".join(part for part in (place.name, place.address_line) if part)


def translated_titles(forums, languages):
    """{(translation key, language code): title} of ``forums`` in ``languages``: a forum's
    title as a participant reads it, where its page is translated."""
    keys = {forum.translation_key for forum in forums}
    rows = Forum.objects.filter(
        translation_key__in=keys, locale__language_code__in=set(languages)
    ).values_list("translation_key", "locale__language_code", "title")
    return {(key, language): title for key, language, title in rows}
