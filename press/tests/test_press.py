"""Press releases: the index, a release, feeds as feed readers parse them, and publishing
schedules."""

import json
import re
from datetime import date, timedelta

import feedparser
import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from press.models import PressReleaseIndexPage, PressReleasePage


def titles(response):
    return re.findall(
        r'class="entry__title"[^>]*><a href="[^"]*">([^<]+)</a>', response.content.decode()
    )


def test_index_lists_newest_first_with_year_and_topic_filters(client, demo):
    response = client.get("/en/press/")
    assert titles(response) == [
        "Family guides in paediatric practices: almost 200 consultations in six months",
        "Gesundheit4PunktZukunft opens a drop-in centre in Offenburg",
        "Ten years of interprofessional quality circles in early help",
        "Conference in Bad Nauheim: youth services and health care move closer",
    ]
    assert titles(client.get("/en/press/?year=2019")) == [
        "Conference in Bad Nauheim: youth services and health care move closer"
    ]
    assert len(titles(client.get("/en/press/?topic=zusammenarbeit"))) == 2
    html = response.content.decode()
    assert 'type="application/rss+xml"' in html and 'type="application/atom+xml"' in html


@pytest.mark.parametrize("query", ["?year=abc", "?year=1850", "?topic=<b>x</b>", "?page=999"])
def test_bad_filters_answer_200_with_a_message(client, demo, query):
    response = client.get(f"/de/presse/{query}")
    assert response.status_code == 200
    if "page" not in query:
        assert "notice--warning" in response.content.decode()
    assert "<b>x</b>" not in response.content.decode()


def test_untranslated_releases_appear_in_german_elsewhere(client, demo):
    response = client.get("/tr/")
    html = response.content.decode()
    assert 'id="latest-press-heading"' in html
    assert 'lang="de"' in html


def test_release_page_has_contact_json_ld_and_open_graph(client, demo):
    html = client.get("/en/press/conference-hesse-2019/").content.decode()
    contact = html[html.index('id="press-contact-heading"') :]
    assert "Alice Engel" in contact and "Press officer" in contact
    assert "+49 611 3219 3408" in contact
    assert "presse@hsm.hessen.de" not in html  # shown obfuscated, not harvestable
    data = json.loads(
        re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html).group(1)
    )
    assert data["@type"] == "NewsArticle"
    assert data["datePublished"] == "2019-05-29"
    assert data["dateline"] == "Wiesbaden"
    assert '<meta property="og:type" content="article">' in html
    assert 'property="og:title" content="Conference in Bad Nauheim' in html


def test_programme_and_event_pages_list_their_releases(client, demo):
    programme = client.get("/en/offers/gesundheit4punktzukunft/").content.decode()
    assert 'id="related-press-heading"' in programme
    assert "opens a drop-in centre in Offenburg" in programme
    event = client.get("/en/calendar/early-help-conference-hesse-2019/").content.decode()
    assert "Conference in Bad Nauheim: youth services" in event


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_feeds_parse_with_dates_links_guids_and_language(client, demo, kind):
    response = client.get(f"/en/press/feed/{kind}/")
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.title == "Press"
    if kind == "rss":
        assert feed.feed.language == "en"
    else:
        assert 'xml:lang="en"' in response.content.decode()
    assert len(feed.entries) == 4
    first = feed.entries[0]
    assert first.title.startswith("Family guides in paediatric practices")
    assert first.link == "http://testserver/en/press/logik-family-guides-first-half-year/"
    assert first.published_parsed[:3] == (2024, 1, 22)
    guid = first.id
    assert guid.startswith("tag:") and guid.endswith(":en")

    # The GUID survives an edit, a new title and a new slug.
    page = PressReleasePage.objects.get(
        slug="logik-family-guides-first-half-year", locale__language_code="en"
    )
    page.title = "Family guides: a new headline"
    page.slug = "family-guides-new"
    page.save_revision().publish()
    again = feedparser.parse(client.get(f"/en/press/feed/{kind}/").content)
    moved = next(e for e in again.entries if e.title == "Family guides: a new headline")
    assert moved.id == guid


def test_programme_feed_holds_only_its_releases(client, demo):
    feed = feedparser.parse(
        client.get("/de/presse/feed/rss/?programme=gesundheit4punktzukunft").content
    )
    assert [e.title for e in feed.entries] == [
        "Gesundheit4PunktZukunft eröffnet Offene Anlaufstelle in Offenburg"
    ]
    assert client.get("/de/presse/feed/rss/?programme=gibtsnicht").status_code == 404


def test_scheduled_and_expired_releases_stay_out_of_index_feed_and_home(client, demo):
    index = PressReleaseIndexPage.objects.get(slug="presse", locale__language_code="de")
    future = PressReleasePage(
        title="Noch geheim",
        slug="noch-geheim",
        teaser="Erst morgen.",
        date=date.today(),
        live=False,
        go_live_at=timezone.now() + timedelta(days=1),
    )
    index.add_child(instance=future)
    future.save_revision().publish()  # scheduled: goes live tomorrow
    future.refresh_from_db()
    assert not future.live
    for url in ("/de/presse/", "/de/presse/feed/rss/", "/de/"):
        assert "Noch geheim" not in client.get(url).content.decode()
    release = PressReleasePage.objects.get(
        slug="fachtagung-hessen-2019", locale__language_code="de"
    )
    release.expire_at = timezone.now() - timedelta(minutes=1)
    release.save_revision().publish()
    from django.core.management import call_command

    call_command("publish_scheduled", verbosity=0)
    assert (
        "Jugendhilfe und Gesundheitswesen rücken zusammen"
        not in client.get("/de/presse/feed/atom/").content.decode()
    )


def make_releases(index, count, start=0):
    for number in range(start, start + count):
        page = PressReleasePage(
            title=f"Mitteilung {number}",
            slug=f"mitteilung-{number}",
            teaser="Kurz.",
            date=date(2020 + number % 5, 1 + number % 12, 1),
        )
        index.add_child(instance=page)


def rendered_queries(client, url):
    # The full render: kept fragments (core.cache.cached) would hide the queries.
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_query_counts_do_not_grow_from_10_to_300_releases(client, demo):
    index = PressReleaseIndexPage.objects.get(slug="presse", locale__language_code="de")
    make_releases(index, 6)  # 10 with the demo's four
    release = PressReleasePage.objects.get(
        slug="fachtagung-hessen-2019", locale__language_code="de"
    )
    urls = [
        "/de/presse/",
        "/de/presse/?year=2021",
        "/de/presse/feed/rss/",
        "/de/presse/feed/atom/",
        release.url,
        "/de/",
    ]
    for url in urls:
        rendered_queries(client, url)
    few = {url: rendered_queries(client, url) for url in urls}
    make_releases(index, 290, start=6)
    assert PressReleasePage.objects.filter(locale__language_code="de").count() == 300
    many = {url: rendered_queries(client, url) for url in urls}
    assert many == few
