import json
import re

import pytest
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from home.models import ContentPage, HomePage
from programmes.models import ProgrammeIndexPage, ProgrammePage


class ProgrammePageTypesTest(WagtailPageTestCase):
    def test_index_lives_below_a_home_page(self):
        self.assertAllowedParentPageTypes(ProgrammeIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(ProgrammeIndexPage, {ProgrammePage})
        self.assertCanNotCreateAt(ContentPage, ProgrammeIndexPage)

    def test_programmes_live_below_the_index_only(self):
        self.assertAllowedParentPageTypes(ProgrammePage, {ProgrammeIndexPage})
        self.assertAllowedSubpageTypes(ProgrammePage, set())
        self.assertCanNotCreateAt(HomePage, ProgrammePage)
        self.assertCanNotCreateAt(Page, ProgrammePage)


def json_ld(html):
    match = re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S)
    assert match, "no JSON-LD on the page"
    return json.loads(match.group(1))


def test_programme_page_shows_facts_and_parts(client, demo):
    response = client.get("/de/angebote/alleinerziehende-in-kassel/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Prävention und Unterstützung für Alleinerziehende in Kassel</h1>" in html
    for text in (
        "Teilprojekt I: Netzwerk wirksamer Hilfen für Alleinerziehende",
        "Teilprojekt III: Unterstützung und Beratung im SGB-II-Bezug",
        "24,3 %",
        "Familienzentrum Wehlheiden",
        "Walter Blüchert Stiftung",
        "§ 20a SGB V",
        "Bindung und Beziehung",
    ):
        assert text in html, text
    # The contact's address is not in the HTML as plain text.
    assert "frauenbuero@kassel.example" not in html
    assert "&#64;" in html
    # The facts come right after the teaser (first on a phone), before the long text.
    lead = html.index('<p class="lead"')
    facts = html.index('<aside class="programme__facts"')
    assert lead < facts < html.index('<div class="programme__main">')
    assert facts < html.index("Teilprojekt I: Netzwerk wirksamer Hilfen")


def test_english_programme_shows_english_records(client, demo):
    html = client.get("/en/offers/single-parents-kassel/").content.decode()
    assert "Part II: “wir2” – attachment training for single parents" in html
    assert "Family centre Wehlheiden" in html  # the place's English translation
    assert "Attachment and bonding" in html  # the topic's English translation
    assert "Women&#x27;s office of the City of Kassel" in html or "Women's office" in html
    assert "Teilprojekt" not in html


def test_programme_page_carries_schema_org_json_ld(client, demo):
    html = client.get("/de/angebote/gesundheit4punktzukunft/").content.decode()
    data = json_ld(html)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Service"
    assert data["name"] == "Gesundheit4PunktZukunft – Coaching für Familien in Offenburg"
    assert data["url"] == "http://testserver/de/angebote/gesundheit4punktzukunft/"
    assert data["areaServed"]["name"] == "Ortenaukreis"
    assert data["funder"] == [
        {"@type": "Organization", "name": "Bundesministerium für Arbeit und Soziales"}
    ]
    assert data["offers"]["price"] == "0"


@pytest.mark.django_db
def test_json_ld_cannot_be_broken_out_of(client, finder_site):
    from .conftest import make_programmes

    page = make_programmes(finder_site, 1)[0]
    page.title = "</script><script>alert(1)</script>"
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    assert "<script>alert(1)" not in html
    assert json_ld(html)["name"] == "</script><script>alert(1)</script>"


@pytest.mark.django_db
def test_end_before_start_is_refused(finder_site):
    import datetime

    from django.core.exceptions import ValidationError

    from .conftest import make_programmes

    page = make_programmes(finder_site, 1)[0]
    page.start_date = datetime.date(2026, 5, 1)
    page.end_date = datetime.date(2026, 4, 1)
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "end_date" in error.value.message_dict
