"""A small line chart drawn on the server: registrations over time, as SVG coordinates.

No JavaScript library: the dashboard's chart is a handful of lines, and an inline SVG drawn
from these numbers needs no script, works under the admin's Content-Security-Policy and can
be read without colour (each series has its own line style and marker, and its name at the
end of its line). The template (``editorial/dashboard/chart.html``) draws what ``LineChart``
computes and adds the same numbers as a table.
"""

from dataclasses import dataclass, field

WIDTH = 720
HEIGHT = 280
LEFT = 48  # room for the y axis' numbers
RIGHT = 250  # room for the labels at the ends of the lines
TOP = 16
BOTTOM = 40  # room for the dates below the x axis
LABEL_GAP = 16  # the least vertical distance between two end labels
LABEL_LENGTH = 24  # characters of a title at a line's end

# Told apart without colour: a line style and a marker each (and a colour as well).
STYLES = [
    {"dash": "", "marker": "circle", "css": "solid"},
    {"dash": "8 4", "marker": "square", "css": "dashed"},
    {"dash": "2 4", "marker": "triangle", "css": "dotted"},
    {"dash": "12 4 2 4", "marker": "diamond", "css": "dashdot"},
]


MARKERS = {
    "circle": lambda x, y: f"M{x - 4:.1f},{y:.1f} a4,4 0 1,0 8,0 a4,4 0 1,0 -8,0",
    "square": lambda x, y: f"M{x - 4:.1f},{y - 4:.1f} h8 v8 h-8 Z",
    "triangle": lambda x, y: (
        f"M{x:.1f},{y - 5:.1f} L{x + 5:.1f},{y + 4:.1f} L{x - 5:.1f},{y + 4:.1f} Z"
    ),
    "diamond": lambda x, y: (
        f"M{x:.1f},{y - 5:.1f} L{x + 5:.1f},{y:.1f} L{x:.1f},{y + 5:.1f} L{x - 5:.1f},{y:.1f} Z"
    ),
}


def nice_step(maximum, ticks=4):
    """A step of 1, 2 or 5 times a power of ten giving about ``ticks`` steps to ``maximum``."""
    rough = max(maximum / ticks, 1)
    power = 1
    while power * 10 <= rough:
        power *= 10
    for factor in (1, 2, 5, 10):
        if factor * power >= rough:
            return factor * power
    return 10 * power  # pragma: no cover (the loop above always returns)


def shorten(text, length=LABEL_LENGTH):
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


@dataclass
class Series:
    name: str
    values: list  # one number per point of the x axis
    style: dict = field(default_factory=dict)
    points: list = field(default_factory=list)  # (x, y) in the SVG
    label_y: float = 0

    @property
    def path(self):
        return " ".join(
            f"{'M' if i == 0 else 'L'}{x:.1f},{y:.1f}" for i, (x, y) in enumerate(self.points)
        )

    @property
    def markers(self):
        """One path drawing this series' marker (its shape) at each of its points."""
        shape = MARKERS[self.style.get("marker", "circle")]
        return " ".join(shape(x, y) for x, y in self.points)

    @property
    def last(self):
        return self.values[-1] if self.values else 0

    @property
    def label(self):
        return f"{shorten(self.name)}: {self.last}"

    @property
    def end(self):
        return self.points[-1] if self.points else (LEFT, TOP)


@dataclass
class Tick:
    value: int
    y: float


@dataclass
class XLabel:
    text: str
    x: float


class LineChart:
    """Lines over shared x positions (``labels``), scaled into the SVG's plot area."""

    width = WIDTH
    height = HEIGHT
    left = LEFT
    top = TOP

    def __init__(self, labels, series):
        self.labels = list(labels)
        self.series = [
            Series(name, list(values), STYLES[i % len(STYLES)])
            for i, (name, values) in enumerate(series)
        ]
        self.right = WIDTH - RIGHT
        self.bottom = HEIGHT - BOTTOM
        highest = max((max(s.values, default=0) for s in self.series), default=0)
        top = max(highest, 4)  # a few lines of grid also when little or nothing came in
        self.step = nice_step(top)
        self.maximum = self.step * -(-top // self.step)  # rounded up to a whole step
        self._place()

    def x(self, index):
        if len(self.labels) < 2:
            return self.left
        return self.left + index * (self.right - self.left) / (len(self.labels) - 1)

    def y(self, value):
        return self.bottom - value * (self.bottom - self.top) / self.maximum

    def _place(self):
        for series in self.series:
            series.points = [(self.x(i), self.y(v)) for i, v in enumerate(series.values)]
        # End labels: at their line's end, pushed apart where lines end close together.
        placed = sorted(self.series, key=lambda s: s.end[1])
        previous = None
        for series in placed:
            y = series.end[1] + 4
            if previous is not None and y < previous + LABEL_GAP:
                y = previous + LABEL_GAP
            series.label_y = y
            previous = y
        overflow = (previous or 0) - (self.height - 4)
        if overflow > 0:
            for series in placed:
                series.label_y -= overflow

    @property
    def ticks(self):
        return [Tick(value, self.y(value)) for value in range(0, self.maximum + 1, self.step)]

    @property
    def x_labels(self):
        return [XLabel(text, self.x(i)) for i, text in enumerate(self.labels)]

    @property
    def label_x(self):
        return self.right + 12

    @property
    def axis_y(self):
        return self.bottom

    @property
    def date_y(self):
        return self.bottom + 20

    @property
    def view_box(self):
        return f"0 0 {self.width} {self.height}"

    @property
    def is_empty(self):
        return all(value == 0 for s in self.series for value in s.values)

    def rows(self):
        """The chart's numbers for its table: one row per x position."""
        return [(label, [s.values[i] for s in self.series]) for i, label in enumerate(self.labels)]
