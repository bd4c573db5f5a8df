"""Videos in German Sign Language: a player, and a download link with format, size and
duration in the visitor's number format."""

import pytest
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils import translation
from wagtail.blocks import StreamValue, StructBlockValidationError
from wagtail.documents import get_document_model
from wagtail.models import Locale, Site

from core.models import OrganisationSettings
from home.blocks import SignLanguageVideoBlock, iso_duration, parse_duration
from home.models import SignLanguagePage
from localization.tests.helpers import localize

SIZE = 1_289_748  # bytes: "1,2 MB" in German


def document(name, size=SIZE):
    model = get_document_model()
    doc = model(title=name)
    doc.file.save(name, ContentFile(b"\0" * size), save=False)
    doc.file_size = size
    doc.save()
    return doc


@pytest.fixture
def dgs_page(demo):
    return SignLanguagePage.objects.get(locale__language_code="de")


def footer(client, url):
    return client.get(url).content.decode().split('class="site-footer"', 1)[1]


def test_demo_page_is_linked_from_the_footer(client, dgs_page):
    assert dgs_page.live
    assert f'href="{dgs_page.url}"' in footer(client, "/de/")
    page_html = client.get(dgs_page.url).content.decode()
    assert "Deutsche Gebärdensprache" in page_html


def test_footer_links_the_page_in_the_visitors_language(client, dgs_page):
    # Not translated yet: the German page stands in at the English address.
    stand_in = dgs_page.get_translation(Locale.objects.get(language_code="en"))
    assert stand_in.alias_of_id == dgs_page.pk
    with translation.override("en"):
        label = translation.gettext("German Sign Language (DGS)")
    assert f'<a href="{stand_in.url}">{label}</a>' in footer(client, "/en/")
    assert f'href="{dgs_page.url}"' not in footer(client, "/en/")
    # Translated through wagtail-localize: the translation takes its place, same address.
    _record, english = localize(dgs_page, "en")
    assert (english.pk, english.alias_of_id, english.url) == (stand_in.pk, None, stand_in.url)
    english.title = "German Sign Language"
    english.save_revision().publish()
    assert f'<a href="{english.url}">{label}</a>' in footer(client, "/en/")
    page = client.get(english.url).content.decode()
    assert "<h1>German Sign Language</h1>" in page
    assert "fallback-notice" not in page


def test_footer_leaves_the_link_out_without_a_published_page(client, dgs_page):
    with translation.override("de"):
        label = translation.gettext("German Sign Language (DGS)")
    dgs_page.unpublish()
    assert label not in footer(client, "/de/")
    dgs_page.save_revision().publish()
    settings = OrganisationSettings.for_site(Site.objects.get(is_default_site=True))
    settings.sign_language_page = None
    settings.save()
    assert label not in footer(client, "/de/")


def test_video_has_a_player_and_a_download_link_with_size_and_duration(client, dgs_page):
    video = document("dgs-fruehe-hilfen.mp4")
    dgs_page.videos = StreamValue(
        dgs_page.videos.stream_block,
        [
            (
                "video",
                {
                    "title": "Was sind Frühe Hilfen?",
                    "video": video,
                    "poster": None,
                    "duration": "2:45",
                    "transcript": "Frühe Hilfen sind Angebote für Familien.",
                },
            )
        ],
    )
    dgs_page.save_revision().publish()

    html = client.get(dgs_page.url).content.decode()
    assert "<video" in html and " controls" in html
    assert f'<source src="{video.url}" type="video/mp4">' in html
    with translation.override("de"):
        size = filesizeformat(SIZE)
        duration = translation.gettext("%(duration)s min.") % {"duration": "2:45"}
    assert size == "1,2\xa0MB"  # German decimal comma
    assert f"(MP4, {size}, " in html
    assert f'<time datetime="PT2M45S">{duration}</time>)' in html
    assert "Frühe Hilfen sind Angebote für Familien." in html


def test_only_video_files_are_accepted(db):
    block = SignLanguageVideoBlock()
    value = block.to_python(
        {"title": "Test", "video": document("flyer.pdf").pk, "duration": "1:00", "poster": None}
    )
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(value)
    assert "video" in error.value.block_errors
    value = block.to_python(
        {"title": "Test", "video": document("clip.webm").pk, "duration": "1:00", "poster": None}
    )
    assert block.clean(value)["title"] == "Test"


@pytest.mark.parametrize(
    ("text", "parts", "iso"),
    [
        ("2:45", (0, 2, 45), "PT2M45S"),
        ("0:30", (0, 0, 30), "PT30S"),
        ("1:02:45", (1, 2, 45), "PT1H2M45S"),
        ("2:75", None, ""),
        ("1:60:00", None, ""),
        ("zwei Minuten", None, ""),
    ],
)
def test_duration_is_validated(text, parts, iso):
    assert parse_duration(text) == parts
    assert iso_duration(text) == iso


def test_invalid_duration_is_refused_by_the_block(db):
    block = SignLanguageVideoBlock()
    value = block.to_python(
        {"title": "Test", "video": document("a.mp4").pk, "duration": "2 Min", "poster": None}
    )
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(value)
    assert "duration" in error.value.block_errors
