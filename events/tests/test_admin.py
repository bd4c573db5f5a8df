"""Editors create a course with two schedules and an exception in the admin; publishing
writes its sessions."""

from datetime import date, time

import recurrence
from django.contrib.auth import get_user_model
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from events.models import CoursePage, CourseSchedule, EventIndexPage, Session
from events.tests.conftest import local


def course_form(*, schedules, exceptions=(), **fields):
    """The course editor's form as the browser sends it, with the schedule's own fields."""
    return nested_form_data(
        {
            "teaser": "Ein Kurs.",
            "body": streamfield([]),
            "status": "scheduled",
            "audience": "families",
            "is_free": "on",
            "hold_minutes": "30",
            "reminder_days": "2",
            "certificate_threshold": "80",
            **fields,
            "schedules": inline_formset(list(schedules)),
            "exceptions": inline_formset(list(exceptions)),
            "languages": inline_formset([]),
            "organisers": inline_formset([]),
        }
    )


class CourseAdminTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        from wagtail.models import Page

        from home.models import HomePage

        root = Page.get_first_root_node()
        home = root.add_child(instance=HomePage(title="Start", slug="start-admin"))
        cls.index = home.add_child(instance=EventIndexPage(title="Kalender", slug="kalender"))
        cls.user = get_user_model().objects.create_superuser("redaktion", "r@example.org", "x")

    def setUp(self):
        self.client.force_login(self.user)

    def test_editor_publishes_a_course_and_its_sessions_appear(self):
        data = course_form(
            title="Elterncafé",
            slug="elterncafe",
            teaser="Jeden Dienstag offen für alle Eltern.",
            body=streamfield([("paragraph", rich_text("<p>Kommen Sie vorbei.</p>"))]),
            schedules=[
                {
                    "first_date": "2027-03-02",
                    "start_time": "18:00",
                    "duration": "90",
                    "recurrence_freq": "WEEKLY",
                    "recurrence_interval": "1",
                    "recurrence_byday": "TU",
                    "recurrence_count": "6",
                },
                {
                    "first_date": "2027-03-04",
                    "start_time": "09:30",
                    "duration": "60",
                    "recurrence_freq": "",
                },
            ],
            exceptions=[{"date": "2027-03-16", "action": "cancel", "reason": "Ferien"}],
            **{"action-publish": "publish"},
        )
        self.assertCanCreate(self.index, CoursePage, data)
        course = CoursePage.objects.get(slug="elterncafe", locale__language_code="de")
        sessions = list(Session.objects.filter(page=course))
        assert len(sessions) == 7
        cancelled = [s for s in sessions if s.is_cancelled]
        assert [s.starts_at for s in cancelled] == [
            local(__import__("datetime").datetime(2027, 3, 16, 18))
        ]
        assert sessions[-1].starts_at.astimezone(cancelled[0].starts_at.tzinfo).date() == date(
            2027, 4, 6
        )

    def test_the_schedule_editor_shows_the_saved_rule_in_german(self):
        """The schedule is asked for in plain fields (no jQuery widget of its own), with the
        saved weekday ticked, and in German."""
        course = CoursePage(title="Kurs", slug="kurs-widget", teaser="Ein Kurs.")
        course.schedules = [
            CourseSchedule(
                first_date=date(2027, 3, 2),
                start_time=time(16),
                recurrence=recurrence.Recurrence(
                    rrules=[recurrence.Rule(recurrence.WEEKLY, count=20, byday=[recurrence.TU])]
                ),
            )
        ]
        self.index.add_child(instance=course)
        response = self.client.get(f"/admin/pages/{course.pk}/edit/", HTTP_ACCEPT_LANGUAGE="de")
        assert response.status_code == 200
        html = response.content.decode()
        assert "recurrence-widget" not in html
        assert "jquery.init.js" not in html
        assert 'name="schedules-0-recurrence_byday" value="TU" checked' in html
        assert 'name="schedules-0-recurrence_byday" value="MO">' in html
        assert (
            'name="schedules-0-recurrence_count" id="id_schedules-0-recurrence_count" value="20"'
            in html
        )
        assert '<option value="WEEKLY" selected>' in html
        for words in ("Dienstag", "An diesen Wochentagen", "Termine dieser Terminreihe"):
            assert words in html

    def test_a_rule_with_both_an_end_count_and_a_last_date_is_refused(self):
        data = course_form(
            title="Kurs ohne klares Ende",
            slug="kurs-ohne-ende",
            schedules=[
                {
                    "first_date": "2027-03-02",
                    "start_time": "18:00",
                    "duration": "90",
                    "recurrence_freq": "WEEKLY",
                    "recurrence_count": "6",
                    "recurrence_until": "2027-05-01",
                }
            ],
        )
        response = self.client.post(
            f"/admin/pages/add/events/coursepage/{self.index.pk}/", data, HTTP_ACCEPT_LANGUAGE="de"
        )
        assert response.status_code == 200
        assert "nicht beides" in response.content.decode()
        assert not CoursePage.objects.filter(slug="kurs-ohne-ende").exists()
