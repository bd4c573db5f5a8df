"""The offer finder as families use it: filters in the URL, counts, fallbacks, bad input."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from programmes.models import ProgrammePage
from tests.factories import (
    DistrictFactory,
    ProgrammePageFactory,
    TargetGroupFactory,
    TopicFactory,
)

from .conftest import make_programmes


def titles(response):
    return re.findall(r'class="card__link" href="[^"]*">([^<]+)</a>', response.content.decode())


def count_heading(response):
    return re.search(r'<h2 id="results-heading">([^<]+)</h2>', response.content.decode()).group(1)


def test_finder_lists_every_demo_programme(client, demo):
    german = ProgrammePage.objects.live().filter(locale__language_code="de")
    response = client.get("/de/angebote/")
    assert response.status_code == 200
    assert count_heading(response).strip() == f"{german.count()} Angebote"
    assert set(titles(response)) == {page.title for page in german}


@pytest.fixture
def three_offers(finder_site):
    """Three programmes that differ in each filter (tests.factories, a site of their own)."""
    index = finder_site["index"]
    bonding = TopicFactory(name="Bindung", slug="bindung")
    health = TopicFactory(name="Gesundheit", slug="gesundheit")
    parents = TargetGroupFactory(name="Eltern", slug="eltern")
    professionals = TargetGroupFactory(name="Fachkräfte", slug="fachkraefte")
    kassel = finder_site["district"]
    offenburg = DistrictFactory(name="Offenburg", slug="offenburg")
    ProgrammePageFactory(
        parent=index,
        title="Elterncafé",
        topics=[bonding],
        target_groups=[parents],
        district=kassel,
        age_from_months=0,
        age_to_months=24,
        is_free=True,
        languages=["de", "tr"],
    )
    ProgrammePageFactory(
        parent=index,
        title="Qualitätszirkel",
        topics=[health],
        target_groups=[professionals],
        district=offenburg,
        age_from_months=36,
        age_to_months=60,
        is_free=False,
        languages=["de"],
    )
    ProgrammePageFactory(
        parent=index,
        title="Coaching für Schulkinder",
        topics=[health],
        target_groups=[parents],
        district=offenburg,
        age_from_months=84,
        age_to_months=144,
        is_free=True,
        languages=["de"],
    )


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {"Elterncafé", "Qualitätszirkel", "Coaching für Schulkinder"}),
        ("topic=bindung", {"Elterncafé"}),
        ("group=fachkraefte", {"Qualitätszirkel"}),
        ("group=eltern", {"Elterncafé", "Coaching für Schulkinder"}),
        ("district=kassel", {"Elterncafé"}),
        ("age=school", {"Coaching für Schulkinder"}),
        ("age=3-6", {"Qualitätszirkel"}),
        ("topic=gesundheit&free=on", {"Coaching für Schulkinder"}),
        ("topic=gesundheit&district=offenburg&age=3-6", {"Qualitätszirkel"}),
        ("language=tr", {"Elterncafé"}),
        ("topic=bindung&district=offenburg", set()),
    ],
)
def test_filters_combine(client, three_offers, query, expected):
    response = client.get(f"/de/angebote/?{query}")
    assert response.status_code == 200
    assert set(titles(response)) == expected
    assert count_heading(response).strip().startswith(f"{len(expected)} ")


def test_filter_links_work_in_every_language(client, demo):
    """The same query string filters the English finder (slugs are shared)."""
    response = client.get("/en/offers/?topic=bindung")
    assert titles(response) == ["Prevention and support for single parents in Kassel"]
    html = response.content.decode()
    assert '<option value="bindung" selected>Attachment and bonding</option>' in html


def test_untranslated_programmes_appear_in_german_and_are_marked(client, demo):
    response = client.get("/tr/destek/?district=baden-wuerttemberg")
    html = response.content.decode()
    assert titles(response) == ["Interprofessionelle Qualitätszirkel Frühe Hilfen"]
    assert '<h3 class="card__title" lang="de" dir="ltr">' in html
    # At its Turkish address: the visitor stays in Turkish, with the German text marked.
    assert 'href="/tr/destek/interprofessionelle-qualitaetszirkel/"' in html
    page = client.get("/tr/destek/interprofessionelle-qualitaetszirkel/").content.decode()
    assert '<html lang="tr" dir="ltr">' in page
    assert '<h1 lang="de" dir="ltr">Interprofessionelle Qualitätszirkel' in page
    assert '<html lang="tr" dir="ltr">' in html
    # A translated programme is listed in Turkish, unmarked.
    response = client.get("/tr/destek/?district=kassel")
    assert titles(response) == ["Kassel&#x27;de tek ebeveynli aileler için önleme ve destek"]
    assert '<h3 class="card__title">' in response.content.decode()
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
    assert ProgrammePage.objects.child_of(finder_site["index"]).count() == 200
    assert many == few


def test_programme_page_query_count_does_not_grow(client, finder_site):
    pages = make_programmes(finder_site, 5)
    url = pages[0].url
    rendered_queries(client, url)
    few = rendered_queries(client, url)
    make_programmes(finder_site, 195)
    assert rendered_queries(client, url) == few
