"""The admin speaks German to every editor until they choose another language."""

from django.conf import settings
from django.utils import translation


class AdminLanguageMiddleware:
    """On admin URLs, ignore the browser's Accept-Language: the editorial team works in German,
    and an editor whose browser happens to ask for English would otherwise get admin labels
    that match neither the editor guide (docs/redaktion/) nor their colleagues' screens.

    Wagtail still applies an editor's own choice ("Konto" → "Sprache"), which it reads after
    this middleware. Sits right below LocaleMiddleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith(settings.ADMIN_URL_PREFIXES):
            translation.activate(settings.LANGUAGE_CODE)
            request.LANGUAGE_CODE = settings.LANGUAGE_CODE
        return self.get_response(request)
