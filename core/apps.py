from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Portal foundation")

    def ready(self):
        from .locales import sync_locales

        post_migrate.connect(sync_locales, sender=self)
