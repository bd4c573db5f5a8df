from django.db.models import Case, IntegerField, Value, When
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.models import Locale

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


@hooks.register("construct_explorer_page_queryset")
def source_language_home_first(parent_page, pages, request):
    """Below the root, the home pages of the languages: the German one first, the others
    in tree order (the root lists its children in tree order, see ``apps.py``)."""
    if not parent_page.is_root():
        return pages
    default = Locale.get_default()
    return pages.order_by(
        Case(
            When(locale_id=default.pk, then=Value(0)), default=Value(1), output_field=IntegerField()
        ),
        "path",
    )
