"""The programmes' part of the home page: a few current programmes and the way to the finder."""

from core.sections import page_section
from programmes.models import ProgrammeIndexPage
from programmes.queries import STATUS_ORDER, visible_programmes, with_card_data

FEATURED_COUNT = 3


@page_section("home", order=10)
def featured_programmes(home, request):
    index = ProgrammeIndexPage.objects.child_of(home).live().first()
    if index is None:
        return None
    latest = list(
        visible_programmes(index)
        .annotate(status_order=STATUS_ORDER)
        .order_by("status_order", "-first_published_at")[:FEATURED_COUNT]
    )
    if not latest:
        return None
    return {
        "template": "programmes/sections/featured.html",
        "index": index,
        "programmes": with_card_data(latest, home.locale),
    }
