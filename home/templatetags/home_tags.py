from django import template
from wagtail.models import Locale

register = template.Library()


@register.simple_tag
def sign_language_page():
    """The live page in German Sign Language for the footer: in the active language's tree
    where there is one, else the German one; None where the site has none."""
    from home.models import SignLanguagePage

    pages = SignLanguagePage.objects.live().public().select_related("locale")
    active, default = Locale.get_active(), Locale.get_default()
    found = {page.locale_id: page for page in pages.filter(locale__in=[active, default])}
    return found.get(active.pk) or found.get(default.pk)
