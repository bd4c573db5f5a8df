from django.apps import AppConfig
from django.db.models.signals import post_migrate, post_save
from django.utils.translation import gettext_lazy as _
from wagtail import signals


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Portal foundation")

    def ready(self):
        # Imported once the app registry is ready: these modules use models.
        from .cache import connect_signals
        from .locales import sync_locales
        from .models import PortalImage
        from .renditions import image_saved
        from .request_memo import install as install_request_memo
        from .search_index import page_published, page_unpublished

        install_request_memo()
        post_migrate.connect(sync_locales, sender=self)
        connect_signals()
        post_save.connect(image_saved, sender=PortalImage, dispatch_uid="core.renditions")
        signals.page_published.connect(page_published, dispatch_uid="core.search_index")
        signals.page_unpublished.connect(page_unpublished, dispatch_uid="core.search_index")
