"""The home app: start pages, content and form pages, the accessibility statement.

Page models and the modules that present them: ``home.models`` must not import a module
that imports it (``home.views`` needs ``AccessibilityFeedback`` for its form). Where a page
needs such a module, ``models.py`` declares the attribute with ``None`` and ``ready()``
below binds it. Every app with pages does it the same way (see tests/test_layering.py).
"""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Home and content pages")

    def ready(self):
        # Imported once the app registry is ready: home.views imports home.models. Importing
        # the two registers their e-mails (form notifications, barrier reports).
        from home import form_pages, views  # noqa: F401
        from home.models import AccessibilityStatementPage

        AccessibilityStatementPage.serve_statement = staticmethod(
            views.serve_accessibility_statement
        )
