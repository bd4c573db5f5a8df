"""The calendar's list and month views, the archive, and the iCal files."""

from itertools import groupby

from django.core.paginator import Paginator
from django.http import Http404, HttpResponseBadRequest
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from wagtail.models import Page

from core.cache import normalised_query
from core.filters import ResultsPage
from core.i18n import absolute_url
from events.calendar import (
    PAGE_SIZE,
    CalendarQuery,
    entries_for,
    feed_filter_problems,
    parse_month,
    session_rows,
    shift_month,
    source_of,
)
from events.feeds import FeedBuilder, feed_response
from events.ics import FeedWriter, conference_parts
from events.models import CalendarPage, EventIndexPage, EventPage, Session


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


def archive_context(index, request):
    query = CalendarQuery(index, request.GET)
    paginator = Paginator(query.past_events(), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    entries = entries_for(page.object_list, index.locale)
    with_results = set(
        EventPage.objects.filter(pk__in=[e.page.pk for e in entries])
        .filter(forums__results__gt="")
        .values_list("pk", flat=True)
    ) | set(
        EventPage.objects.filter(pk__in=[e.page.pk for e in entries])
        .exclude(results_introduction="")
        .values_list("pk", flat=True)
    )
    for entry in entries:
        entry.has_results = entry.page.pk in with_results
    return {
        "calendar": query,
        "paginator": paginator,
        "results_page": page,
        "entries": entries,
        "page_query": query.query_without("page"),
    }


@require_safe
def ics_view(request, path, name):
    """``<calendar>/feed.ics`` (with its filters), ``<event or course>/calendar.ics`` (the
    "add to calendar" file) and ``<conference>/timetable.ics`` (its agenda and forums).
    Wagtail's page URLs cannot hold a dot, so these live beside them."""
    page = Page.find_for_request(request, path)
    if page is None or not page.live or page.get_view_restrictions().exists():
        raise Http404
    page = page.specific
    if name == "feed" and isinstance(page, EventIndexPage):
        return calendar_feed(page, request)
    if name == "calendar" and isinstance(page, CalendarPage):
        return page_feed(page, request)
    if name == "timetable" and isinstance(page, EventPage):
        return timetable_feed(page, request)
    raise Http404


def _builder(request, *, name, description, page):
    return FeedBuilder(
        name=name,
        description=description,
        language=page.locale.language_code,
        url=absolute_url(page, request),
    )


def _url_for(request):
    return lambda page: absolute_url(page, request)


def calendar_feed(index, request):
    problems = feed_filter_problems(request.GET)
    if problems:
        # A subscriber must never silently be given everything for a filter it mistyped.
        return HttpResponseBadRequest(
            "\n".join(str(problem) for problem in problems) + "\n",
            content_type="text/plain; charset=utf-8",
        )
    query = CalendarQuery(index, request.GET, strict=True)
    name = index.title
    if query.filters:
        labels = ", ".join(str(item["label"]) for item in query.active_filters.values())
        name = f"{name}: {labels}"

    def render():
        builder = _builder(
            request,
            name=name,
            description=_("Events and course sessions of Frühe Hilfen, early help for families"),
            page=index,
        )
        writer = FeedWriter(builder, _url_for(request), split_days=True)
        writer.add_entries(entries_for(session_rows(query.for_feed()), index.locale))
        return builder.render()

    identity = ("feed", request.path, index.locale.language_code, query.filter_query())
    return feed_response(request, identity, render)


def page_feed(page, request):
    """The "add to calendar" file: every session of a course; an event as one entry per
    day it runs (its timetable and forums are ``timetable.ics``)."""
    source = source_of(page)

    def render():
        builder = _builder(request, name=page.title, description=page.teaser, page=page)
        writer = FeedWriter(builder, _url_for(request), split_days=True)
        sessions = Session.objects.filter(page=source)
        writer.add_entries(entries_for(sessions, page.locale, known={page, source}))
        return builder.render()

    return feed_response(request, ("calendar", request.path, page.locale.language_code), render)


def timetable_feed(page, request):
    """A conference's agenda items and forums, each an entry of its own, for those who want
    the whole programme in their calendar."""
    parts = conference_parts(page)
    if not parts:
        raise Http404

    def render():
        builder = _builder(
            request,
            name=_("Timetable: %(title)s") % {"title": page.title},
            description=page.teaser,
            page=page,
        )
        FeedWriter(builder, _url_for(request)).add_parts(page, parts)
        return builder.render()

    return feed_response(request, ("timetable", request.path, page.locale.language_code), render)
