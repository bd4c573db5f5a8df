from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from checkin import document_views, views


@hooks.register("register_admin_urls")
def checkin_urls():
    return [
        path("check-in/", views.events, name="checkin_events"),
        path("check-in/<int:page_id>/", views.door, name="checkin_door"),
        path("check-in/<int:page_id>/mark/", views.mark, name="checkin_mark"),
        path("check-in/<int:page_id>/scan/", views.scan, name="checkin_scan"),
        path("check-in/<int:page_id>/walk-in/", views.walk_in, name="checkin_walk_in"),
        path("check-in/<int:page_id>/efn/", views.add_efn, name="checkin_add_efn"),
        path("check-in/<int:page_id>/figures/", views.figures, name="checkin_figures"),
        path("check-in/<int:page_id>/eiv/", views.eiv, name="checkin_eiv"),
        path(
            "check-in/<int:page_id>/documents/",
            document_views.documents,
            name="checkin_documents",
        ),
        path(
            "check-in/<int:page_id>/documents/badges.pdf",
            document_views.badges,
            name="checkin_badges",
        ),
        path(
            "check-in/<int:page_id>/documents/attendance-list.pdf",
            document_views.attendance_list,
            name="checkin_attendance_list",
        ),
        path(
            "check-in/<int:page_id>/documents/course-list.pdf",
            document_views.course_list,
            name="checkin_course_list",
        ),
        path(
            "check-in/<int:page_id>/documents/certificates.pdf",
            document_views.certificates,
            name="checkin_certificates",
        ),
    ]


class CheckinMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(views.PERMISSION)


@hooks.register("register_admin_menu_item")
def checkin_menu_item():
    return CheckinMenuItem(
        _("Check-in"), reverse("checkin_events"), name="check-in", icon_name="tick", order=310
    )
