"""What pages compute from the content alone is kept in the cache (core.cache.cached) under
the page cache's generation: visitors must still see a change at once."""

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import Locale

from core.cache import cached
from directory.models import Topic
from events.models import EventIndexPage
from press.models import PressReleaseIndexPage, PressReleasePage


def queries_for(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def test_home_sections_are_kept_and_show_a_new_release_at_once(client, demo):
    first, first_queries = queries_for(client, "/de/")
    again, again_queries = queries_for(client, "/de/")
    assert again == first  # the page cache is off in tests: only the sections were kept
    assert again_queries < first_queries

    index = PressReleaseIndexPage.objects.get(locale__language_code="de")
    release = PressReleasePage(
        title="Familienhebammen in allen Landkreisen",
        slug="familienhebammen-in-allen-landkreisen",
        teaser="Ab sofort in jedem Landkreis.",
        date=date.today(),
    )
    index.add_child(instance=release)
    release.save_revision().publish()
    html, _queries = queries_for(client, "/de/")
    assert "Familienhebammen in allen Landkreisen" in html


def test_calendar_filter_offers_a_new_topic_at_once(client, demo):
    url = EventIndexPage.objects.get(locale__language_code="de").url
    html, _queries = queries_for(client, url)
    assert "Zahngesundheit" not in html
    Topic.objects.create(
        name="Zahngesundheit",
        slug="zahngesundheit",
        locale=Locale.objects.get(language_code="de"),
    )
    html, _queries = queries_for(client, url)
    assert '<option value="zahngesundheit">Zahngesundheit</option>' in html
    with translation.override("de"):
        dropped = translation.gettext(
            "“%(value)s” is not a known %(name)s, so this filter was left out."
        ) % {"value": "zahngesundheit", "name": translation.gettext("topic")}
    html, _queries = queries_for(client, url + "?topic=zahngesundheit")
    assert '<option value="zahngesundheit" selected>Zahngesundheit</option>' in html
    assert dropped not in html
    html, _queries = queries_for(client, url + "?topic=zahnpflege")
    assert dropped.replace("zahngesundheit", "zahnpflege") in html


def test_off_when_the_setting_is_zero(settings):
    calls = []

    def build():
        calls.append(1)
        return "value"

    assert cached("test", [1], build) == cached("test", [1], build) == "value"
    assert len(calls) == 1
    settings.FRAGMENT_CACHE_SECONDS = 0
    cached("test", [1], build)
    assert len(calls) == 2


def test_a_preview_neither_shows_kept_fragments_nor_leaves_its_draft_in_them(client, demo):
    from events.models import EventPage

    event = EventPage.objects.live().filter(locale__language_code="de").first()
    draft = event.get_latest_revision_as_object()
    draft.cost_note = "Entwurf: 99 Euro"
    draft.save_revision()  # not published

    site = event.get_site()
    host = site.hostname if site.port in (80, 443) else f"{site.hostname}:{site.port}"
    preview = draft.make_preview_request()
    assert "Entwurf: 99 Euro" in preview.content.decode()  # the facts box shows the draft
    public = client.get(event.url, HTTP_HOST=host).content.decode()  # the preview's host
    assert "Entwurf: 99 Euro" not in public
    again = draft.make_preview_request()  # after the public view kept its facts box
    assert "Entwurf: 99 Euro" in again.content.decode()


def test_conference_programme_shows_a_renamed_speaker_at_once(client, demo):
    from events.models import EventPage, Speaker

    page = (
        EventPage.objects.live()
        .filter(locale__language_code="de", agenda_items__isnull=False)
        .distinct()
        .first()
    )
    speaker = Speaker.objects.create(name="Prof. Maria Muster", locale=page.locale)
    items = list(page.agenda_items.all())
    items[0].speakers = [speaker]
    page.agenda_items = items
    page.save_revision().publish()
    assert "Prof. Maria Muster" in client.get(page.url).content.decode()
    speaker.name = "Dr. Hanna Beispielfrau"
    speaker.save()  # a snippet, not the page: the kept programme must go all the same
    html = client.get(page.url).content.decode()
    assert "Dr. Hanna Beispielfrau" in html
    assert "Prof. Maria Muster" not in html
