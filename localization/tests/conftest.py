import pytest
from django.contrib.auth.models import Group, Permission
from wagtail.models import Page


@pytest.fixture
def editor(django_user_model):
    """An editor who may use the admin and edit and publish every page (not a superuser)."""
    from wagtail.models import GroupPagePermission

    group = Group.objects.create(name="Test-Redaktion")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    group.permissions.add(Permission.objects.get(codename="submit_translation"))
    root = Page.get_first_root_node()
    for codename in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.create(
            group=group, page=root, permission=Permission.objects.get(codename=codename)
        )
    user = django_user_model.objects.create_user("redakteurin", "r@example.org", "pw")
    user.groups.add(group)
    return user
