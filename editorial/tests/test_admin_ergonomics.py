"""The admin as editors meet it: German, with the accessibility checker, alt text required,
previews in the page's own language."""

import io
import re

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale
from wagtail.users.models import UserProfile

from editorial.groups import EDITORS
from editorial.tests.conftest import edit_form_data, edit_url, german
from home.models import ContentPage, HomePage

# --- (a) German by default -----------------------------------------------------------------


def test_admin_language_settings():
    assert settings.LANGUAGE_CODE == "de"
    assert settings.WAGTAILADMIN_PERMITTED_LANGUAGES[0][0] == "de"


# Whatever the browser asks for, every editor gets German until they choose a language under
# "Account" (editorial/middleware.py).
@pytest.mark.parametrize("accept_language", [None, "en", "en-GB,en;q=0.9", "fr", "pl,fr;q=0.8"])
def test_admin_speaks_german_to_a_new_editor(login, accept_language):
    editors = login(EDITORS)
    headers = {"HTTP_ACCEPT_LANGUAGE": accept_language} if accept_language else {}
    html = editors.get("/admin/", **headers).content.decode()
    assert re.search(r'<html[^>]* lang="de"', html)
    assert "Abmelden" in html  # "Log out" in Wagtail's German catalogue


def test_an_editor_may_choose_english_in_their_account(login):
    editors = login(EDITORS)
    profile = UserProfile.get_for_user(editors.user)
    profile.preferred_language = "en"  # what "Account → Locale" stores
    profile.save()
    html = editors.get("/admin/").content.decode()
    assert re.search(r'<html[^>]* lang="en"', html)
    assert "Log out" in html


# --- (b) the accessibility checker ---------------------------------------------------------


def test_userbar_on_the_site_offers_the_accessibility_checker(login):
    editors = login(EDITORS)
    html = editors.get(HomePage.objects.get(locale=german()).url).content.decode()
    assert 'id="checker-trigger"' in html
    config = re.search(
        r'<script id="checker-axe-configuration" type="application/json">(.*?)</script>',
        html,
        re.S,
    )
    assert config and "alt-text-quality" in config.group(1)


def test_page_editor_has_the_checks_panel(login):
    editors = login(EDITORS)
    html = editors.get(edit_url(HomePage.objects.get(locale=german()))).content.decode()
    assert 'data-side-panel="checks"' in html
    assert 'data-side-panel="preview"' in html


# --- (c) alt text required -----------------------------------------------------------------


def png():
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 120, 40)).save(buffer, "PNG")
    return SimpleUploadedFile("familie.png", buffer.getvalue(), content_type="image/png")


def test_image_upload_without_alt_text_is_refused(login):
    editors = login(EDITORS)
    before = get_image_model().objects.count()
    data = {
        "title": "Familie im Park",
        "file": png(),
        "description": "",
        "credit": "",
        "collection": Collection.get_first_root_node().pk,
        "tags": "",
    }
    response = editors.post("/admin/images/add/", data)
    assert response.status_code == 200
    form = response.context["form"]
    assert "description" in form.errors
    html = response.content.decode()
    assert "Dieses Feld muss ausgefüllt werden." in html
    assert get_image_model().objects.count() == before


def test_image_upload_with_alt_text_is_stored(login):
    editors = login(EDITORS)
    data = {
        "title": "Familie im Park",
        "file": png(),
        "description": "Eine Mutter schiebt einen Kinderwagen durch den Park.",
        "credit": "Foto: Stadt Kassel",
        "collection": Collection.get_first_root_node().pk,
        "tags": "",
    }
    response = editors.post("/admin/images/add/", data)
    assert response.status_code == 302
    image = get_image_model().objects.get(title="Familie im Park")
    assert image.description == "Eine Mutter schiebt einen Kinderwagen durch den Park."
    assert image.uploaded_by_user == editors.user


# --- (e) previews in every language ---------------------------------------------------------


@pytest.fixture
def translated_page(groups):
    home = HomePage.objects.get(locale=german())
    page = home.add_child(instance=ContentPage(title="Vorschau", slug="vorschau", live=False))
    page.save_revision()
    translations = {"de": page}
    for code in ("en", "ar"):
        translated = page.copy_for_translation(Locale.objects.get(language_code=code))
        translated.save_revision()
        translations[code] = translated
    return translations


@pytest.mark.parametrize(
    ("language", "direction", "title"),
    [("en", "ltr", "Preview in English"), ("ar", "rtl", "معاينة بالعربية")],
)
def test_preview_renders_in_the_pages_language(login, translated_page, language, direction, title):
    editors = login(EDITORS)
    page = translated_page[language]
    url = f"/admin/pages/{page.pk}/edit/preview/"
    data = edit_form_data(editors, page, title=title, introduction="…")
    stored = editors.post(url, data)
    assert stored.status_code == 200
    assert stored.json()["is_valid"]
    preview = editors.get(url)
    assert preview.status_code == 200
    html = preview.content.decode()
    assert re.search(rf'<html lang="{language}" dir="{direction}">', html), html[:300]
    assert title in html
