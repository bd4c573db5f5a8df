"""The programmes app: the offer finder and the programme pages.

Page models and the modules that present them: ``programmes.models`` must not import a
module that imports it (``programmes.queries`` queries ``ProgrammePage``). Where a page needs
such a module, ``models.py`` declares the attribute with ``None`` and ``ready()`` below binds
it. Every app with pages does it the same way (see tests/test_layering.py).
"""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammesConfig(AppConfig):
    name = "programmes"
    verbose_name = _("Programmes")

    def ready(self):
        # Imported once the app registry is ready: these modules import programmes.models.
        from programmes import queries, sections  # noqa: F401  (sections: the home-page section)
        from programmes.models import ProgrammeIndexPage

        ProgrammeIndexPage.finder_class = queries.Finder
