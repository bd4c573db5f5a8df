"""The iCal files: the calendar's feed, an entry's "add to calendar" file, a conference's
timetable. (What the calendar's pages show is built in ``events.presenters``.)"""

from django.http import Http404, HttpResponseBadRequest
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from django.views.i18n import JavaScriptCatalog
from wagtail.admin.localization import get_localized_response
from wagtail.models import Page

from core.i18n import absolute_url, content_language
from events.feeds import FeedBuilder, feed_response
from events.ics import FeedWriter, conference_parts
from events.models import CalendarPage, EventIndexPage, EventPage, Session
from events.queries import (
    CalendarQuery,
    entries_for,
    feed_filter_problems,
    session_rows,
    source_of,
)


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
        language=content_language(page),
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


_admin_catalogue = JavaScriptCatalog.as_view(packages=["wagtail.admin", "wagtail_localize"])


def admin_javascript_catalogue(request):
    """The admin's JavaScript strings in the editor's language: Wagtail's own and the
    translation editor's, at Wagtail's address. (A catalogue of django-recurrence's widget
    alone at that address, from before the schedule got its own fields, hid Wagtail's:
    "Search" and "Collapse all" stayed English in the German admin.)"""
    return get_localized_response(_admin_catalogue, request)
