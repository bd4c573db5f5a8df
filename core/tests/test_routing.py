"""Addresses find the same page as Wagtail's slug-by-slug walk, private pages stay private,
in fewer queries (``core.routing``)."""

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, Page, PageViewRestriction

from core.routing import ViewRestrictionsInOneQuery, view_restrictions
from events.models import EventPage
from home.models import ContentPage
from press.models import PressReleasePage
from tests.factories import ContentPageFactory, HomePageFactory, OwnSiteFactory

PORTAL_APPS = {"home", "programmes", "events", "press"}


def served(client, url):
    response = client.get(url)
    return response.status_code, response.get("Location", "")


def an_event():
    return EventPage.objects.live().filter(locale__language_code="de").first()


def test_every_page_type_reads_its_restrictions_in_one_query():
    page_types = [
        model
        for model in apps.get_models()
        if issubclass(model, Page) and model._meta.app_label in PORTAL_APPS
    ]
    assert len(page_types) >= 10
    missing = [m.__name__ for m in page_types if not issubclass(m, ViewRestrictionsInOneQuery)]
    assert missing == []


def content(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_pages_at_every_depth_and_sub_addresses_are_found(client, demo):
    event = an_event()
    imprint = Page.objects.get(slug="impressum", locale__language_code="de")
    assert f"<h1>{imprint.title}</h1>" in content(client, "/de/impressum/")
    calendar = event.get_parent()
    assert f"<h1>{calendar.title}</h1>" in content(client, "/de/kalender/")
    assert f"<h1>{event.title}</h1>" in content(client, event.url)
    assert event.title in content(client, "/de/kalender/archive/")  # a past conference
    feed = client.get("/de/kalender/feed.ics")
    assert feed["Content-Type"].startswith("text/calendar")
    assert b"BEGIN:VCALENDAR" in feed.content
    release = PressReleasePage.objects.live().filter(locale__language_code="de").first()
    assert release.title in content(client, "/de/presse/feed/rss/")


@pytest.mark.parametrize(
    "url",
    ["/de/gibt-es-nicht/", "/de/impressum/gibt-es-nicht/", "/de/kalender/gibt-es-nicht/"],
)
def test_unknown_addresses_are_404(client, demo, url):
    assert client.get(url).status_code == 404


def test_a_draft_is_404_and_its_live_children_still_found(client, demo):
    event = an_event()
    calendar = event.get_parent()
    Page.objects.filter(pk=calendar.pk).update(live=False)
    assert client.get("/de/kalender/").status_code == 404
    assert f"<h1>{event.title}</h1>" in content(client, event.url)  # as in Wagtail's walk


def test_a_page_below_a_login_restriction_asks_for_a_login(client, demo):
    event = an_event()
    PageViewRestriction.objects.create(page=event.get_parent(), restriction_type="login")
    for url in [event.url, "/de/kalender/", "/de/kalender/archive/"]:
        status, location = served(client, url)
        assert status == 302 and "login" in location, url
    assert client.get("/de/impressum/").status_code == 200


def test_a_restriction_on_the_home_page_covers_every_page(client, demo):
    PageViewRestriction.objects.create(
        page=Page.objects.get(slug="impressum", locale__language_code="de").get_parent(),
        restriction_type="login",
    )
    assert served(client, "/de/impressum/")[0] == 302
    assert served(client, an_event().url)[0] == 302


def test_a_password_restriction_shows_the_password_form(client, demo):
    event = an_event()
    PageViewRestriction.objects.create(page=event, restriction_type="password", password="x1")
    response = client.get(event.url)
    assert response.status_code == 200
    assert 'name="password"' in response.content.decode()


def test_an_alias_has_the_restrictions_of_its_source(client, demo):
    imprint = Page.objects.get(slug="impressum", locale__language_code="de").specific
    PageViewRestriction.objects.create(page=imprint, restriction_type="login")
    alias = imprint.create_alias(update_slug="impressum-kopie")
    assert served(client, "/de/impressum-kopie/")[0] == 302
    assert set(view_restrictions(alias)) == set(Page.get_view_restrictions(alias))


def test_one_query_finds_what_wagtail_finds(demo):
    event = an_event()
    PageViewRestriction.objects.create(page=event.get_parent(), restriction_type="login")
    PageViewRestriction.objects.create(page=event, restriction_type="password", password="x")
    for page in [
        event,
        event.get_parent(),
        Page.objects.get(slug="impressum", locale__language_code="de"),
    ]:
        with CaptureQueriesContext(connection) as queries:
            ours = set(view_restrictions(page))
        assert len(queries) == 1
        assert ours == set(Page.get_view_restrictions(page))


def test_an_event_is_routed_with_one_query_over_pages_and_none_for_restrictions(
    client, demo, settings
):
    settings.PAGE_CACHE_SECONDS = 0
    url = an_event().url
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert f"<h1>{an_event().title}</h1>" in client.get(url).content.decode()
    sql = [q["sql"] for q in queries]
    by_address = [s for s in sql if '"url_path" IN' in s]
    slug_walk = [s for s in sql if '"wagtailcore_page"."slug" =' in s]
    restriction_reads = [s for s in sql if s.lstrip().startswith('SELECT "wagtailcore_pageview')]
    assert len(by_address) == 1
    assert slug_walk == []  # Wagtail's walk is not taken
    assert restriction_reads == []  # answered by the routing query


def main_nav(html):
    return html.split('class="main-nav"', 1)[1].split("</nav>", 1)[0]


@pytest.mark.parametrize("url", ["/de/", "/de/impressum/"])
def test_the_menu_read_with_the_route_leaves_out_private_pages(client, demo, url):
    calendar = Page.objects.get(slug="kalender", locale__language_code="de")
    assert 'href="/de/kalender/"' in main_nav(client.get(url).content.decode())
    PageViewRestriction.objects.create(page=calendar, restriction_type="login")
    nav = main_nav(client.get(url).content.decode())
    assert 'href="/de/kalender/"' not in nav
    assert 'href="/de/angebote/"' in nav


def test_the_language_menu_read_with_the_route_offers_only_public_translations(client, demo):
    turkish = ContentPage.objects.live().filter(locale__language_code="tr").first()
    german = turkish.get_translation(Locale.objects.get(language_code="de"))
    assert f'href="{turkish.url}"' in client.get(german.url).content.decode()
    PageViewRestriction.objects.create(page=turkish, restriction_type="login")
    assert f'href="{turkish.url}"' not in client.get(german.url).content.decode()


def test_a_site_whose_root_is_in_another_language_is_served_as_wagtail_serves_it(client, demo):
    """Under /de/ the root is taken to be the German home; where it is not (and has no
    German translation), Wagtail's answer holds: the root itself."""
    english_home = HomePageFactory(title="Welcome", locale=Locale.objects.get(language_code="en"))
    OwnSiteFactory(root_page=english_home)
    about = ContentPageFactory(parent=english_home, title="About us", slug="about")
    assert "<title>Welcome" in content(client, "/de/")
    assert "About us" in content(client, f"/de/{about.slug}/")


def test_the_home_in_another_language_shows_its_hero_link_in_that_language(client, demo):
    turkish_home = Page.objects.get(depth=2, locale__language_code="tr").specific
    target = turkish_home.hero_link_page
    assert target.locale.language_code == "de"  # chosen on the German page, kept as it is
    in_turkish = target.get_translation(Locale.objects.get(language_code="tr"))
    html = content(client, "/tr/")
    assert f'class="button button--primary" href="{in_turkish.url}"' in html


def test_the_homes_sections_find_the_german_pages_without_a_query_each(client, demo, settings):
    """The Turkish home lists calendar dates, offers and releases that the German pages
    own: routing read the German home's children with its own (``remember_pages``)."""
    settings.PAGE_CACHE_SECONDS = 0
    settings.FRAGMENT_CACHE_SECONDS = 0
    client.get("/tr/")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/tr/").status_code == 200
    german = Locale.objects.get(language_code="de")
    lookups = [
        q["sql"]
        for q in queries
        if f'"wagtailcore_page"."locale_id" = {german.pk}' in q["sql"]
        and '"translation_key" =' in q["sql"]
    ]
    assert lookups == []
