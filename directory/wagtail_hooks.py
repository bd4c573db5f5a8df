from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from directory.models import (
    ContactPerson,
    District,
    Funder,
    Organisation,
    Place,
    TargetGroup,
    Topic,
)


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    list_display = ["name", "slug", "locale"]
    search_fields = ["name"]


class TargetGroupViewSet(SnippetViewSet):
    model = TargetGroup
    icon = "group"
    list_display = ["name", "slug", "locale"]
    search_fields = ["name"]


class DistrictViewSet(SnippetViewSet):
    model = District
    icon = "site"
    list_display = ["name", "state"]
    search_fields = ["name"]


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "home"
    list_display = ["name", "kind", "city"]
    list_filter = ["kind"]
    search_fields = ["name", "city"]


class FunderViewSet(SnippetViewSet):
    model = Funder
    icon = "pick"
    list_display = ["name", "funding_programme"]
    search_fields = ["name"]


class PlaceViewSet(SnippetViewSet):
    model = Place
    icon = "location"
    list_display = ["name", "city", "district", "locale"]
    search_fields = ["name", "city"]


class ContactPersonViewSet(SnippetViewSet):
    model = ContactPerson
    icon = "user"
    list_display = ["name", "role", "organisation", "locale"]
    search_fields = ["name"]


class DirectoryViewSetGroup(SnippetViewSetGroup):
    items = (
        TopicViewSet,
        TargetGroupViewSet,
        DistrictViewSet,
        PlaceViewSet,
        OrganisationViewSet,
        FunderViewSet,
        ContactPersonViewSet,
    )
    menu_icon = "folder-open-inverse"
    menu_label = _("Directory")
    menu_name = "directory"


register_snippet(DirectoryViewSetGroup)
