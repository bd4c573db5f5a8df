"""The admin's dashboard as an editor sees it each morning (``editorial.dashboard``).

Every test reads the dashboard's HTML as the browser gets it: the upcoming events with their
counts (and the link to the names only for the organisers), the chart and its table, the
pages waiting for review, the outdated translations and the stale offers; and the number of
queries, which does not grow with the number of events.
"""

from datetime import time, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.translation import gettext
from wagtail.models import Page, Workflow
from wagtail.test.utils import WagtailTestUtils

from editorial import dashboard
from editorial.groups import EDITORS, ORGANISERS, PRESS, TRANSLATORS, WORKFLOW, setup
from events.tests.conftest import calendar_site, make_course, make_event, weekly  # noqa: F401
from localization.tests.helpers import localize
from programmes.models import ProgrammePage
from registrations.models import ConsentVersion, Registration
from tests.factories import ProgrammeIndexPageFactory, ProgrammePageFactory

URL = "/admin/"


def german(message):
    """A message as the German admin shows it (English until it is translated)."""
    with translation.override("de"):
        return gettext(message)


def soup(response):
    assert response.status_code == 200
    return WagtailTestUtils.get_soup(response.content.decode())


def text(element):
    return " ".join(element.get_text(" ").split())


def register(page, status=Registration.Status.BOOKED, days_ago=0, n=1):
    consent = ConsentVersion.for_text("Ich bin einverstanden.")
    now = timezone.now()
    made = []
    for _ in range(n):
        made.append(
            Registration.objects.create(
                page=page,
                status=status,
                name="Erika Mustermann",
                email=f"person-{Registration.objects.count()}@example.org",
                language="de",
                consent=consent,
                email_confirmed_at=now,
            )
        )
    if days_ago:
        Registration.objects.filter(pk__in=[r.pk for r in made]).update(
            created_at=now - timedelta(days=days_ago)
        )
    return made


@pytest.fixture
def events(calendar_site, groups):  # noqa: F811
    """Events starting within the next hours (before any of the demo's), taking
    registrations; the groups set up again so that they reach the test's own site."""

    def make(count, **fields):
        made = []
        for number in range(count):
            start = timezone.now().replace(microsecond=0) + timedelta(hours=1, minutes=number)
            made.append(
                make_event(
                    calendar_site,
                    start,
                    start + timedelta(hours=3),
                    registration_enabled=True,
                    registration_capacity=10,
                    waiting_list=True,
                    title=fields.pop("title", f"Elterncafé {number:02d}"),
                    **fields,
                )
            )
        setup()
        return made

    return make


def event_row(html, page):
    return html.select_one(f"#portal-upcoming-section tr[data-page='{page.pk}']")


def test_event_shows_booked_of_places_waiting_and_places_left(login, events):
    page = events(1, title="Fachtag Bindung")[0]
    register(page, n=3)
    register(page, status=Registration.Status.WAITING)
    register(page, status=Registration.Status.CANCELLED)  # frees its place, not counted

    html = soup(login(EDITORS).get(URL))
    row = event_row(html, page)
    assert row is not None
    assert "Fachtag Bindung" in text(row)
    assert text(row.select_one("[data-booked]")) == "3 / 10"
    assert text(row.select_one("[data-waiting]")) == "1"
    assert text(row.select_one("[data-left]")) == "7"
    assert row.select_one("a")["href"] == f"/admin/pages/{page.pk}/edit/"


def test_full_event_is_marked_in_words(login, events):
    page = events(1)[0]
    register(page, n=10)
    register(page, status=Registration.Status.WAITING, n=2)

    row = event_row(soup(login(EDITORS).get(URL)), page)
    assert text(row.select_one("[data-booked]")) == "10 / 10"
    assert text(row.select_one("[data-left]")) == "Ausgebucht"
    assert text(row.select_one("[data-waiting]")) == "2"


