"""Factories for the portal's page types and records (factory_boy, wagtail-factories).

A unit test builds what it needs on a site of its own with these, instead of deleting the
demo tree (seconds per test) or asserting the demo's copy, which an editor may change::

    site = OwnSiteFactory()                      # a German home for the test client's host
    finder = ProgrammeIndexPageFactory(parent=site.root_page)
    ProgrammePageFactory(parent=finder, topics=[TopicFactory(slug="bindung")])

The own site answers the test client's host (``testserver``); the demo site, still in the
database, answers every other host and is not touched. Pages are created live, as
``add_child`` leaves them; call ``page.save_revision().publish()`` where a test needs a
revision (sessions of a course are written when it is published).
"""

import datetime
import itertools

import factory
import wagtail_factories
from django.utils import timezone
from factory.django import DjangoModelFactory
from wagtail.models import Locale, Page, Site

from directory.models import District, Place, TargetGroup, Topic
from events.models import CoursePage, EventIndexPage, EventPage
from home.models import ContentPage, HomePage
from press.models import PressReleaseIndexPage, PressReleasePage
from programmes.models import ProgrammeIndexPage, ProgrammeLanguage, ProgrammePage

_numbers = itertools.count(1)


def german():
    # get_or_create: a transactional test before may have emptied the database
    return Locale.objects.get_or_create(language_code="de")[0]


def tree_root():
    return Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", locale=german()))


# --- Records (snippets) ------------------------------------------------------------------


class VocabularyFactory(DjangoModelFactory):
    class Meta:
        abstract = True
        django_get_or_create = ("slug", "locale")

    name = factory.Sequence(lambda n: f"Begriff {n}")
    slug = factory.Sequence(lambda n: f"begriff-{n}")
    locale = factory.LazyFunction(german)


class TopicFactory(VocabularyFactory):
    class Meta:
        model = Topic


class TargetGroupFactory(VocabularyFactory):
    class Meta:
        model = TargetGroup


class DistrictFactory(DjangoModelFactory):
    class Meta:
        model = District
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Landkreis {n}")
    slug = factory.Sequence(lambda n: f"landkreis-{n}")


class PlaceFactory(DjangoModelFactory):
    class Meta:
        model = Place

    name = factory.Sequence(lambda n: f"Familienzentrum {n}")
    city = "Kassel"
    locale = factory.LazyFunction(german)


# --- Pages -------------------------------------------------------------------------------


class PortalPageFactory(wagtail_factories.PageFactory):
    """A live German page with a unique slug below ``parent``."""

    class Meta:
        abstract = True

    title = factory.Sequence(lambda n: f"Seite {n}")
    # One counter for every page type: siblings of different types never share a slug (each
    # factory's own Sequence would start at the same number).
    slug = factory.LazyFunction(lambda: f"seite-{next(_numbers)}")
    locale = factory.LazyFunction(german)


class HomePageFactory(PortalPageFactory):
    class Meta:
        model = HomePage

    title = "Start"
    parent = factory.LazyFunction(tree_root)


class OwnSiteFactory(wagtail_factories.SiteFactory):
    """A site with a German home of its own for the test client's host."""

    class Meta:
        model = Site

    hostname = "testserver"
    port = 80
    site_name = "Test"
    is_default_site = False
    root_page = factory.SubFactory(HomePageFactory)


class ContentPageFactory(PortalPageFactory):
    class Meta:
        model = ContentPage

    introduction = "Eine Seite zum Lesen."


class ProgrammeIndexPageFactory(PortalPageFactory):
    class Meta:
        model = ProgrammeIndexPage

    title = "Angebote"
    slug = "angebote"


class ProgrammePageFactory(PortalPageFactory):
    """A running programme for families with children up to three years."""

    class Meta:
        model = ProgrammePage

    title = factory.Sequence(lambda n: f"Programm {n:04d}")
    teaser = "Ein Angebot für Familien."
    age_from_months = 0
    age_to_months = 36

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        if create and any(results.values()):
            instance.save()  # ParentalManyToManyField values are stored when the page is

    @factory.post_generation
    def topics(page, create, topics, **kwargs):
        if topics:
            page.topics.set(topics)
        return bool(topics)

    @factory.post_generation
    def target_groups(page, create, groups, **kwargs):
        if groups:
            page.target_groups.set(groups)
        return bool(groups)

    @factory.post_generation
    def places(page, create, places, **kwargs):
        if places:
            page.places.set(places)
        return bool(places)

    @factory.post_generation
    def languages(page, create, codes, **kwargs):
        """Language codes the offer is held in, e.g. ``languages=["de", "tr"]``."""
        if codes:
            page.languages = [ProgrammeLanguage(code=code) for code in codes]
        return bool(codes)


class EventIndexPageFactory(PortalPageFactory):
    class Meta:
        model = EventIndexPage

    title = "Kalender"
    slug = "kalender"


def _next_month():
    start = timezone.now().replace(microsecond=0) + datetime.timedelta(days=30)
    return start.replace(hour=9, minute=0, second=0)


class EventPageFactory(PortalPageFactory):
    """A one-day event a month from now, 9 to 16 o'clock."""

    class Meta:
        model = EventPage

    title = factory.Sequence(lambda n: f"Veranstaltung {n:04d}")
    teaser = "Eine Veranstaltung."
    start = factory.LazyFunction(_next_month)
    end = factory.LazyAttribute(lambda page: page.start + datetime.timedelta(hours=7))


class CoursePageFactory(PortalPageFactory):
    class Meta:
        model = CoursePage

    title = factory.Sequence(lambda n: f"Kurs {n:04d}")
    teaser = "Ein Kurs für Eltern."


class PressReleaseIndexPageFactory(PortalPageFactory):
    class Meta:
        model = PressReleaseIndexPage

    title = "Presse"
    slug = "presse"


class PressReleasePageFactory(PortalPageFactory):
    class Meta:
        model = PressReleasePage

    title = factory.Sequence(lambda n: f"Pressemitteilung {n:04d}")
    teaser = "Eine Mitteilung."
