"""The page cache for anonymous visitors (core/cache.py), cache headers on feeds, and
renditions made when an image is uploaded (core/renditions.py)."""

import gzip
import io
import re
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.middleware.csrf import _unmask_cipher_token
from django.test import Client
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext

from core.cache import unclassified_models
from core.renditions import TEMPLATE_RENDITIONS
from events.tests.conftest import calendar_site, local, make_event  # noqa: F401
from registrations.tests.conftest import form_data, make_conference, submit_url


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 300
    settings.PAGE_CACHE_MAX_AGE = 60
    settings.RATELIMIT_ENABLE = False


def future(days, hour):
    day = timezone.localdate() + timedelta(days=days)
    return local(datetime.combine(day, datetime.min.time()).replace(hour=hour))


@pytest.fixture(autouse=True)
def site_settings(request):
    """The site settings row is created by the first page request (Wagtail's get_or_create),
    which empties the cache once; make it beforehand, as any running site has it."""
    if "calendar_site" in request.fixturenames:
        from wagtail.models import Site

        from core.models import OrganisationSettings

        home = request.getfixturevalue("calendar_site")["home"]
        OrganisationSettings.for_site(Site.objects.get(root_page=home))


@pytest.fixture
def event(calendar_site):  # noqa: F811
    return make_event(calendar_site, future(20, 15), future(20, 17), title="Elterncafé")


def test_second_anonymous_request_is_a_hit_with_the_same_body(client, event):
    first = client.get(event.url)
    assert first.status_code == 200
    assert first["X-Cache"] == "miss"
    assert "Elterncafé" in first.content.decode()
    second = client.get(event.url)
    assert second["X-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    for response in (first, second):
        assert "public" in response["Cache-Control"]
        assert "max-age=60" in response["Cache-Control"]
        assert "Cookie" in response["Vary"]


def test_publishing_a_change_shows_it_on_the_next_request(client, event):
    client.get(event.url)
    assert client.get(event.url)["X-Cache"] == "hit"
    event.title = "Elterncafé am Nachmittag"
    event.save_revision().publish()
    response = client.get(event.url)
    assert response["X-Cache"] == "miss"
    assert "Elterncafé am Nachmittag" in response.content.decode()


def test_unpublishing_removes_the_page_from_the_calendar(client, calendar_site, event):  # noqa: F811
    calendar = calendar_site["index"].url
    assert "Elterncafé" in client.get(calendar).content.decode()
    assert client.get(calendar)["X-Cache"] == "hit"
    event.unpublish()
    response = client.get(calendar)
    assert response["X-Cache"] == "miss"
    assert "Elterncafé" not in response.content.decode()
    assert client.get(event.url).status_code == 404


def test_editors_never_get_cached_pages(client, admin_client, event):
    client.get(event.url)
    assert client.get(event.url)["X-Cache"] == "hit"
    response = admin_client.get(event.url)
    assert response.status_code == 200
    assert "X-Cache" not in response
    assert "private" in response["Cache-Control"]
    # The editor's page has the Wagtail user bar; the anonymous copy in the cache has not.
    assert "wagtail-userbar" in response.content.decode()
    assert "wagtail-userbar" not in client.get(event.url).content.decode()
    # and nothing the editor was shown went into the cache for anonymous visitors
    assert client.get(event.url)["X-Cache"] == "hit"


def form_token(response):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode())[1]


def places_left(count):
    with translation.override("de"):
        return ngettext("%(counter)s place left", "%(counter)s places left", count) % {
            "counter": count
        }


@pytest.fixture
def conference(calendar_site):  # noqa: F811
    return make_conference(
        calendar_site,
        title="Fachtag Kinderschutz",
        capacity=2,
        forums=[(1, "Forum A", 2)],
        place=calendar_site["wehlheiden"],
    )