def test_redaktion_sees_counts_but_no_link_to_the_names(login, events):
    page = events(1)[0]
    register(page, n=2)

    html = soup(login(EDITORS).get(URL))
    assert text(event_row(html, page).select_one("[data-booked]")) == "2 / 10"
    assert not html.select("#portal-upcoming-section a[href*='/admin/registrations/']")
    assert "Erika Mustermann" not in html.decode()


def test_organisers_get_the_registrations_filtered_for_the_event(login, events):
    page = events(1)[0]
    register(page, n=2)

    client = login(ORGANISERS)
    row = event_row(soup(client.get(URL)), page)
    link = row.select_one("a[href*='/admin/registrations/']")
    assert link["href"] == f"/admin/registrations/?page={page.pk}"
    listing = client.get(link["href"])
    assert listing.status_code == 200
    assert "Erika Mustermann" in listing.content.decode()
    assert "Erika Mustermann" not in soup(client.get(URL)).decode()  # counts only here


def test_press_and_translators_get_no_event_panel(login, events):
    events(1)
    for group in (PRESS, TRANSLATORS):
        assert soup(login(group).get(URL)).select_one("#portal-upcoming-section") is None


def test_chart_is_an_image_with_a_table_of_the_same_numbers(login, events):
    first, second = events(2, title="Kurs A")
    register(first, days_ago=20, n=2)
    register(first, n=3)
    register(second, status=Registration.Status.WAITING, days_ago=3)

    html = soup(login(EDITORS).get(URL))
    panel = html.select_one("#portal-chart-section")
    svg = panel.select_one("svg.portal-chart__svg")
    assert svg["role"] == "img"
    assert html.select_one(f"#{svg['aria-labelledby']}").name == "title"
    desc = html.select_one(f"#{svg['aria-describedby']}")
    assert desc.name == "desc"
    assert f"{first.title}: 5" in text(desc)
    labels = [text(label) for label in svg.select(".portal-chart__label")]
    assert f"{first.title}: 5" in labels
    assert f"{second.title}: 1" in labels
    # Told apart without colour: each line its own dash pattern.
    dashes = [line.get("stroke-dasharray", "") for line in svg.select(".portal-chart__line")]
    assert len(set(dashes)) == len(dashes) == 2

    table = panel.select_one("details table")
    assert text(panel.select_one("details summary")) == german("Show as table")
    heads = [text(th) for th in table.select("thead th")][1:]
    assert heads == [first.title, second.title]
    rows = [[text(cell) for cell in tr.select("th, td")] for tr in table.select("tbody tr")]
    assert len(rows) == dashboard.CHART_WEEKS + 1
    assert rows[0][1:] == ["0", "0"]  # eight weeks ago
    assert rows[-2][1:] == ["2", "0"]  # a week ago (the waiting one came 3 days ago)
    assert rows[-1][1:] == ["5", "1"]  # today: the same numbers as the labels


def test_chart_with_no_registrations_at_all(login, events):
    events(2)
    panel = soup(login(EDITORS).get(URL)).select_one("#portal-chart-section")
    assert german("No registrations have come in yet for these events.") in text(panel)
    rows = [[text(c) for c in tr.select("td")] for tr in panel.select("details tbody tr")]
    assert rows and all(values == ["0"] * len(values) for values in rows)


@pytest.fixture
def programme(demo_site):
    return ProgrammePage.objects.filter(locale__language_code="de").order_by("path").first()


def test_outdated_translation_appears_with_its_language_and_links(login, programme):
    client = login(EDITORS)
    Page.objects.filter(
        translation_key=programme.translation_key, locale__language_code="tr"
    ).delete()
    record, translated = localize(programme, "tr", client.user)
    panel = soup(client.get(URL)).select_one("#portal-outdated-section")
    assert programme.title not in text(panel)

    programme.title = "Elternbegleitung, neu beschrieben"
    programme.save_revision(user=client.user).publish(user=client.user)
    panel = soup(client.get(URL)).select_one("#portal-outdated-section")
    row = next(
        tr
        for tr in panel.select("tbody tr")
        if programme.title in text(tr) and tr.select_one("span[lang='tr']")
    )
    assert "Türkçe" in text(row)
    assert timezone.localdate().strftime("%d.%m.%Y") in text(row)
    hrefs = [a["href"] for a in row.select("a")]
    assert f"/admin/pages/{translated.pk}/edit/" in hrefs
    assert "/admin/reports/translation-status/?language=tr" in hrefs


