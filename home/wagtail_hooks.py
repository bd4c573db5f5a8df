"""Barrier reports from the accessibility statement's form, for the editors: a list and a
detail view. What visitors wrote is read-only; deleting stays possible (personal data)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from home.models import AccessibilityFeedback


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """Nobody adds or edits a visitor's report in the admin, not even an admin."""

    def user_has_permission(self, user, action):
        if action in {"add", "change"}:
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(AccessibilityFeedback, ReadOnlyPermissionPolicy(AccessibilityFeedback))


class AccessibilityFeedbackViewSet(ModelViewSet):
    model = AccessibilityFeedback
    icon = "warning"
    menu_label = _("Barrier reports")
    menu_order = 260
    add_to_admin_menu = True
    inspect_view_enabled = True
    create_view_enabled = False
    copy_view_enabled = False
    list_display = ["message", "page_url", "name", "email", "language", "created_at"]
    list_filter = ["language", "created_at"]
    search_fields = ["message", "page_url", "name", "email"]
    search_backend_name = None  # plain database lookups: these rows are not in the index
    form_fields = ["message"]
    ordering = ["-created_at"]


accessibility_feedback_viewset = AccessibilityFeedbackViewSet("accessibility-feedback")


@hooks.register("register_admin_viewset")
def register_viewset():
    return accessibility_feedback_viewset
