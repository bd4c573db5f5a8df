from django.apps import apps
from django.core.management import call_command
from wagtail.contrib.redirects.models import Redirect
from wagtail.images import get_image_model
from wagtail.models import Page, Revision, Site

from core.models import OrganisationSettings
from home.models import ContentPage, HomePage


def snapshot():
    return {
        "pages": sorted(Page.objects.values_list("url_path", "locale__language_code", "live")),
        "revisions": Revision.objects.count(),
        "images": get_image_model().objects.count(),
        "sites": Site.objects.count(),
        "redirects": Redirect.objects.count(),
        "records": {
            model.__name__: model.objects.count()
            for model in apps.get_app_config("directory").get_models()
        },
    }


def empty_site():
    """What a fresh database holds: no pages below the root, no images, no records."""
    Page.objects.filter(depth__gt=1).delete()
    get_image_model().objects.all().delete()
    for model in apps.get_app_config("directory").get_models():
        model.objects.all().delete()


def test_load_demo_twice_creates_nothing_twice(db):
    empty_site()
    call_command("load_demo", verbosity=0)
    first = snapshot()
    call_command("load_demo", verbosity=0)
    assert snapshot() == first
    assert first["redirects"] == 0
    assert first["sites"] == 1
    assert first["records"]["Topic"] == 6 * 5  # six topics in five languages
    assert first["pages"] and first["images"]


def test_demo_site_tree(demo_site):
    home = demo_site.root_page.specific
    assert isinstance(home, HomePage)
    assert home.locale.language_code == "de"
    # Wagtail's welcome page is gone; the only top-level pages are the homes per language.
    tops = Page.objects.filter(depth=2)
    assert {page.specific_class for page in tops} == {HomePage}
    assert sorted(tops.values_list("locale__language_code", flat=True)) == sorted(
        ["de", "de-x-ls", "en", "tr", "ar", "uk"]
    )
    about = home.get_children().get(slug="ueber-uns").specific
    assert isinstance(about, ContentPage) and about.live and about.show_in_menus


def test_demo_has_english_home_and_about(demo_site):
    english = Page.objects.get(depth=2, locale__language_code="en").specific
    assert english.title == "Home"
    assert english.translation_key == demo_site.root_page.translation_key
    about = english.get_children().get(slug="about-us").specific
    assert about.title == "About us"
    assert "early help" in str(about.body).lower()


def test_demo_fills_organisation_settings(demo_site):
    organisation = OrganisationSettings.for_site(demo_site)
    assert organisation.name
    assert organisation.imprint_page.slug == "impressum"
    assert organisation.accessibility_page.live


def test_demo_images_have_alt_text(demo_site):
    for image in get_image_model().objects.all():
        assert image.description.strip(), image.title
        assert image.file.storage.exists(image.file.name)


def test_load_demo_rebuilds_after_flush(transactional_db):
    """After a database flush (no root page, no locales) the command builds a whole site."""
    Page.objects.all().delete()
    call_command("load_demo", verbosity=0)
    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
