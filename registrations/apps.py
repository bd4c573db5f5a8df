from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistrationsConfig(AppConfig):
    name = "registrations"
    verbose_name = _("Registrations")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported once the app registry is ready; importing registers what they provide.
        from registrations import (
            emails,  # noqa: F401  (the e-mail builders)
            views,  # noqa: F401  (the registration slot of event pages)
        )
