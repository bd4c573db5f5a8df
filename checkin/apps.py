from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CheckinConfig(AppConfig):
    name = "checkin"
    verbose_name = _("Check-in")

    def ready(self):
        # Imported once the app registry is ready (the views read the models): it fills the
        # personal page's "personal" slot with the link to the certificate (core.sections).
        from checkin import document_views  # noqa: F401
