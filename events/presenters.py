"""What the calendar's pages show: the list and month views, the archive, and an event's or
course's page, each loaded in a fixed number of queries."""

from collections import OrderedDict
from itertools import groupby

from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import get_language

from core.cache import cached, normalised_query
from core.filters import ResultsPage
from core.i18n import absolute_url, localize_all, localized_rows, source_of
from core.jsonld import json_ld_script
from core.sections import sections_for
from events.models import EventPage, EventStatus, Session
from events.queries import (
    PAGE_SIZE,
    CalendarQuery,
    entries_for,
    localized_places,
    parse_month,
    shift_month,
)
from events.timetable import in_language, with_people

SCHEMA_STATUS = {
    EventStatus.SCHEDULED: "https://schema.org/EventScheduled",
    EventStatus.CANCELLED: "https://schema.org/EventCancelled",
    EventStatus.POSTPONED: "https://schema.org/EventPostponed",
    EventStatus.MOVED_ONLINE: "https://schema.org/EventMovedOnline",
    EventStatus.FULLY_BOOKED: "https://schema.org/EventScheduled",
}


class CalendarEntryDetail:
    def __init__(self, page, request):
        self.page = page
        self.request = request
        self.is_event = isinstance(page, EventPage)

    @cached_property
    def source(self):
        return source_of(self.page)

    @cached_property
    def entries(self):
        """Every session of the page, in the visitor's language, in order."""
        sessions = Session.objects.filter(page=self.source).select_related("place")
        return entries_for(sessions, self.page.locale, known={self.page, self.source})

    @cached_property
    def upcoming(self):
        now = timezone.now()
        return [entry for entry in self.entries if entry.session.ends_at >= now]

    @cached_property
    def past_count(self):
        return len(self.entries) - len(self.upcoming)

    @cached_property
    def next_entry(self):
        """The next session that takes place: one row, not the course's every date (those
        are rendered in a kept fragment)."""
        if "entries" in self.__dict__:  # every session is loaded already
            now = timezone.now()
            return next(
                (
                    entry
                    for entry in self.entries
                    if entry.session.ends_at >= now
                    and entry.session.status != Session.Status.CANCELLED
                ),
                None,
            )
        sessions = (
            Session.objects.filter(page=self.source, ends_at__gte=timezone.now())
            .exclude(status=Session.Status.CANCELLED)
            .order_by("starts_at", "pk")[:1]
        )
        entries = entries_for(sessions, self.page.locale, known={self.page, self.source})
        return next(iter(entries), None)

    @cached_property
    def place(self):
        return localize_all([self.page.place])[0] if self.page.place_id else None

    @cached_property
    def places(self):
        """Every place the sessions meet at, each once, in the order of the sessions."""
        if "entries" in self.__dict__:  # every session is loaded already, with its place
            in_order = [entry.place for entry in self.entries if entry.place is not None]
        else:
            place_ids = list(
                Session.objects.filter(page=self.source, place__isnull=False)
                .order_by("starts_at", "pk")
                .values_list("place_id", flat=True)
            )
            found = localized_places(set(place_ids), self.page.locale)
            in_order = [found[place_id] for place_id in place_ids]
        seen = OrderedDict()
        for place in in_order:
            seen.setdefault(place.translation_key, place)
        return list(seen.values()) or ([self.place] if self.place else [])

    @cached_property
    def topics(self):
        return localized_rows(self.page.topics.all())

    @cached_property
    def programmes(self):
        return localized_rows(self.page.programmes.live(), self.page.locale)

    @cached_property
    def organisers(self):
        return list(self.page.organisers.select_related("organisation"))

    @cached_property
    def contact(self):
        if self.page.contact_id is None:
            return None
        return localize_all([self.page.contact])[0]

    @cached_property
    def languages(self):
        return list(self.page.languages.all())

    @cached_property
    def sections(self):
        """Slot for other apps, e.g. related press releases."""
        return sections_for("calendar", self.page, self.request)

    # --- conferences ------------------------------------------------------------------
    @cached_property
    def _timetable(self):
        """The agenda and the forums, with their speakers and moderators."""
        if not self.is_event:
            return [], []
        agenda = in_language(self.page, self.source, "agenda_items")
        forums = in_language(self.page, self.source, "forums")
        with_people(agenda, forums)
        return agenda, forums

    @cached_property
    def agenda(self):
        return self._timetable[0]

    @cached_property
    def rounds(self):
        """Each round with its forums, in order."""
        if not self.is_event:
            return []
        forums = self._timetable[1]
        rounds = in_language(self.page, self.source, "rounds")
        for slot in rounds:
            slot.forum_list = [f for f in forums if f.round_number == slot.number]
        return [slot for slot in rounds if slot.forum_list]

    @cached_property
    def results(self):
        """Forums with results as rows, rounds as columns (as conferences publish them)."""
        if not self.is_event:
            return None
        rows = OrderedDict()
        numbers = [slot.number for slot in self.rounds]
        for slot in self.rounds:
            for forum in slot.forum_list:
                row = rows.setdefault(forum.title, {n: [] for n in numbers})
                row[slot.number] = forum.result_lines
        rows = {title: row for title, row in rows.items() if any(row.values())}
        if not rows:
            return None
        return {
            "rounds": self.rounds,
            "rows": [(title, [row[n] for n in numbers]) for title, row in rows.items()],
        }

    @cached_property
    def downloads(self):
        if not self.is_event:
            return []
        return list(self.page.downloads.select_related("document"))

    # --- feeds and structured data ----------------------------------------------------
    @cached_property
    def feed(self):
        url = absolute_url(self.page, self.request) + "calendar.ics"
        return {"url": url, "webcal": "webcal://" + url.split("://", 1)[1]}

    @cached_property
    def timetable_feed(self):
        """The conference's agenda and forums as a calendar file, where it has any."""
        if not (self.agenda or self.rounds):
            return None
        return absolute_url(self.page, self.request) + "timetable.ics"

    def json_ld(self):
        """schema.org data for search engines: with every session of a course, so kept (per
        language and host) until the content changes, a minute at most."""
        parts = [self.page.pk, get_language(), self.request.get_host()]
        data = cached("event-json-ld", parts, self._json_ld_data, 60, request=self.request)
        return json_ld_script(data, self.request)

    def _json_ld_data(self):
        page = self.page
        url = absolute_url(page, self.request)
        first = self.entries[0] if self.entries else None
        last = self.entries[-1] if self.entries else None
        data = {
            "@context": "https://schema.org",
            "@type": "Event",
            "name": page.title,
            "description": page.teaser,
            "url": url,
            "inLanguage": get_language(),
            "eventStatus": SCHEMA_STATUS.get(page.status, SCHEMA_STATUS[EventStatus.SCHEDULED]),
            "eventAttendanceMode": self._attendance_mode(),
        }
        if first is not None:
            data["startDate"] = first.starts_at.isoformat()
            data["endDate"] = last.ends_at.isoformat()
        location = self._locations()
        if location:
            data["location"] = location if len(location) > 1 else location[0]
        if self.organisers:
            data["organizer"] = [
                {"@type": "Organization", "name": o.organisation.name}
                for o in self.organisers
                if not o.is_partner
            ]
        if page.is_free:
            data["isAccessibleForFree"] = True
        if self.languages:
            data["inLanguage"] = [lang.code for lang in self.languages]
        sub_events = self._sub_events(url)
        if sub_events:
            data["subEvent"] = sub_events
        if page.image_id:
            data["image"] = self.request.build_absolute_uri(page.image.file.url)
        return data

    def _attendance_mode(self):
        if self.page.status == EventStatus.MOVED_ONLINE or (
            self.page.online_url and not self.places
        ):
            return "https://schema.org/OnlineEventAttendanceMode"
        if self.page.online_url:
            return "https://schema.org/MixedEventAttendanceMode"
        return "https://schema.org/OfflineEventAttendanceMode"

    def _locations(self):
        locations = [
            {
                "@type": "Place",
                "name": place.name,
                "address": {
                    "@type": "PostalAddress",
                    "streetAddress": place.street,
                    "postalCode": place.postcode,
                    "addressLocality": place.city,
                    "addressCountry": "DE",
                },
            }
            for place in self.places
        ]
        if self.page.online_url:
            locations.append({"@type": "VirtualLocation", "url": self.page.online_url})
        return locations

    def _sub_events(self, url):
        if self.is_event:
            return [
                {
                    "@type": "Event",
                    "name": forum.title,
                    "startDate": slot.starts_at.isoformat(),
                    "endDate": slot.ends_at.isoformat(),
                    "url": url,
                }
                for slot in self.rounds
                for forum in slot.forum_list
            ]
        return [
            {
                "@type": "Event",
                "name": self.page.title,
                "startDate": entry.starts_at.isoformat(),
                "endDate": entry.ends_at.isoformat(),
                "eventStatus": SCHEMA_STATUS[
                    EventStatus.CANCELLED if entry.is_cancelled else EventStatus.SCHEDULED
                ],
                "location": {"@type": "Place", "name": entry.place.name} if entry.place else None,
            }
            for entry in self.upcoming[:20]
        ]


