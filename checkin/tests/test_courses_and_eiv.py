"""A course's attendance per session at the door, and the EFN list for the Ärztekammer."""

from datetime import time, timedelta

import pytest
from django.utils import timezone

from checkin import services
from checkin.certificates import attended, attended_all
from checkin.demo import add_participants
from checkin.eiv import eiv_report
from core.demo_builder import DemoBuilder
from events.models import EventPage, Session
from events.tests.conftest import make_course, weekly
from registrations import services as registrations
from registrations.models import Attendance, Registration
from registrations.passes import pass_code

from .test_checkin import book, organiser  # noqa: F401

DOCTOR = "802760012345673"
OTHER_DOCTOR = "802760601234569"


def course(site, *, count=5, **fields):
    """A course of ``count`` weekly sessions, the first one today at 18:00, and a second
    group on the following day."""
    today = timezone.localdate()
    return make_course(
        site,
        title="wir2 Bindungstraining",
        schedules=[
            {
                "place": site["wehlheiden"],
                "first_date": today,
                "start_time": time(18, 0),
                "recurrence": weekly(count=count),
            },
            {
                "place": site["rothenditmold"],
                "first_date": today + timedelta(days=1),
                "start_time": time(9, 30),
                "recurrence": weekly(count=count),
            },
        ],
        registration_enabled=True,
        # Open after the first session has begun: people join in the first weeks.
        registration_closes_at=timezone.now() + timedelta(days=30),
        consent_text="Ich bin einverstanden.",
        **fields,
    )


def join(page, name, email, schedule_index=0):
    schedule = page.schedules.order_by("sort_order", "pk")[schedule_index]
    registration, _created = registrations.register(
        page,
        details={"name": name, "email": email},
        forums={},
        language="de",
        consent_text="Ich bin einverstanden.",
        group=schedule,
    )
    registrations.confirm_email(registration)
    return Registration.objects.select_related("page").get(pk=registration.pk)


def sessions_of(page, schedule_index=0):
    key = page.schedules.order_by("sort_order", "pk")[schedule_index].key
    return list(Session.objects.filter(page=page, schedule_key=key).order_by("starts_at"))


def test_the_door_of_a_course_checks_people_in_for_todays_session(
    organiser,  # noqa: F811
    calendar_site,
):
    page = course(calendar_site)
    mira = join(page, "Mira Şahin", "mira@example.org")
    today = sessions_of(page)[0]

    door = organiser.get(f"/admin/check-in/{page.pk}/?q=sahin")
    html = door.content.decode()
    assert 'name="session"' in html and f'value="{today.pk}" selected' in html
    assert "Mira Şahin" in html

    organiser.post(f"/admin/check-in/{page.pk}/mark/", {"registration": mira.pk})
    arrival = Attendance.objects.get(registration=mira)
    assert arrival.session == today and arrival.forum is None

    again = organiser.post(
        f"/admin/check-in/{page.pk}/scan/", {"code": pass_code(mira), "session": today.pk}
    )
    assert again.json()["state"] == services.ALREADY
    assert Attendance.objects.filter(registration=mira).count() == 1

    next_week = sessions_of(page)[1]
    scanned = organiser.post(
        f"/admin/check-in/{page.pk}/scan/", {"code": pass_code(mira), "session": next_week.pk}
    )
    assert scanned.json()["state"] == services.CHECKED_IN
    assert Attendance.objects.filter(registration=mira).count() == 2

    figures = organiser.get(f"/admin/check-in/{page.pk}/figures/?session={today.pk}")
    assert "1 von 1 eingetroffen" in figures.content.decode()


def test_someone_of_the_other_group_is_told_so(organiser, calendar_site):  # noqa: F811
    page = course(calendar_site)
    tom = join(page, "Tom Weber", "tom@example.org", schedule_index=1)
    tuesday = sessions_of(page)[0]
    answer = organiser.post(
        f"/admin/check-in/{page.pk}/scan/", {"code": pass_code(tom), "session": tuesday.pk}
    )
    assert answer.json()["state"] == services.REFUSED
    assert "in einer anderen Gruppe" in answer.json()["html"]
    assert not Attendance.objects.filter(registration=tom).exists()


def test_the_certificate_of_a_course_needs_its_share_of_sessions(calendar_site):
    page = course(calendar_site, count=10, certificate=True, certificate_threshold=80)
    mira = join(page, "Mira Şahin", "mira@example.org")
    sessions = sessions_of(page)
    for session in sessions[:7]:
        services.check_in(mira, session=session)
    seven = attended(mira)
    assert (seven.planned, len(seven.sessions), seven.share, seven.due) == (10, 7, 70, False)

    services.check_in(mira, session=sessions[7])
    eight = attended(mira)
    assert (eight.share, eight.due) == (80, True)
    assert eight.hours == 12  # eight sessions of 90 minutes