def test_a_page_with_a_registration_form_carries_each_visitors_own_token(conference):
    anna, ben = Client(), Client()
    first = anna.get(conference.url)
    second = ben.get(conference.url)
    assert first.status_code == second.status_code == 200
    assert first["X-Cache"] == second["X-Cache"] == "miss"
    assert "private" in second["Cache-Control"]
    ben_cookie = second.cookies[django_settings.CSRF_COOKIE_NAME].value
    anna_cookie = first.cookies[django_settings.CSRF_COOKIE_NAME].value
    assert ben_cookie != anna_cookie
    assert _unmask_cipher_token(form_token(second)) == ben_cookie
    assert _unmask_cipher_token(form_token(first)) == anna_cookie


def test_a_booking_changes_the_places_left_at_once_and_leaves_the_listings_cached(
    client,
    calendar_site,  # noqa: F811
    conference,
    django_capture_on_commit_callbacks,
):
    calendar = calendar_site["index"].url
    client.get(calendar)
    assert client.get(calendar)["X-Cache"] == "hit"
    assert places_left(2) in client.get(conference.url).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post(
            submit_url(conference), form_data(conference, first="Forum A", second=None)
        )
    assert response.status_code == 200

    html = client.get(conference.url).content.decode()
    assert places_left(1) in html
    assert places_left(2) not in html
    # The calendar shows no places: a booking leaves it (and every other kept page) cached,
    # where it used to empty the whole cache just as a conference opens and many people book.
    assert client.get(calendar)["X-Cache"] == "hit"
    home = calendar_site["home"].url
    client.get(home)
    with django_capture_on_commit_callbacks(execute=True):
        Client().post(
            submit_url(conference),
            form_data(conference, email="ben@example.org", first="Forum A", second=None),
        )
    assert client.get(home)["X-Cache"] == "hit"
    with translation.override("de"):
        full = gettext("Fully booked: you can join the waiting list.")
    assert full in client.get(conference.url).content.decode()


def test_every_record_is_known_to_empty_the_cache_or_not():
    assert unclassified_models() == []


def test_query_string_variants_are_kept_apart(client, calendar_site, event):  # noqa: F811
    calendar = calendar_site["index"].url
    plain = client.get(calendar)
    filtered = client.get(calendar + "?view=month")
    assert plain["X-Cache"] == filtered["X-Cache"] == "miss"
    assert plain.content != filtered.content
    again = client.get(calendar + "?view=month")
    assert again["X-Cache"] == "hit"
    assert again.content == filtered.content
    # the same parameters in another order are the same page
    first = client.get(calendar + "?view=month&page=1")
    assert first["X-Cache"] == "miss"
    assert client.get(calendar + "?page=1&view=month")["X-Cache"] == "hit"


def test_head_is_answered_from_a_stored_get(client, event):
    client.get(event.url)
    assert client.head(event.url)["X-Cache"] == "hit"


def test_off_when_page_cache_seconds_is_zero(client, settings, event):
    settings.PAGE_CACHE_SECONDS = 0
    client.get(event.url)
    response = client.get(event.url)
    assert response.status_code == 200
    assert "X-Cache" not in response


def test_admin_is_never_cached(admin_client, client):
    assert "X-Cache" not in client.get("/admin/login/")
    assert "X-Cache" not in admin_client.get("/admin/")