def feed_links(page, request, route, query=""):
    """The https and webcal:// addresses of a page's feed."""
    url = absolute_url(page, request) + route
    if query:
        url += "?" + query
    return {"feed_url": url, "webcal_url": "webcal://" + url.split("://", 1)[1]}


def calendar_context(index, request):
    query = CalendarQuery(index, request.GET)
    context = {
        "calendar": query,
        "view": "list",
        "bad_month": None,
        "list_query": query.query_without("view", "month", "page"),
        "list_key": normalised_query(request),
    }
    context.update(feed_links(index, request, "feed.ics", query.filter_query()))
    if request.GET.get("view") == "month":
        context["view"] = "month"
        today = timezone.localdate()
        first = today.replace(day=1)
        if "month" in request.GET:
            parsed = parse_month(request.GET["month"], today)
            if parsed is None:
                context["bad_month"] = request.GET["month"]
            else:
                first = parsed
        grid = MonthGrid(query, first, index.locale)
        context.update(
            month=first,
            month_grid=grid,
            previous_month=shift_month(first, -1).strftime("%Y-%m"),
            next_month=shift_month(first, 1).strftime("%Y-%m"),
            previous_allowed=parse_month(shift_month(first, -1).strftime("%Y-%m"), today),
            next_allowed=parse_month(shift_month(first, 1).strftime("%Y-%m"), today),
            month_query=query.query_without("month", "page", "view"),
        )
    else:
        context.update(
            listing=ResultsPage(
                query.upcoming(),
                request.GET.get("page"),
                PAGE_SIZE,
                decorate=lambda sessions: by_day(entries_for(sessions, index.locale)),
            ),
            page_query=query.query_without("page"),
        )
    return context


