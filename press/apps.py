"""The press app: press releases, their index and feeds.

Page models and the modules that present them: ``press.models`` must not import a module
that imports it (``press.presenters``, ``press.feeds`` query its models). Where a page needs such
a module, ``models.py`` declares the attribute with ``None`` and ``ready()`` below binds it.
Every app with pages does it the same way (see tests/test_layering.py).
"""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PressConfig(AppConfig):
    name = "press"
    verbose_name = _("Press")

    def ready(self):
        # Imported once the app registry is ready: these modules import press.models.
        from press import feeds, presenters, sections  # noqa: F401  (sections: home, programme, event)
        from press.models import PressReleaseIndexPage, PressReleasePage

        PressReleaseIndexPage.index_context = staticmethod(presenters.index_context)
        PressReleaseIndexPage.feed_class = feeds.PressFeed
        PressReleasePage.detail_class = presenters.ReleaseDetail
