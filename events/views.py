"""The calendar's list and month views, the archive, and the iCal feeds."""

import gc
import gzip
import hashlib
from contextlib import contextmanager
from itertools import groupby

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Count, Max
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from wagtail.models import Page

from core.cache import accepts_gzip, cached, normalised_query
from core.filters import ResultsPage
from core.i18n import absolute_url
from events.calendar import (
    PAGE_SIZE,
    CalendarQuery,
    entries_for,
    parse_month,
    session_rows,
    shift_month,
    source_of,
)
from events.feeds import (
    CONTENT_TYPE,
    FeedBuilder,
    feed_version,
    location_text,
    not_modified,
    with_validators,
)
from events.models import CalendarPage, EventIndexPage, EventPage, Session, uid_domain

# Raised whenever the feed's layout changes, so cached copies are not reused.
FEED_FORMAT = 2


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


def _stats(sessions, locale):
    stats = sessions.aggregate(
        count=Count("pk"),
        changed=Max("updated_at"),
        published=Max("page__last_published_at"),
    )
    stats["translated"] = CalendarPage.objects.filter(locale=locale).aggregate(
        latest=Max("last_published_at")
    )["latest"]
    moments = [stats[name] for name in ("changed", "published", "translated") if stats[name]]
    return stats, max(moments) if moments else None


FEED_BODY_SECONDS = 3600


def feed_body_key(request, etag):
    from core.cache import current_generation

    raw = f"{current_generation()}|{request.scheme}|{request.get_host()}|{etag}"
    return "icsfeed:" + hashlib.sha256(raw.encode("utf-8")).hexdigest()


@contextmanager
def collector_paused():
    """Writing a feed of 20,000 sessions makes some 300,000 short-lived objects without
    reference cycles; CPython's cycle collector would scan the growing heap again and again
    meanwhile (a fifth of the time). Paused for the write, it runs as usual afterwards."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _feed_response(request, builder_factory, sessions, locale, key):
    # What the ETag is made of: two aggregates over every session of the feed, kept like a
    # fragment (a minute at most: sessions leave the feed's window as time passes), so a
    # subscriber's poll usually costs no query over the sessions at all.
    parts = [request.get_host(), request.path, locale.language_code, key]
    stats, last_modified = cached("feed-stats", parts, lambda: _stats(sessions, locale), 60)
    etag = feed_version((FEED_FORMAT, locale.language_code, key, sorted(stats.items())))
    # Calendar apps accept gzip: the full feed shrinks from 11 MB to well under one. The
    # compressed feed is a representation of its own, with an ETag of its own.
    gzipped = accepts_gzip(request)
    sent_etag = etag[:-1] + '-gzip"' if gzipped else etag
    response = not_modified(request, sent_etag, last_modified)
    if response is not None:
        patch_vary_headers(response, ("Accept-Encoding",))
        return with_validators(response, sent_etag, last_modified)
    # The written body is kept under the ETag (what the feed is made of) and the page cache's
    # generation (any saved page, place or snippet): a feed of 20,000 sessions takes most of
    # a second to write, a cache read milliseconds.
    body = cache.get(feed_body_key(request, sent_etag))
    if body is None:
        plain_key = feed_body_key(request, etag)
        plain = cache.get(plain_key)
        if plain is None:
            with collector_paused():
                plain = builder_factory(entries_for(session_rows(sessions), locale)).render()
            cache.set(plain_key, plain, FEED_BODY_SECONDS)
        body = plain
        if gzipped:
            body = gzip.compress(plain, compresslevel=6, mtime=0)
            cache.set(feed_body_key(request, sent_etag), body, FEED_BODY_SECONDS)
    response = HttpResponse(body, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = 'inline; filename="calendar.ics"'
    if gzipped:
        response["Content-Encoding"] = "gzip"
    patch_vary_headers(response, ("Accept-Encoding",))
    return with_validators(response, sent_etag, last_modified)


def _add_entry(builder, entry, request, memo):
    """One session as a VEVENT. A feed holds thousands of sessions of a few hundred pages:
    what depends only on the page and place (address, description) is worked out once."""
    page, session, place = entry.page, entry.session, entry.place
    key = (page.pk, place.pk if place is not None else None)
    known = memo.get(key)
    if known is None:
        page_url = absolute_url(page, request)
        known = memo[key] = (
            page_url,
            location_text(place, page.online_url),
            "\n\n".join(note for note in (page.teaser, page_url) if note),
        )
    page_url, location, description = known
    summary = page.title
    if session.is_cancelled:
        summary = _("Cancelled: %(title)s") % {"title": summary}
        if entry.reason:
            reason = _("Cancelled: %(reason)s") % {"reason": entry.reason}
            description = f"{reason}\n\n{description}"
    elif session.is_moved:
        description = f"{_('Moved from its usual date.')}\n\n{description}"
    published = page.last_published_at
    stamp = session.updated_at
    if stamp is None or (published is not None and published > stamp):
        stamp = published
    builder.add(
        uid=session.uid,
        summary=summary,
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        stamp=stamp,
        sequence=session.sequence,
        cancelled=session.is_cancelled,
        description=description,
        location=location,
        url=page_url,
    )


@require_safe
def ics_view(request, path, name):
    """``<page>/feed.ics`` (a calendar, with its filters) and ``<page>/calendar.ics`` (one
    event or course). Wagtail's page URLs cannot hold a dot, so these live beside them."""
    page = Page.find_for_request(request, path)
    if page is None or not page.live or page.get_view_restrictions().exists():
        raise Http404
    page = page.specific
    if name == "feed" and isinstance(page, EventIndexPage):
        return calendar_feed(page, request)
    if name == "calendar" and isinstance(page, CalendarPage):
        return page_feed(page, request)
    raise Http404


