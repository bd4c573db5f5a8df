"""The calendar's parts of other pages: upcoming dates on the home page, and a programme's
courses and events on its page."""

from django.utils import timezone

from core.i18n import absolute_url, source_of
from core.pages import first_child_of_type, localized_home
from core.sections import page_section
from events.models import EventIndexPage, Session
from events.queries import entries_for

HOME_COUNT = 4
PROGRAMME_COUNT = 6


@page_section("home", order=20)
def upcoming_events(home, request):
    index = first_child_of_type(home, EventIndexPage)
    if index is None:
        return None
    source = source_of(index)
    sessions = (
        Session.objects.on_live_pages(below=source)
        .upcoming(timezone.now())
        .filter(status=Session.Status.SCHEDULED)
        .select_related("page__locale", "place")[:HOME_COUNT]
    )
    entries = entries_for(sessions, home.locale)
    if not entries:
        return None
    return {"template": "events/sections/upcoming.html", "index": index, "entries": entries}


@page_section("programme", order=10)
def programme_dates(programme, request):
    """Each course or event of the programme with its next date, soonest first."""
    source = source_of(programme)
    upcoming = (
        Session.objects.on_live_pages()
        .upcoming(timezone.now())
        .filter(page__programmes=source)
        .order_by("starts_at", "pk")
    )
    first_per_page = {}
    for session in upcoming[:200]:
        first_per_page.setdefault(session.page_id, session)
        if len(first_per_page) >= PROGRAMME_COUNT:
            break
    entries = entries_for(list(first_per_page.values()), programme.locale)
    home = localized_home(request)
    if home is not None and home.locale_id == programme.locale_id:
        index = first_child_of_type(home, EventIndexPage)  # read with the route already
    else:
        index = EventIndexPage.objects.filter(locale=programme.locale).live().first()
    feed_url = None
    if index is not None:
        feed_url = absolute_url(index, request) + f"feed.ics?programme={programme.slug}"
    if not entries:
        return None
    return {
        "template": "events/sections/programme_dates.html",
        "entries": entries,
        "index": index,
        "feed_url": feed_url,
        "programme": programme,
    }
