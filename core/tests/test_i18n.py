"""Records and pages shown in the visitor's language (``core.i18n``)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from core.i18n import localize_all, localized_rows
from programmes.models import ProgrammePage
from tests.factories import (
    OwnSiteFactory,
    ProgrammeIndexPageFactory,
    ProgrammePageFactory,
    TopicFactory,
)


def english():
    return Locale.objects.get(language_code="en")


def translated(record, locale, **fields):
    copy = record.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.save()
    return copy


def test_records_of_a_relation_in_the_visitors_language_in_one_query(demo):
    site = OwnSiteFactory()
    finder = ProgrammeIndexPageFactory(parent=site.root_page)
    bonding = TopicFactory(name="Bindung", slug="t-bindung")
    health = TopicFactory(name="Gesundheit", slug="t-gesundheit")
    TopicFactory(name="Armut", slug="t-armut")  # not linked: never shown
    translated(bonding, english(), name="Attachment")
    page = ProgrammePageFactory(parent=finder, topics=[health, bonding])

    locale = english()
    with CaptureQueriesContext(connection) as queries:
        shown = localized_rows(page.topics.all(), locale)
    assert len(queries) == 1
    # In the German order (by name), each translated where it is, else in German.
    assert [topic.name for topic in shown] == ["Attachment", "Gesundheit"]
    two_queries = localize_all(list(page.topics.all()), english())
    assert [topic.pk for topic in shown] == [topic.pk for topic in two_queries]
    in_german = localized_rows(page.topics.all(), page.locale)
    assert [topic.name for topic in in_german] == ["Bindung", "Gesundheit"]


def test_a_page_shows_in_the_visitors_language_only_once_its_translation_is_live(demo):
    site = OwnSiteFactory()
    finder = ProgrammeIndexPageFactory(parent=site.root_page)
    page = ProgrammePageFactory(parent=finder, title="Elterncafé")
    draft = page.copy_for_translation(english(), copy_parents=True)
    draft.title = "Parents' café"
    draft.save_revision()  # a draft: not shown yet

    pages = ProgrammePage.objects.filter(pk=page.pk)
    assert [p.title for p in localized_rows(pages, english())] == ["Elterncafé"]
    draft.save_revision().publish()
    assert [p.title for p in localized_rows(pages, english())] == ["Parents' café"]
