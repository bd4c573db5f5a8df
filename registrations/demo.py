"""The organisers' group: the only editors (besides admins) who see registrations."""

from django.contrib.auth.models import Group, Permission

ORGANISERS = "Veranstaltungsorganisation"


def load(demo):
    group, created = Group.objects.get_or_create(name=ORGANISERS)
    wanted = Permission.objects.filter(
        content_type__app_label="registrations",
        codename__in=["view_registration", "change_registration", "delete_registration"],
    ) | Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin")
    group.permissions.add(*wanted)
    if created:
        demo.log(f"  + group: {ORGANISERS}")
