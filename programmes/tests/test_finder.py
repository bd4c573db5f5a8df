"""The offer finder as families use it: filters in the URL, counts, fallbacks, bad input."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from programmes.models import ProgrammePage

from .conftest import make_programmes


def titles(response):
    return re.findall(r'class="card__link" href="[^"]*">([^<]+)</a>', response.content.decode())


def count_heading(response):
    return re.search(r'<h2 id="results-heading">([^<]+)</h2>', response.content.decode()).group(1)


def test_finder_lists_every_demo_programme(client, demo):
    response = client.get("/de/angebote/")
    assert response.status_code == 200
    assert count_heading(response).strip() == "4 Angebote"
    assert "LoGiK – Lotsinnen und Lotsen in Kinderarztpraxen" in titles(response)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("topic=bindung", {"Prävention und Unterstützung für Alleinerziehende in Kassel"}),
        ("group=fachkraefte", {"Interprofessionelle Qualitätszirkel Frühe Hilfen"}),
        ("district=steglitz-zehlendorf", {"LoGiK – Lotsinnen und Lotsen in Kinderarztpraxen"}),
        ("age=pregnancy", {"LoGiK – Lotsinnen und Lotsen in Kinderarztpraxen"}),
        (
            "age=school",
            {
                "Prävention und Unterstützung für Alleinerziehende in Kassel",
                "Gesundheit4PunktZukunft – Coaching für Familien in Offenburg",
            },
        ),
        (
            "topic=gesundheit&free=on&age=0-1",
            {
                "LoGiK – Lotsinnen und Lotsen in Kinderarztpraxen",
                "Gesundheit4PunktZukunft – Coaching für Familien in Offenburg",
            },
        ),
        ("topic=beratung&district=kassel", set()),
        ("language=tr", set()),
    ],
)
def test_filters_combine(client, demo, query, expected):
    response = client.get(f"/de/angebote/?{query}")
    assert response.status_code == 200
    assert set(titles(response)) == expected


def test_filter_links_work_in_every_language(client, demo):
    """The same query string filters the English finder (slugs are shared)."""
    response = client.get("/en/offers/?topic=bindung")
    assert titles(response) == ["Prevention and support for single parents in Kassel"]
    html = response.content.decode()
    assert '<option value="bindung" selected>Attachment and bonding</option>' in html


def test_untranslated_programmes_appear_in_german_and_are_marked(client, demo):
    response = client.get("/tr/destek/?district=kassel")
    html = response.content.decode()
    assert titles(response) == ["Prävention und Unterstützung für Alleinerziehende in Kassel"]
    assert '<h3 class="card__title" lang="de">' in html
    assert 'href="/de/angebote/alleinerziehende-in-kassel/"' in html
    assert '<html lang="tr" dir="ltr">' in html
    # Filters are labelled in Turkish, the topic names too.
    assert "Bağlanma ve ilişki" in html


def test_translated_programme_replaces_its_german_original(client, demo):
    response = client.get("/en/offers/")
    found = titles(response)
    assert len(found) == 4
    assert "LoGiK – family guides in paediatric practices" in found
    assert "LoGiK – Lotsinnen und Lotsen in Kinderarztpraxen" not in found


def test_empty_result_explains_what_to_relax(client, demo):
    response = client.get("/de/angebote/?topic=zusammenarbeit&age=0-1")
    html = response.content.decode()
    assert titles(response) == []
    assert count_heading(response).strip() == "0 Angebote"
    assert 'href="?age=0-1#results"' in html  # leave out the topic: two offers
    assert 'href="?topic=zusammenarbeit#results"' in html  # leave out the age: one offer


@pytest.mark.parametrize(
    "query",
    [
        "topic=gibt-es-nicht",
        "age=99",
        "age=%27%20OR%201%3D1--",
        "district=%3Cscript%3Ealert(1)%3C/script%3E",
        "language=xx&free=maybe",
        "topic=beratung&topic=bindung",
        "page=abc",
        "page=-1",
        "page=99999",
        "free=%00",
        "topic=" + "x" * 5000,
    ],
)
def test_bad_filter_values_never_fail(client, demo, query):
    response = client.get(f"/de/angebote/?{query}")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert(1)" not in html
    assert count_heading(response)


def test_unknown_filter_value_is_dropped_with_a_message(client, demo):
    response = client.get("/de/angebote/?topic=gibt-es-nicht&district=kassel")
    html = response.content.decode()
    assert "„gibt-es-nicht“" in html or "“gibt-es-nicht”" in html
    assert 'role="status"' in html
    # The valid filter still applies, the unknown one is left out.
    assert titles(response) == ["Prävention und Unterstützung für Alleinerziehende in Kassel"]


def test_injected_value_is_shown_escaped(client, demo):
    response = client.get("/de/angebote/?district=%3Cb%3Ebold%3C/b%3E")
    html = response.content.decode()
    assert "&lt;b&gt;bold&lt;/b&gt;" in html
    assert "<b>bold</b>" not in html


def test_pagination_keeps_the_filters(client, finder_site):
    make_programmes(finder_site, 30)
    response = client.get("/de/angebote/?topic=beratung")
    html = response.content.decode()
    assert len(titles(response)) == 24
    assert 'href="?topic=beratung&amp;page=2#results"' in html
    second = client.get("/de/angebote/?topic=beratung&page=2")
    assert len(titles(second)) == 6


def rendered_queries(client, url):
    # The full render: kept fragments (core.cache.cached) would hide the queries.
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "query", ["", "?topic=beratung&group=alleinerziehende&district=kassel&age=1-3&free=on"]
)
def test_finder_query_count_does_not_grow_with_programmes(client, finder_site, query):
    from core.demo_builder import DemoBuilder

    image = DemoBuilder().image("Karte", description="Kreise")
    make_programmes(finder_site, 5, image=image)
    rendered_queries(client, f"/de/angebote/{query}")  # renditions are made on first view
    few = rendered_queries(client, f"/de/angebote/{query}")
    make_programmes(finder_site, 195, image=image)
    rendered_queries(client, f"/de/angebote/{query}")
    many = rendered_queries(client, f"/de/angebote/{query}")
    assert ProgrammePage.objects.count() == 200
    assert many == few


def test_programme_page_query_count_does_not_grow(client, finder_site):
    pages = make_programmes(finder_site, 5)
    url = pages[0].url
    rendered_queries(client, url)
    few = rendered_queries(client, url)
    make_programmes(finder_site, 195)
    assert rendered_queries(client, url) == few
