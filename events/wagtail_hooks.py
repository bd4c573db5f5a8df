from django.urls import reverse
from django.utils.html import format_html
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from events.models import Speaker


class SpeakerViewSet(SnippetViewSet):
    model = Speaker
    icon = "user"
    list_display = ["name", "role", "locale"]
    search_fields = ["name"]


register_snippet(SpeakerViewSet)


@hooks.register("insert_editor_js")
def javascript_catalogue_again():
    """The admin's JavaScript strings once more, after the editor's form media: the
    recurrence widget brings Django admin's jquery.init.js, which replaces ``window.django``
    and with it the strings loaded in the page head (the course editor went English)."""
    return format_html('<script src="{}"></script>', reverse("javascript-catalog"))
