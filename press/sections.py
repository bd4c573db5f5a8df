"""Press releases on other pages: the latest on the home page, related ones on programme,
event and course pages."""

from core.i18n import in_other_language, localize_pages, source_of
from core.pages import first_child_of_type, public
from core.sections import page_section
from press.models import PressReleaseIndexPage, PressReleasePage
from press.presenters import with_list_data
from press.queries import visible_releases

HOME_COUNT = 3
RELATED_COUNT = 5


@page_section("home", order=30)
def latest_releases(home, request):
    index = first_child_of_type(home, PressReleaseIndexPage)
    if index is None:  # not translated yet: the German releases, marked as such
        index = PressReleaseIndexPage.objects.child_of(source_of(home)).live().first()
    if index is None:
        return None
    releases = with_list_data(
        visible_releases(index).select_related("locale").order_by("-date", "-pk")[:HOME_COUNT],
        home.locale,
    )
    if not releases:
        return None
    return {"template": "press/sections/latest.html", "index": index, "releases": releases}


def _related(page, field):
    key = page.translation_key
    originals = list(
        public(PressReleasePage.objects.live())
        .filter(**{f"{field}__translation_key": key})
        .filter(locale__language_code="de")
        .distinct()
        .order_by("-date", "-pk")[:RELATED_COUNT]
    )
    releases = localize_pages(originals, page.locale)
    for release in releases:
        release.is_fallback = in_other_language(release, page.locale)
    return releases


@page_section("programme", order=30)
def programme_releases(programme, request):
    releases = _related(programme, "programmes")
    if not releases:
        return None
    return {"template": "press/sections/related.html", "releases": releases}


@page_section("calendar", order=30)
def event_releases(page, request):
    releases = _related(page, "events")
    if not releases:
        return None
    return {"template": "press/sections/related.html", "releases": releases}
