"""What the calendar, its archive and its feeds select: sessions below a calendar page,
filtered by the query string, shown in the visitor's language.

Sessions belong to the German pages; each is shown with the page in the visitor's language
where a live translation exists, else with the German one, marked as such. Every filter
value is validated. On the calendar's pages an unknown or malformed one is dropped with a
message, never an error. A feed never widens: a malformed value is a 400 with the reason, a
well-formed one that names nothing (a deleted topic) selects nothing, because a calendar
app shows no message and its subscriber would silently be given every session instead.
"""

import calendar as pycalendar
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from django import forms
from django.db.models import CharField, Exists, OuterRef
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from core.cache import cached
from core.filters import FilterForm
from core.i18n import in_other_language, localize_all, localize_pages, localized_map, source_of
from directory.models import District, Place, Topic
from events.models import Audience, CalendarLanguage, CalendarPage, CourseException, Session
from events.schedules import LOCAL_TZ
from programmes.models import ProgrammePage
from programmes.vocabulary import OFFER_LANGUAGES

PAGE_SIZE = 30
# Calendar apps drop what leaves a feed: keep recent sessions in it for a while.
FEED_HISTORY = timedelta(days=180)
MONTHS_BACK = 24
MONTHS_AHEAD = 36


class CalendarForm(FilterForm):
    topic = forms.ChoiceField(label=_("Topic"), required=False)
    audience = forms.ChoiceField(label=_("For whom"), required=False)
    district = forms.ChoiceField(label=_("Where"), required=False)
    language = forms.ChoiceField(label=_("Language"), required=False)
    programme = forms.ChoiceField(label=_("Programme"), required=False)

    FILTER_NAMES = {
        "topic": _("topic"),
        "audience": _("audience"),
        "district": _("place"),
        "language": _("language"),
        "programme": _("programme"),
    }

    def __init__(self, data, *, topics, districts, programmes):
        """``topics``, ``districts``, ``programmes``: ``(slug, name)`` pairs, in order."""
        super().__init__(data)
        self.fields["topic"].choices = [("", _("All topics")), *topics]
        self.fields["audience"].choices = [("", _("Everyone"))] + [
            (value, label) for value, label in Audience.choices if value != Audience.EVERYONE
        ]
        self.fields["district"].choices = [("", _("Everywhere")), *districts]
        self.fields["language"].choices = [("", _("Any language"))] + OFFER_LANGUAGES
        self.fields["programme"].choices = [("", _("All programmes")), *programmes]


SLUG = re.compile(r"^[-\w]{1,255}$")
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{1,8})*$")
# What a well-formed value of each filter looks like; audiences are a closed list.
FEED_FILTER_SHAPES = {
    "topic": SLUG.match,
    "district": SLUG.match,
    "programme": SLUG.match,
    "language": LANGUAGE_CODE.match,
    "audience": lambda value: value in Audience.values and value != Audience.EVERYONE,
}


def feed_filter_problems(params):
    """Why a feed's query string cannot be served, one sentence per problem (empty: it can).
    Unknown parameters, repeated ones and malformed values are problems; a well-formed
    value that names nothing is not (the feed is then empty)."""
    problems = []
    for name, values in params.lists():
        if name not in FEED_FILTER_SHAPES:
            problems.append(
                _("Unknown filter “%(name)s”; the feed knows %(names)s.")
                % {"name": name[:40], "names": ", ".join(FEED_FILTER_SHAPES)}
            )
        elif len(values) > 1:
            problems.append(_("The filter “%(name)s” is given more than once.") % {"name": name})
        elif values[0] and not FEED_FILTER_SHAPES[name](values[0]):
            problems.append(
                _("“%(value)s” is not a valid value for the filter “%(name)s”.")
                % {"value": values[0][:40], "name": name}
            )
    return problems


def apply_filters(sessions, filters):
    if "topic" in filters:
        keys = Topic.objects.filter(slug=filters["topic"]).values("translation_key")
        through = CalendarPage.topics.through
        sessions = sessions.filter(
            Exists(
                through.objects.filter(
                    calendarpage_id=OuterRef("page_id"), topic__translation_key__in=keys
                )
            )
        )
    if "audience" in filters:
        sessions = sessions.filter(page__audience__in=[filters["audience"], Audience.EVERYONE])
    if "district" in filters:
        sessions = sessions.filter(place__district__slug=filters["district"])
    if "language" in filters:
        sessions = sessions.filter(
            Exists(
                CalendarLanguage.objects.filter(
                    page_id=OuterRef("page_id"), code=filters["language"]
                )
            )
        )
    if "programme" in filters:
        keys = ProgrammePage.objects.filter(slug=filters["programme"]).values("translation_key")
        through = CalendarPage.programmes.through
        sessions = sessions.filter(
            Exists(
                through.objects.filter(
                    calendarpage_id=OuterRef("page_id"),
                    programmepage__translation_key__in=keys,
                )
            )
        )
    return sessions


