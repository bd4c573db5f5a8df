"""Languages of the portal: one list in settings drives locales, URLs and the language menu."""

from django.conf import settings
from django.utils.translation import get_language_info


def sync_locales(**kwargs):
    """Create a Wagtail Locale for every configured content language (idempotent)."""
    from wagtail.models import Locale

    using = kwargs.get("using", "default")
    existing = set(Locale.objects.using(using).values_list("language_code", flat=True))
    Locale.objects.using(using).bulk_create(
        [
            Locale(language_code=code)
            for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES
            if code not in existing
        ]
    )


def language_info(code):
    """Name in the language itself, and text direction, for one site language."""
    info = get_language_info(code)
    return {
        "code": code,
        "name_local": info["name_local"],
        "bidi": info["bidi"],
        "dir": "rtl" if info["bidi"] else "ltr",
        "is_default": code == settings.LANGUAGE_CODE,
    }


def site_languages():
    return [language_info(code) for code, _name in settings.LANGUAGES]
