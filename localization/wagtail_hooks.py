from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from localization import views


@hooks.register("register_admin_urls")
def register_admin_urls():
    # Admin URLs require wagtailadmin.access_admin: every editor and translator has it.
    return [
        path(
            "reports/translation-status/",
            views.status_report,
            name="localization_status_report",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_status_report_menu_item():
    return MenuItem(
        _("Translation status"),
        reverse("localization_status_report"),
        name="translation-status",
        icon_name="globe",
        order=1100,
    )
