from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PressConfig(AppConfig):
    name = "press"
    verbose_name = _("Press")

    def ready(self):
        from press import sections  # noqa: F401  (home, programme and event sections)
