import xml.etree.ElementTree as ET

from wagtail.models import Page

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def sitemap_entries(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    return {
        url.find("s:loc", NS).text: {
            link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)
        }
        for url in root.findall("s:url", NS)
    }


def test_sitemap_lists_every_live_page_in_every_language(client, demo_site):
    entries = sitemap_entries(client)
    # Every live page except those standing in for a missing translation (an alias of the
    # German page in another language): the same words at a second address.
    live = Page.objects.live().filter(depth__gt=1)
    stand_ins = live.filter(alias_of__isnull=False).exclude(locale__language_code="de")
    assert stand_ins.exists()
    assert len(entries) == live.count() - stand_ins.count()
    assert "http://testserver/tr/impressum/" not in entries
    for language in ("de", "en", "tr", "ar", "uk"):
        assert f"http://testserver/{language}/" in entries
    assert "http://testserver/en/about-us/" in entries
    assert entries["http://testserver/de/ueber-uns/"]["ar"] == "http://testserver/ar/man-nahnu/"


def test_sitemap_leaves_out_drafts(client, demo_site):
    Page.objects.get(slug="impressum", locale__language_code="de").specific.unpublish()
    entries = sitemap_entries(client)
    assert "http://testserver/de/impressum/" not in entries
    assert "de" not in entries["http://testserver/en/imprint/"]


def test_robots_txt_points_to_the_sitemap(client, demo_site):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body
