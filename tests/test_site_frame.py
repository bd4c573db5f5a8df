"""The frame of every page: breadcrumbs, and the logo and browser icon the site settings can
replace (BITV 2.0 and what people expect of a public site)."""

import io
import re

from django.core.files.images import ImageFile
from django.utils import translation
from PIL import Image as PILImage
from wagtail.models import Site

from core.models import OrganisationSettings, PortalImage


def crumbs(html):
    nav = re.search(r'<nav class="breadcrumbs"[^>]*>(.*?)</nav>', html, re.S)
    return re.findall(r'<a href="([^"]+)"([^>]*)>([^<]+)</a>', nav.group(1)) if nav else []


def test_breadcrumbs_lead_home_in_the_visitors_language(client, demo):
    html = client.get("/tr/destek/interprofessionelle-qualitaetszirkel/").content.decode()
    with translation.override("tr"):
        home = translation.gettext("Home")
    (first, index, current) = crumbs(html)
    assert first == ("/tr/", "", home)
    assert index[0] == "/tr/destek/" and "lang" not in index[1]  # the finder is translated
    assert current[0] == "/tr/destek/interprofessionelle-qualitaetszirkel/"
    assert 'aria-current="page"' in current[1] and 'lang="de"' in current[1]  # not translated
    assert current[2] == "Interprofessionelle Qualitätszirkel Frühe Hilfen"
    assert crumbs(client.get("/tr/").content.decode()) == []  # not on the home page


def image(title):
    buffer = io.BytesIO()
    PILImage.new("RGB", (240, 240), (10, 92, 99)).save(buffer, format="PNG")
    picture = PortalImage(title=title)
    picture.file.save(f"{title}.png", ImageFile(buffer, name=f"{title}.png"), save=False)
    picture.save()
    return picture


def test_the_logo_and_browser_icon_come_from_the_site_settings(client, demo):
    html = client.get("/de/").content.decode()
    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in html
    assert '<svg class="site-header__logo"' in html
    assert client.get("/favicon.ico")["Location"] == "/static/favicon.svg"

    org = OrganisationSettings.for_site(Site.objects.get(is_default_site=True))
    org.logo, org.favicon = image("Logo Netzwerk"), image("Symbol Netzwerk")
    org.save()
    html = client.get("/de/").content.decode()
    icon = re.search(r'<link rel="icon" href="([^"]+)" sizes="32x32" type="image/png">', html)
    assert icon and client.get("/favicon.ico")["Location"] == icon.group(1)
    assert '<link rel="apple-touch-icon" href="' in html
    assert re.search(r'<img [^>]*class="site-header__logo-image"', html)
    assert '<svg class="site-header__logo"' not in html


def test_the_home_page_has_a_search_field_in_the_visitors_language(client, demo):
    html = client.get("/ar/").content.decode()
    form = re.search(r'<form class="search-form" method="get" action="([^"]+)"', html)
    assert form and form.group(1) == "/ar/search/"
    with translation.override("ar"):
        label = translation.gettext("Search for offers, dates and news")
    assert f'<label for="home-search">{label}</label>' in html
    response = client.get(form.group(1), {"q": "Kassel"})
    assert response.status_code == 200 and '<html lang="ar"' in response.content.decode()