def filter_choices(locale):
    """The filters' choices in ``locale``, as ``(slug, name)`` pairs: the same for every view
    of the calendar and its feeds, so kept in the cache until the content changes (at 300
    programmes and 20,000 sessions they cost more than the page's own list)."""

    def build():
        default = Locale.get_default()
        topics = Topic.objects.filter(locale__in={locale.pk, default.pk})
        originals = [t for t in topics if t.locale_id == default.pk]
        linked = ProgrammePage.objects.filter(
            Exists(
                CalendarPage.programmes.through.objects.filter(
                    programmepage_id=OuterRef("pk"), calendarpage__live=True
                )
            )
        ).only("slug", "title", "translation_key", "locale_id")
        programmes = {p.translation_key: p for p in localize_pages(list(linked), locale)}
        districts = District.objects.filter(
            Exists(Session.objects.filter(place__district=OuterRef("pk")))
        ).order_by("name")
        return {
            "topics": [
                (t.slug, t.name)
                for t in sorted(localize_all(originals, locale), key=lambda t: t.name.casefold())
            ],
            "districts": [(d.slug, d.name) for d in districts],
            "programmes": [
                (p.slug, p.title)
                for p in sorted(programmes.values(), key=lambda p: p.title.casefold())
            ],
        }

    return cached("calendar-choices", [locale.language_code], build)


@dataclass
class Entry:
    """A session as the calendar shows it: the page in the visitor's language, the place."""

    session: Session
    page: CalendarPage
    place: Place | None
    is_fallback: bool
    reason: str = ""

    @property
    def starts_at(self):
        return timezone.localtime(self.session.starts_at, LOCAL_TZ)

    @property
    def ends_at(self):
        return timezone.localtime(self.session.ends_at, LOCAL_TZ)

    @property
    def is_cancelled(self):
        return self.session.is_cancelled

    @property
    def is_multi_day(self):
        return self.starts_at.date() != self.ends_at.date()


# What the feeds read of a session: 20,000 model instances took a third of a full feed's time.
ROW_FIELDS = (
    "pk",
    "page_id",
    "place_id",
    "uid",
    "starts_at",
    "ends_at",
    "updated_at",
    "sequence",
    "status",
    "schedule_key",
    "is_moved",
    "exception_key",
)


TIME_FIELDS = ("starts_at", "ends_at", "updated_at")


class SessionRow:
    """A session as plain values, for feeds (``session_rows``); reads like a ``Session``."""

    __slots__ = ROW_FIELDS

    def __init__(self, values):
        for name, value in zip(ROW_FIELDS, values, strict=True):
            if name in TIME_FIELDS and value is not None:
                value = datetime.fromisoformat(value)
                if value.tzinfo is None:  # SQLite keeps UTC without an offset
                    value = value.replace(tzinfo=UTC)
            setattr(self, name, value)

    @property
    def is_cancelled(self):
        return self.status == Session.Status.CANCELLED


def session_rows(sessions):
    """The sessions as ``SessionRow``s. Times are read as text and parsed by
    ``datetime.fromisoformat``: Django's loader for PostgreSQL's timestamptz runs in Python,
    and three times per session took a fifth of a full feed's time."""
    texts = {f"{name}_text": Cast(name, CharField()) for name in TIME_FIELDS}
    columns = [f"{name}_text" if name in TIME_FIELDS else name for name in ROW_FIELDS]
    return [SessionRow(values) for values in sessions.annotate(**texts).values_list(*columns)]


def localized_places(ids, locale, loaded=None):
    """``{place id: the place in locale, or the German one}``: at most two queries (none for
    places already ``loaded`` in ``locale``)."""
    loaded = loaded or {}
    missing = set(ids) - loaded.keys()
    originals = [*loaded.values(), *(Place.objects.filter(pk__in=missing) if missing else [])]
    mapping = localized_map(originals, locale)
    return {place.pk: mapping[place.translation_key] for place in originals}


