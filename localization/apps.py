from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LocalizationConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "localization"
    verbose_name = _("Translation of content")

    def ready(self):
        # The root node is a plain Page, so no page type can say how the admin lists its
        # children (the home page of each language): Wagtail's default, the most recently
        # edited first, put the German home last. Tree order instead, with the German home
        # first (wagtail_hooks.source_language_home_first); every other page keeps its
        # type's default.
        # The app registry must be ready to import Page.
        from wagtail.models import Page

        default_ordering = Page.get_admin_default_ordering

        def get_admin_default_ordering(page):
            return "ord" if page.is_root() else default_ordering(page)

        Page.get_admin_default_ordering = get_admin_default_ordering