@pytest.fixture
def accredited(conference):
    conference.vnr = "2760602026000100017"
    conference.cme_points = 6
    conference.registration_capacity = 10
    conference.save()
    return conference


def test_the_eiv_list_names_each_doctor_who_arrived_once(accredited):
    anna = book(accredited, "Dr. Anna Müller", "anna@example.org")
    bert = book(accredited, "Dr. Bert Braun", "bert@example.org")
    cem = book(accredited, "Cem Kaya", "cem@example.org")
    for registration, efn in ((anna, DOCTOR), (bert, OTHER_DOCTOR)):
        registration.efn = efn
        registration.save()
    services.check_in(anna)
    services.check_in(cem)  # arrived, but gave no EFN
    # Bert booked and gave his EFN, but did not come: he gets no points.

    report = eiv_report(accredited)
    assert report.as_bytes() == f"{DOCTOR}\r\n".encode()
    assert report.filename == "eiv-2760602026000100017.txt"
    assert [r.name for r in report.without_efn] == ["Cem Kaya"]


def test_a_wrong_efn_stored_earlier_is_left_out_and_named(accredited):
    anna = book(accredited, "Dr. Anna Müller", "anna@example.org")
    Registration.objects.filter(pk=anna.pk).update(efn="276012345678900")  # the old layout
    services.check_in(anna)
    report = eiv_report(accredited)
    assert report.efns == [] and [r.name for r in report.invalid] == ["Dr. Anna Müller"]


def test_organisers_download_the_eiv_file(organiser, accredited):  # noqa: F811
    anna = book(accredited, "Dr. Anna Müller", "anna@example.org")
    Registration.objects.filter(pk=anna.pk).update(efn=DOCTOR)
    services.check_in(anna)
    response = organiser.get(f"/admin/check-in/{accredited.pk}/eiv/")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=us-ascii"
    assert 'filename="eiv-2760602026000100017.txt"' in response["Content-Disposition"]
    assert response.content == f"{DOCTOR}\r\n".encode()


def test_an_event_without_vnr_has_no_eiv_file(organiser, conference):  # noqa: F811
    response = organiser.get(f"/admin/check-in/{conference.pk}/eiv/", follow=True)
    assert response.status_code == 404 and "Content-Disposition" not in response


def test_the_eiv_file_is_for_organisers_only(client, accredited, django_user_model):
    user = django_user_model.objects.create_user("redakteur", "r@example.org", "x")
    client.force_login(user)
    response = client.get(f"/admin/check-in/{accredited.pk}/eiv/")
    assert response.status_code == 302  # Wagtail sends those without permission away


def test_the_demo_conference_has_arrived_doctors_for_its_eiv_list(demo_site):
    demo = DemoBuilder()
    add_participants(demo)
    assert demo.created["Anmeldung (Demo)"] == 7
    add_participants(demo)  # run again: nothing more
    assert demo.created["Anmeldung (Demo)"] == 7
    page = EventPage.objects.get(
        slug="jubilaeumstagung-qualitaetszirkel", locale__language_code="de"
    )
    assert services.figures(page).arrived == 5
    report = eiv_report(page)
    # Three doctors arrived with their EFN; the fourth has not come (yet).
    lines = report.as_bytes().decode().split("\r\n")
    assert lines[-1] == "" and sorted(lines[:-1]) == [
        "802760601111114",
        "802760601234569",
        "802760607654323",
    ]
    assert sorted(r.name for r in report.without_efn) == ["Anna-Lena Schäfer", "Olena Kovalenko"]


def test_the_documents_page_offers_the_eiv_list_and_names_who_has_no_efn(
    organiser,  # noqa: F811
    accredited,
):
    anna = book(accredited, "Dr. Anna Müller", "anna@example.org")
    cem = book(accredited, "Cem Kaya", "cem@example.org")
    Registration.objects.filter(pk=anna.pk).update(efn=DOCTOR)
    services.check_in(anna)
    services.check_in(cem)
    html = organiser.get(f"/admin/check-in/{accredited.pk}/documents/").content.decode()
    assert f'href="/admin/check-in/{accredited.pk}/eiv/"' in html
    assert "(1 EFN)" in html
    assert "<bdi>Cem Kaya</bdi>" in html and "<bdi>Dr. Anna Müller</bdi>" not in html


def test_what_people_attended_is_read_in_the_same_queries_for_two_or_ten(
    accredited, django_assert_num_queries
):
    people = [book(accredited, f"Person {n}", f"p{n}@example.org") for n in range(10)]
    for person in people:
        services.check_in(person)
    with django_assert_num_queries(6):
        two = attended_all(accredited, people[:2])
    with django_assert_num_queries(6):
        ten = attended_all(accredited, people)
    assert [r.arrived for r in two + ten] == [True] * 12
    # Nobody was checked in at a forum: the forums they had a place in count.
    assert [f.title for f in ten[0].forums] == ["Forum B", "Forum D"]
