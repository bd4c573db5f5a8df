"""The factories build pages that the portal serves, on a site of their own beside the demo."""

from wagtail.models import Site

from tests.factories import (
    ContentPageFactory,
    CoursePageFactory,
    EventIndexPageFactory,
    EventPageFactory,
    OwnSiteFactory,
    PlaceFactory,
    PressReleaseIndexPageFactory,
    PressReleasePageFactory,
    ProgrammeIndexPageFactory,
    ProgrammePageFactory,
    TargetGroupFactory,
    TopicFactory,
)


def test_every_page_type_is_served_on_its_own_site(client, demo):
    site = OwnSiteFactory()
    home = site.root_page
    finder = ProgrammeIndexPageFactory(parent=home)
    programme = ProgrammePageFactory(
        parent=finder,
        title="Elterncafé im Stadtteil",
        topics=[TopicFactory(name="Bindung", slug="bindung")],
        target_groups=[TargetGroupFactory(name="Eltern", slug="eltern")],
        places=[PlaceFactory(name="Familienzentrum Nord")],
    )
    calendar = EventIndexPageFactory(parent=home)
    event = EventPageFactory(parent=calendar, title="Fachtag Bindung")
    event.save_revision().publish()
    course = CoursePageFactory(parent=calendar, title="Babymassage")
    press = PressReleaseIndexPageFactory(parent=home)
    release = PressReleasePageFactory(parent=press, title="Neues Elterncafé")
    about = ContentPageFactory(parent=home, title="Über uns")

    assert Site.objects.count() == 2  # the demo site is still there, for other hosts
    for page, text in [
        (home, "Start"),
        (finder, "Elterncafé im Stadtteil"),
        (programme, "Familienzentrum Nord"),
        (calendar, "Fachtag Bindung"),
        (event, "Fachtag Bindung"),
        (course, "Babymassage"),
        (press, "Neues Elterncafé"),
        (release, "Neues Elterncafé"),
        (about, "Über uns"),
    ]:
        response = client.get(page.get_url())
        assert response.status_code == 200, page.get_url()
        assert text in response.content.decode(), page.get_url()
    assert "LoGiK" not in client.get(finder.get_url()).content.decode()  # not the demo's
