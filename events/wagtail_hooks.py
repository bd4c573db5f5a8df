from django.templatetags.static import static
from django.urls import path
from django.utils.html import format_html
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from events.models import Speaker
from events.schedule_preview import schedule_preview


class SpeakerViewSet(SnippetViewSet):
    model = Speaker
    icon = "user"
    list_display = ["name", "role", "locale"]
    search_fields = ["name"]


register_snippet(SpeakerViewSet)


@hooks.register("register_admin_urls")
def schedule_preview_url():
    return [path("course-schedules/preview/", schedule_preview, name="course_schedule_preview")]


@hooks.register("insert_global_admin_css")
def editor_css():
    return format_html('<link rel="stylesheet" href="{}">', static("css/admin-editor.css"))
