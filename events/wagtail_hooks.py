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
def recurrence_widget_translations():
    """The recurrence widget's labels (weekdays, "repeat", "until") in the editor's language."""
    return format_html('<script src="{}"></script>', reverse("javascript-catalog"))