def calendar_feed(index, request):
    query = CalendarQuery(index, request.GET)
    sessions = query.for_feed()
    name = index.title
    if query.filters:
        labels = ", ".join(str(item["label"]) for item in query.active_filters.values())
        name = f"{name}: {labels}"

    def build(entries):
        builder = FeedBuilder(
            name=name,
            description=_("Events and course sessions of Frühe Hilfen, early help for families"),
            language=index.locale.language_code,
            url=absolute_url(index, request),
        )
        memo = {}
        for entry in entries:
            _add_entry(builder, entry, request, memo)
        return builder

    return _feed_response(request, build, sessions, index.locale, query.filter_query())


def page_feed(page, request):
    """All dates of one event or course; for a conference also its timetable and forums."""
    page = page.specific
    if not page.live:
        raise Http404
    source = source_of(page)
    sessions = Session.objects.filter(page=source)

    def build(entries):
        builder = FeedBuilder(
            name=page.title,
            description=page.teaser,
            language=page.locale.language_code,
            url=absolute_url(page, request),
        )
        memo = {}
        for entry in entries:
            _add_entry(builder, entry, request, memo)
        if isinstance(page, EventPage):
            _add_conference_parts(builder, page, request)
        return builder

    return _feed_response(
        request, build, sessions, page.locale, f"page:{page.pk}:{page.last_published_at}"
    )


def _add_conference_parts(builder, page, request):
    url = absolute_url(page, request)
    stamp = page.last_published_at or timezone.now()
    cancelled = page.is_cancelled
    location = location_text(page.place, page.online_url)
    for item in page.agenda_items.all():
        builder.add(
            uid=f"agenda.{item.translation_key}@{uid_domain()}",
            summary=item.title,
            starts_at=item.starts_at,
            ends_at=item.ends_at or item.starts_at,
            stamp=stamp,
            cancelled=cancelled,
            description=f"{page.title}\n\n{url}",
            location=", ".join(filter(None, [item.room, location])),
            url=url,
        )
    rounds = {r.number: r for r in page.rounds.all()}
    for forum in page.forums.all():
        slot = rounds.get(forum.round_number)
        if slot is None:
            continue
        builder.add(
            uid=f"forum.{forum.translation_key}@{uid_domain()}",
            summary=f"{slot.title}: {forum.title}",
            starts_at=slot.starts_at,
            ends_at=slot.ends_at,
            stamp=stamp,
            cancelled=cancelled,
            description="\n\n".join(filter(None, [forum.description, page.title, url])),
            location=", ".join(filter(None, [forum.room, location])),
            url=url,
        )
