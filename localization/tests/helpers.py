"""Helpers shared by the localization tests."""

from django.test import TestCase
from wagtail.models import Locale
from wagtail_localize.models import Translation
from wagtail_localize.operations import TranslationCreator


def localize(page, language, user=None):
    """Translate ``page`` through wagtail-localize, as "Translate this page" in the admin
    does: extract its strings, create the Translation record and the translated page, then
    publish it (a new translation starts as a draft, see
    WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE)."""
    locale = Locale.objects.get(language_code=language)
    with published_on_commit():
        TranslationCreator(user, [locale]).create_translations(page)
    translation = Translation.objects.get(
        source__object_id=page.translation_key, target_locale=locale
    )
    with published_on_commit():
        translation.save_target(user=user, publish=True)
    return translation, page.get_translation(locale).specific


def published_on_commit():
    """wagtail-localize publishes translated pages on commit; tests run inside a transaction
    that never commits, so run those callbacks at the end of the block."""
    return TestCase.captureOnCommitCallbacks(execute=True)
