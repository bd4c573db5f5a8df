from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Home and content pages")

    def ready(self):
        # Registers the e-mails: form notifications and barrier reports.
        from home import form_pages, views  # noqa: F401
