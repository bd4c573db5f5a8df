from django import template
from django.conf import settings
from django.db.models import Exists, OuterRef
from wagtail.models import Page
from wagtail_localize.models import StringSegment, StringTranslation

from core.i18n import in_other_language
from core.templatetags.portal_tags import language_alternates

register = template.Library()


def german_original_if_machine_translated(page):
    """The German page, if ``page`` is a translation that still shows machine-translated
    strings no editor has reviewed; otherwise None.

    One query, and none for a German page: it fetches the German original only if one of
    its current source strings has a machine translation into ``page``'s language within
    an active wagtail-localize translation.
    """
    if not isinstance(page, Page) or not page.pk:
        return None
    if page.locale.language_code == settings.LANGUAGE_CODE:  # page.locale is cached by base.html
        return None
    unreviewed = StringTranslation.objects.filter(
        locale_id=page.locale_id,
        translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE,
        context__object_id=page.translation_key,
    ).filter(
        Exists(
            StringSegment.objects.filter(
                source__object_id=OuterRef("context__object_id"),
                source__translations__target_locale_id=page.locale_id,
                source__translations__enabled=True,
                string_id=OuterRef("translation_of_id"),
                context_id=OuterRef("context_id"),
            )
        )
    )
    return (
        Page.objects.filter(
            translation_key=page.translation_key,
            locale__language_code=settings.LANGUAGE_CODE,
            live=True,
        )
        .filter(Exists(unreviewed))
        .only("id", "url_path", "path", "depth", "locale_id", "translation_key")
        .first()
    )


@register.inclusion_tag("localization/machine_translation_notice.html", takes_context=True)
def machine_translation_notice(context):
    """A note above a page's content that it was translated automatically."""
    page = context.get("page")
    original = german_original_if_machine_translated(page)
    request = context.get("request")
    return {
        "original": original,
        "original_url": original.get_url(request) if original is not None else "",
    }


@register.inclusion_tag("localization/fallback_notice.html", takes_context=True)
def fallback_notice(context):
    """Above a page shown in German in another language's frame (``localization.fallbacks``):
    that it exists only in German so far, with links to the languages it exists in."""
    page = context.get("page")
    if not isinstance(page, Page) or not page.pk or not in_other_language(page):
        return {"shown": False}
    versions = [
        alternate
        for alternate in language_alternates(context)
        if not alternate.get("is_fallback") and not alternate["current"]
    ]
    return {"shown": True, "versions": versions}
