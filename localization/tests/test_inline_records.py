"""Inline records (forums, rounds, agenda items, course exceptions, sub-projects, funding
notes, partners' roles, key figures) reach translators: wagtail-localize extracts their words
as segments of the page they belong to."""

import pytest
from wagtail.models import TranslatableMixin
from wagtail_localize.models import StringSegment, TranslationSource

from events.models import (
    AgendaItem,
    CourseException,
    CoursePage,
    EventDownload,
    EventPage,
    Forum,
    Round,
)
from programmes.models import (
    ProgrammeFigure,
    ProgrammeFunding,
    ProgrammePage,
    ProgrammePartner,
    SubProject,
)


def segments(page):
    source, _created = TranslationSource.get_or_create_from_instance(page.specific)
    return set(StringSegment.objects.filter(source=source).values_list("string__data", flat=True))


@pytest.mark.parametrize(
    "model",
    [
        Round,
        Forum,
        AgendaItem,
        CourseException,
        EventDownload,
        SubProject,
        ProgrammeFunding,
        ProgrammePartner,
        ProgrammeFigure,
    ],
)
def test_inline_records_with_words_are_translatable(model):
    assert issubclass(model, TranslatableMixin), model


def test_conference_forums_rounds_and_agenda_are_segments(demo):
    conference = (
        EventPage.objects.filter(locale__language_code="de", forums__isnull=False)
        .distinct()
        .first()
    )
    strings = segments(conference)
    forum = conference.forums.first()
    agenda_item = conference.agenda_items.exclude(title="").first()
    assert forum.title in strings
    assert conference.rounds.first().title in strings
    assert agenda_item.title in strings


def test_course_exceptions_are_segments(demo):
    course = (
        CoursePage.objects.filter(locale__language_code="de", exceptions__reason__gt="")
        .distinct()
        .first()
    )
    assert course is not None, "the demo needs a course with a cancelled or moved session"
    exception = course.exceptions.exclude(reason="").first()
    assert exception.reason in segments(course)


def test_programme_sub_projects_funding_notes_partners_and_figures_are_segments(demo):
    programme = (
        ProgrammePage.objects.filter(locale__language_code="de", sub_projects__isnull=False)
        .distinct()
        .first()
    )
    strings = segments(programme)
    sub_project = programme.sub_projects.first()
    funding = programme.fundings.exclude(period_note="").first()
    partner = programme.partners.exclude(role="").first()
    figure = programme.figures.first()
    assert sub_project.title in strings
    assert sub_project.summary in strings
    assert funding.period_note in strings
    assert partner.role in strings
    assert figure.label in strings
