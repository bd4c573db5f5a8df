"""Editors create a course with two schedules and an exception in the admin; publishing
writes its sessions."""

from datetime import date

from django.contrib.auth import get_user_model
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from events.models import CoursePage, EventIndexPage, Session
from events.tests.conftest import local


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
        data = nested_form_data(
            {
                "title": "Elterncafé",
                "slug": "elterncafe",
                "teaser": "Jeden Dienstag offen für alle Eltern.",
                "body": streamfield([("paragraph", rich_text("<p>Kommen Sie vorbei.</p>"))]),
                "status": "scheduled",
                "audience": "families",
                "is_free": "on",
                "hold_minutes": "30",
                "schedules": inline_formset(
                    [
                        {
                            "first_date": "2027-03-02",
                            "start_time": "18:00",
                            "duration": "90",
                            "recurrence": "RRULE:FREQ=WEEKLY;COUNT=6",
                        },
                        {
                            "first_date": "2027-03-04",
                            "start_time": "09:30",
                            "duration": "60",
                            "recurrence": "",
                        },
                    ]
                ),
                "exceptions": inline_formset(
                    [{"date": "2027-03-16", "action": "cancel", "reason": "Ferien"}]
                ),
                "languages": inline_formset([]),
                "organisers": inline_formset([]),
                "action-publish": "publish",
            }
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

    def test_edit_form_renders_with_the_recurrence_widget(self):
        response = self.client.get(f"/admin/pages/add/events/coursepage/{self.index.pk}/")
        assert response.status_code == 200
        html = response.content.decode()
        assert "recurrence-widget" in html
        assert "/admin/jsi18n/" in html
        catalogue = self.client.get("/admin/jsi18n/", HTTP_ACCEPT_LANGUAGE="de")
        assert "Wiederholen" in catalogue.content.decode() or "Montag" in catalogue.content.decode()