def test_calendar_feed_has_cache_headers_and_answers_304(client, calendar_site, event):  # noqa: F811
    url = calendar_site["index"].url + "feed.ics"
    response = client.get(url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=900"
    assert response["ETag"] and response["Last-Modified"]
    again = client.get(url, HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_feed_is_gzipped_for_clients_that_accept_it(client, calendar_site, event):  # noqa: F811
    url = calendar_site["index"].url + "feed.ics"
    plain = client.get(url)
    packed = client.get(url, HTTP_ACCEPT_ENCODING="gzip, deflate")
    assert "Content-Encoding" not in plain
    assert packed["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed.content) == plain.content
    assert b"BEGIN:VCALENDAR" in plain.content
    for response in (plain, packed):
        assert "Accept-Encoding" in response["Vary"]
    # Two representations, two ETags; each answers its own conditional request.
    assert packed["ETag"] != plain["ETag"]
    again = client.get(url, HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=packed["ETag"])
    assert again.status_code == 304
    # The page cache keeps them apart: a client without gzip never gets compressed bytes.
    stored_plain = client.get(url)
    assert stored_plain["X-Cache"] == "hit"
    assert stored_plain.content == plain.content
    assert "Content-Encoding" not in stored_plain
    stored_packed = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    assert stored_packed["X-Cache"] == "hit"
    assert stored_packed["Content-Encoding"] == "gzip"


def test_large_responses_are_left_to_the_views_own_caches(
    client,
    settings,
    calendar_site,  # noqa: F811
    event,
):
    settings.PAGE_CACHE_MAX_BYTES = 200
    url = calendar_site["index"].url + "feed.ics"
    first = client.get(url)
    assert first.status_code == 200 and len(first.content) > 200
    assert client.get(url)["X-Cache"] == "miss"
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    settings.PAGE_CACHE_MAX_BYTES = 1024 * 1024
    client.get(url)
    assert client.get(url)["X-Cache"] == "hit"


def test_a_feed_is_written_once_per_change(
    client,
    settings,
    monkeypatch,
    calendar_site,  # noqa: F811
    event,
):
    import events.views

    settings.PAGE_CACHE_SECONDS = 0  # the view itself, not the page cache
    writes = []
    original = events.views.FeedBuilder.render
    monkeypatch.setattr(
        events.views.FeedBuilder, "render", lambda self: writes.append(1) or original(self)
    )
    place = calendar_site["wehlheiden"]
    event.place = place
    event.save_revision().publish()
    url = calendar_site["index"].url + "feed.ics"
    first = client.get(url)
    second = client.get(url)
    assert second.content == first.content
    assert len(writes) == 1
    # a renamed place changes no date or count, yet the next feed has the new name
    place.name = "Familienzentrum Wehlheiden"
    place.save()
    third = client.get(url)
    assert len(writes) == 2
    assert "Familienzentrum Wehlheiden" in third.content.decode()


def test_press_feeds_have_cache_headers(client, demo_site):
    for kind in ("rss", "atom"):
        response = client.get(f"/de/presse/feed/{kind}/")
        assert response.status_code == 200
        assert "public" in response["Cache-Control"]
        assert "max-age=" in response["Cache-Control"]
        assert response["Last-Modified"]


# --- Renditions -------------------------------------------------------------------------


def image_specs_in_templates():
    specs = set()
    for path in Path(django_settings.BASE_DIR, "templates").rglob("*.html"):
        for match in re.finditer(r"{% image \S+ ((?:[\w-]+(?:-\w+)* ?)+)", path.read_text()):
            words = [w for w in match[1].split() if re.fullmatch(r"[a-z]+-[\w-]+", w)]
            specs.add("|".join(words))
    return specs


def test_every_template_rendition_is_made_in_advance():
    assert image_specs_in_templates() <= set(TEMPLATE_RENDITIONS)


def test_uploading_an_image_in_the_admin_makes_its_renditions(
    admin_client, django_capture_on_commit_callbacks
):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from core.models import PortalImage

    buffer = io.BytesIO()
    Image.new("RGB", (1600, 1000), "teal").save(buffer, format="PNG")
    upload = SimpleUploadedFile("familie.png", buffer.getvalue(), content_type="image/png")
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            "/admin/images/add/",
            {"title": "Familie", "description": "Eine Familie im Park", "file": upload},
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    image = PortalImage.objects.get(title="Familie")
    renditions = {r.filter_spec: r for r in image.renditions.all()}
    assert set(renditions) == set(TEMPLATE_RENDITIONS)
    for rendition in renditions.values():
        assert Path(rendition.file.path).is_file()
    assert renditions["fill-640x360|format-webp"].width == 640
