"""Languages of the portal: one list in settings drives locales, URLs and the language menu."""

import re

from django.conf import settings
from django.conf.locale import LANG_INFO
from django.utils.translation import get_language_info
from wagtail.models import Locale

# Search engines accept hreflang values of an ISO 639-1 language with an optional region only
# (Google: "de", "de-AT"). Leichte Sprache ("de-x-ls", a private-use subtag) is not one of
# them, and it is German too: announcing it as an alternate would make it compete with the
# German page for the same "de" audience. So it has no hreflang alternates (neither in the
# page head nor in the sitemap) but keeps its entry in the language menu.
HREFLANG_CODE = re.compile(r"[a-z]{2}(-[A-Za-z]{2})?")


def sync_locales(**kwargs):
    """Create a Wagtail Locale for every configured content language (idempotent)."""
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
        "hreflang": has_hreflang(code),
    }


def has_hreflang(code):
    """Whether search engines accept ``code`` as an hreflang value (see HREFLANG_CODE)."""
    return bool(HREFLANG_CODE.fullmatch(code))


def catalogue_language(code):
    """The language whose UI catalogue (locale/<code>/) serves ``code``: its own, or the one
    LANG_INFO names as its fallback (Leichte Sprache uses German's)."""
    fallback = LANG_INFO.get(code, {}).get("fallback")
    return fallback[0] if fallback else code


def catalogue_languages():
    """The site languages that have a catalogue of their own under locale/."""
    return [code for code, _name in settings.LANGUAGES if catalogue_language(code) == code]


def site_languages():
    return [language_info(code) for code, _name in settings.LANGUAGES]
