"""``core.pages.public`` hides exactly what Wagtail's ``public()`` hides, in one query."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from core.pages import public


def test_the_same_pages_as_wagtails_public_in_one_query(demo):
    calendar = Page.objects.get(slug="kalender", locale__language_code="de")
    PageViewRestriction.objects.create(page=calendar, restriction_type="login")
    pages = Page.objects.live()
    assert calendar.get_children().exists()
    with CaptureQueriesContext(connection) as queries:
        ours = set(public(pages).values_list("pk", flat=True))
    assert len(queries) == 1
    assert ours == set(pages.public().values_list("pk", flat=True))
    assert calendar.pk not in ours
    assert not ours & set(calendar.get_descendants().values_list("pk", flat=True))
    assert Page.objects.get(slug="impressum", locale__language_code="de").pk in ours
