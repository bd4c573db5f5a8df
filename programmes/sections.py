"""The programmes' part of the home page: a few current programmes and the way to the finder."""

from core.pages import first_child_of_type
from core.sections import page_section
from programmes.models import ProgrammeIndexPage
from programmes.queries import STATUS_ORDER, visible_programmes, with_card_data

FEATURED_COUNT = 3


@page_section("home", order=10)
def featured_programmes(home, request):
    index = first_child_of_type(home, ProgrammeIndexPage)
    if index is None:
        return None
    latest = with_card_data(
        visible_programmes(index)
        .annotate(status_order=STATUS_ORDER)
        .order_by("status_order", "-first_published_at")[:FEATURED_COUNT],
        home.locale,
    )
    if not latest:
        return None
    return {"template": "programmes/sections/featured.html", "index": index, "programmes": latest}
