from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from feedback import views


@hooks.register("register_admin_urls")
def feedback_urls():
    return [
        path("feedback/", views.reports, name="feedback_reports"),
        path("feedback/<int:page_id>/", views.report, name="feedback_report"),
        path("feedback/<int:page_id>/export.csv", views.export, name="feedback_export"),
    ]


class FeedbackMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(views.PERMISSION)


@hooks.register("register_admin_menu_item")
def feedback_menu_item():
    return FeedbackMenuItem(
        _("Feedback"), reverse("feedback_reports"), name="feedback", icon_name="comment", order=320
    )