def by_day(entries):
    return [(day, list(items)) for day, items in groupby(entries, lambda e: e.starts_at.date())]


class MonthGrid:
    """A month of the calendar, week by week; computed when asked."""

    def __init__(self, query, first, locale):
        self.query, self.first, self.locale = query, first, locale

    @cached_property
    def entries(self):
        return entries_for(self.query.in_month(self.first), self.locale)

    @cached_property
    def weeks(self):
        return self.query.month_grid(self.first, self.entries)


def with_results_badges(entries):
    """Mark the past events whose page has results (an introduction or a forum's): one query."""
    pks = [entry.page.pk for entry in entries]
    with_results = set(
        EventPage.objects.filter(pk__in=pks)
        .filter(Q(forums__results__gt="") | ~Q(results_introduction=""))
        .values_list("pk", flat=True)
    )
    for entry in entries:
        entry.has_results = entry.page.pk in with_results
    return entries


def archive_context(index, request):
    query = CalendarQuery(index, request.GET)
    return {
        "calendar": query,
        "listing": ResultsPage(
            query.past_events(),
            request.GET.get("page"),
            PAGE_SIZE,
            decorate=lambda sessions: with_results_badges(entries_for(sessions, index.locale)),
        ),
        "page_query": query.query_without("page"),
    }
