import itertools

import pytest
from wagtail.models import Locale, Page, Site

from directory.models import District, Place, TargetGroup, Topic
from home.models import HomePage
from programmes.models import ProgrammeIndexPage, ProgrammeLanguage, ProgrammePage

_counter = itertools.count()


@pytest.fixture
def finder_site(db):
    """A bare site: German home and programme index, one topic, district and place."""
    root = Page.get_first_root_node()
    Page.objects.filter(depth=2).delete()
    home = root.add_child(instance=HomePage(title="Start", slug="start"))
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    index = home.add_child(instance=ProgrammeIndexPage(title="Angebote", slug="angebote"))
    german = Locale.objects.get(language_code="de")
    return {
        "home": home,
        "index": index,
        "topic": Topic.objects.get_or_create(
            slug="beratung", locale=german, defaults={"name": "Beratung"}
        )[0],
        "group": TargetGroup.objects.get_or_create(
            slug="alleinerziehende", locale=german, defaults={"name": "Alleinerziehende"}
        )[0],
        "district": District.objects.get_or_create(slug="kassel", defaults={"name": "Kassel"})[0],
        "place": Place.objects.create(name="Familienzentrum", city="Kassel"),
    }


def make_programmes(site, count, **fields):
    """``count`` live programmes below the site's index, each with a topic, group, place and
    language: enough for every part of a card to be rendered."""
    pages = []
    for _ in range(count):
        number = next(_counter)
        page = ProgrammePage(
            title=f"Programm {number:04d}",
            slug=f"programm-{number}",
            teaser="Ein Angebot für Familien.",
            district=site["district"],
            age_from_months=0,
            age_to_months=36,
            **fields,
        )
        page.topics = [site["topic"]]
        page.target_groups = [site["group"]]
        page.places = [site["place"]]
        page.languages = [ProgrammeLanguage(code="de"), ProgrammeLanguage(code="tr")]
        site["index"].add_child(instance=page)
        pages.append(page)
    return pages


@pytest.fixture
def german():
    return Locale.objects.get(language_code="de")