def test_stale_offer_appears_and_a_fresh_one_does_not(login, groups):
    home = Page.objects.filter(depth=2, locale__language_code="de").first()
    index = ProgrammeIndexPageFactory(parent=home, slug="alte-angebote")
    stale = ProgrammePageFactory(parent=index, title="Babylotsen (alt)")
    fresh = ProgrammePageFactory(parent=index, title="Familienhebammen (frisch)")
    long_ago = timezone.now() - timedelta(days=400)
    ProgrammePage.objects.filter(pk=stale.pk).update(last_published_at=long_ago)
    ProgrammePage.objects.filter(pk=fresh.pk).update(last_published_at=timezone.now())
    ProgrammePage.objects.filter(locale__language_code="de").exclude(
        pk__in=[stale.pk, fresh.pk]
    ).update(last_published_at=timezone.now())

    panel = soup(login(EDITORS).get(URL)).select_one("#portal-stale-section")
    assert "Babylotsen (alt)" in text(panel)
    assert long_ago.astimezone(timezone.get_current_timezone()).strftime("%d.%m.%Y") in text(panel)
    assert "Familienhebammen (frisch)" not in text(panel)
    assert panel.select_one(f"a[href='/admin/pages/{stale.pk}/edit/']")


def test_page_waiting_for_review_names_who_submitted_it(login, programme):
    press = login(PRESS)
    press.user.first_name, press.user.last_name = "Paula", "Presse"
    press.user.save()
    workflow = Workflow.objects.get(name=WORKFLOW)
    revision = programme.save_revision(user=press.user)
    workflow.start(programme, press.user)
    del revision

    panel = soup(login(EDITORS).get(URL)).select_one("#portal-reviews-section")
    row = next(tr for tr in panel.select("tbody tr") if programme.title in text(tr))
    assert "Paula Presse" in text(row)
    assert timezone.localdate().strftime("%d.%m.%Y") in text(row)
    assert row.select_one(f"a[href='/admin/pages/{programme.pk}/edit/']")
    # Wagtail's own "Awaiting your review" is replaced, not shown twice.
    assert soup(login(EDITORS).get(URL)).select_one("#awaiting-review-section") is None


def queries_for(client):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(URL)
    assert response.status_code == 200
    # A copy: the next request empties the connection's log that ``captured`` reads.
    return [query["sql"] for query in captured.captured_queries]


@pytest.mark.parametrize("group", [ORGANISERS, EDITORS])
def test_query_count_does_not_grow_with_the_number_of_events(login, events, group):
    few = events(2)
    for page in few:
        register(page, n=2)
        register(page, status=Registration.Status.WAITING)
    client = login(group)
    queries_for(client)  # caches warm (content types, sites)
    small = queries_for(client)

    more = events(10)
    for page in more:
        register(page, n=2, days_ago=5)
        register(page, status=Registration.Status.WAITING)
    large = queries_for(client)
    html = soup(client.get(URL))
    assert len(html.select("#portal-upcoming-section tbody tr")) == dashboard.UPCOMING_LIMIT
    assert len(small) == len(large), "\n".join(sql[:200] for sql in large)


def test_a_course_with_groups_counts_the_places_of_its_groups(login, calendar_site, groups):  # noqa: F811
    day = timezone.localdate() + timedelta(days=3)
    course = make_course(
        calendar_site,
        title="wir2 in zwei Gruppen",
        registration_enabled=True,
        schedules=[
            {
                "first_date": day,
                "start_time": time(18),
                "recurrence": weekly(count=4),
                "capacity": 12,
            },
            {
                "first_date": day,
                "start_time": time(9),
                "recurrence": weekly(count=4),
                "capacity": 12,
            },
        ],
    )
    setup()
    register(course, n=3)
    html = soup(login(ORGANISERS).get(URL))
    assert "3 / 24" in text(event_row(html, course))
