"""What visitors see on the home page, content pages and error pages."""

import pytest
from django.test import RequestFactory, override_settings
from django.utils import translation
from wagtail.models import Page

from core.models import PortalImage
from core.views import server_error


def test_german_home_shows_hero_introduction_and_menu(client, demo_site):
    html = client.get("/de/").content.decode()
    assert '<h1 id="hero-heading" class="hero__heading">Gut begleitet von Anfang an</h1>' in html
    assert "Lotsinnen und Lotsen in Kinderarztpraxen" in html
    assert 'href="/de/ueber-uns/"' in html  # hero button and main menu
    assert 'alt="Bunte, sich überlagernde Kreise' in html


def test_landmarks_and_skip_link(client, demo_site):
    html = client.get("/en/").content.decode()
    assert html.index('class="skip-link" href="#main-content"') < html.index("<header")
    for landmark in ("<header", '<main id="main-content"', "<footer", "<nav"):
        assert landmark in html


def test_footer_links_follow_the_visitors_language(client, demo_site):
    english = client.get("/en/").content.decode()
    assert 'href="/en/imprint/"' in english
    assert 'href="/en/accessibility/"' in english
    # No Turkish imprint exists: the footer leads to the German one in the Turkish frame.
    turkish = client.get("/tr/").content.decode()
    assert 'href="/tr/impressum/"' in turkish
    assert "Musterstraße 1" in turkish
    imprint = client.get("/tr/impressum/").content.decode()
    assert '<html lang="tr" dir="ltr">' in imprint
    assert '<h1 lang="de" dir="ltr">Impressum</h1>' in imprint


def test_an_unpublished_legal_page_leaves_the_footer(client, demo_site):
    assert 'href="/en/privacy/"' in client.get("/en/").content.decode()
    Page.objects.filter(slug__in=["datenschutz", "privacy"]).update(live=False)
    for url in ["/de/", "/en/"]:
        html = client.get(url).content.decode()
        assert "/datenschutz/" not in html and "/privacy/" not in html, url
        assert "/impressum/" in html or "/imprint/" in html, url


def test_hero_button_leads_to_the_translated_about_page(client, demo_site):
    html = client.get("/ar/").content.decode()
    assert 'class="button button--primary" href="/ar/man-nahnu/"' in html


def test_content_page_renders_its_body(client, demo_site):
    response = client.get("/uk/pro-nas/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Про нас</h1>" in html
    assert '<h2 class="block-heading">Вашою мовою</h2>' in html


@pytest.mark.django_db
def test_image_upload_form_requires_alt_text():
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image
    from wagtail.images.forms import get_image_form

    buffer = io.BytesIO()
    Image.new("RGB", (20, 10), "teal").save(buffer, format="PNG")
    upload = SimpleUploadedFile("family.png", buffer.getvalue(), content_type="image/png")
    before = PortalImage.objects.count()
    form_class = get_image_form(PortalImage)
    form = form_class(data={"title": "Familie"}, files={"file": upload})
    assert not form.is_valid()
    assert "description" in form.errors
    assert PortalImage.objects.count() == before


@override_settings(WAGTAIL_SITE_NAME="Frühe Hilfen Portal")
def test_server_error_page_needs_no_database_and_speaks_the_language():
    request = RequestFactory().get("/ar/")
    with translation.override("ar"):
        response = server_error(request)
    assert response.status_code == 500
    html = response.content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert "Something went wrong" not in html


def test_home_features_programmes_in_the_visitors_language(client, demo_site):
    english = client.get("/en/").content.decode()
    assert 'id="featured-programmes-heading"' in english
    assert 'href="/en/offers/single-parents-kassel/"' in english
    assert 'href="/en/offers/"' in english
    # Two programmes are translated into Arabic (the demo's translations); the German ones
    # are shown, marked, at their Arabic addresses.
    arabic = client.get("/ar/").content.decode()
    assert 'href="/ar/al-daam/alleinerziehende-in-kassel/"' in arabic
    assert "/de/angebote/" not in arabic
    featured = arabic[arabic.index('id="featured-programmes-heading"') :]
    featured = featured[: featured.index("</section>")]
    assert featured.count('class="badge badge--language"') == 1