def entries_for(sessions, locale, known=()):
    """Calendar entries for these sessions (``Session``s or ``SessionRow``s) in ``locale``:
    at most four queries for any number. ``known``: calendar pages already loaded (a page
    and its source, on their own page), which are not read again."""
    sessions = list(sessions)
    if not sessions:
        return []
    known = {page.pk: page for page in known}
    loaded_places = {}
    for session in sessions:  # what a queryset's select_related("page", "place") brought
        if isinstance(session, Session) and Session.page.is_cached(session):
            known.setdefault(session.page_id, session.page)
        if isinstance(session, Session) and session.place_id and Session.place.is_cached(session):
            loaded_places[session.place_id] = session.place
    sources = {s.page_id for s in sessions}
    pages = {pk: known[pk] for pk in sources & known.keys()}
    if missing := sources - pages.keys():
        pages.update(
            (p.pk, p) for p in CalendarPage.objects.filter(pk__in=missing).select_related("locale")
        )
    translated = {
        p.translation_key: p for p in known.values() if p.locale_id == locale.pk and p.live
    }
    foreign = [
        p.translation_key
        for p in pages.values()
        if p.locale_id != locale.pk and p.translation_key not in translated
    ]
    if foreign:
        translated.update(
            (p.translation_key, p)
            for p in CalendarPage.objects.filter(
                translation_key__in=foreign, locale=locale, live=True
            ).select_related("locale")
        )
    places = localized_places({s.place_id for s in sessions if s.place_id}, locale, loaded_places)
    reasons = exception_reasons({s.exception_key for s in sessions if s.exception_key}, locale)
    entries = []
    for session in sessions:
        source = pages[session.page_id]
        page = translated.get(source.translation_key, source)
        place = places.get(session.place_id)
        entries.append(
            Entry(
                session,
                page,
                place,
                is_fallback=in_other_language(page, locale),
                reason=reasons.get(session.exception_key, ""),
            )
        )
    return entries


def exception_reasons(keys, locale):
    """``{exception translation key: reason}`` in ``locale`` where translated, else German."""
    if not keys:
        return {}
    default = Locale.get_default()
    found = list(
        CourseException.objects.filter(translation_key__in=keys, locale__in={locale.pk, default.pk})
    )
    reasons = {e.translation_key: e.reason for e in found if e.locale_id == default.pk}
    reasons.update(
        {e.translation_key: e.reason for e in found if e.locale_id == locale.pk and e.reason}
    )
    return reasons


@dataclass
class Day:
    day: date
    entries: list = field(default_factory=list)
    in_month: bool = True


class CalendarQuery:
    """The calendar's filters and the sessions they select, for one calendar page."""

    def __init__(self, index_page, params, strict=False):
        """``strict`` (feeds): a well-formed value that names nothing still filters, and so
        selects nothing (see ``feed_filter_problems`` for the malformed ones)."""
        self.index_page = index_page
        self.params = params
        self.locale = index_page.locale
        self.source_index = source_of(index_page)
        self.form = CalendarForm(params, **filter_choices(self.locale))
        self.filters = self.form.valid_filters()
        self.dropped = self.form.dropped()
        if strict:
            for name in self.form.errors:
                value = params.get(name, "")
                if value and FEED_FILTER_SHAPES[name](value):
                    self.filters[name] = value
            self.dropped = []

    def sessions(self):
        return apply_filters(Session.objects.on_live_pages(below=self.source_index), self.filters)

    def upcoming(self, now=None):
        return self.sessions().upcoming(now or timezone.now())

    def past_events(self, now=None):
        return (
            self.sessions()
            .filter(key="event", ends_at__lt=now or timezone.now())
            .order_by("-starts_at", "-pk")
        )

    def for_feed(self, now=None):
        since = (now or timezone.now()) - FEED_HISTORY
        return self.sessions().filter(ends_at__gte=since)

    def in_month(self, first_day):
        start = datetime.combine(first_day, datetime.min.time(), LOCAL_TZ)
        following = (first_day.replace(day=28) + timedelta(days=4)).replace(day=1)
        end = datetime.combine(following, datetime.min.time(), LOCAL_TZ)
        return self.sessions().filter(starts_at__lt=end, ends_at__gte=start)

    def month_grid(self, first_day, entries):
        """Weeks of days (Monday first) covering the month, each day with its entries."""
        weeks = pycalendar.Calendar(firstweekday=0).monthdatescalendar(
            first_day.year, first_day.month
        )
        days = {day: Day(day, in_month=day.month == first_day.month) for w in weeks for day in w}
        for entry in entries:
            day = entry.starts_at.date()
            last = min(entry.ends_at.date(), weeks[-1][-1])
            while day <= last:
                if day in days:
                    days[day].entries.append(entry)
                day += timedelta(days=1)
        return [[days[day] for day in week] for week in weeks]

    # --- presentation helpers ------------------------------------------------------------
    @property
    def active_filters(self):
        return self.form.active(self.filters, self.params)

    def query_without(self, *names):
        params = self.params.copy()
        for name in names:
            params.pop(name, None)
        return params.urlencode()

    def filter_query(self):
        """The valid filters only, as a query string (for feeds and links)."""
        return "&".join(f"{name}={value}" for name, value in sorted(self.filters.items()))


def parse_month(value, today):
    """``YYYY-MM`` as the first day of that month, or None if malformed or out of range."""
    try:
        year, month = (int(part) for part in value.split("-"))
        first = date(year, month, 1)
    except (ValueError, TypeError):
        return None
    months = (first.year - today.year) * 12 + first.month - today.month
    if not -MONTHS_BACK <= months <= MONTHS_AHEAD:
        return None
    return first


def shift_month(first_day, delta):
    month = first_day.month - 1 + delta
    return date(first_day.year + month // 12, month % 12 + 1, 1)
