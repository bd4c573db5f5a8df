import itertools

import pytest
from wagtail.models import Locale

from programmes.models import ProgrammeLanguage, ProgrammePage
from tests.factories import (
    DistrictFactory,
    OwnSiteFactory,
    PlaceFactory,
    ProgrammeIndexPageFactory,
    TargetGroupFactory,
    TopicFactory,
)

_counter = itertools.count()


@pytest.fixture
def finder_site(db):
    """A site of its own for the test client (``tests.factories``): German home and
    programme index, one topic, target group, district and place. The demo site stays, for
    other hosts."""
    home = OwnSiteFactory().root_page
    return {
        "home": home,
        "index": ProgrammeIndexPageFactory(parent=home),
        "topic": TopicFactory(name="Beratung", slug="beratung"),
        "group": TargetGroupFactory(name="Alleinerziehende", slug="alleinerziehende"),
        "district": DistrictFactory(name="Kassel", slug="kassel"),
        "place": PlaceFactory(name="Familienzentrum"),
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
