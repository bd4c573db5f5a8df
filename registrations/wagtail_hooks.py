"""Registrations in the admin: only for people allowed to see personal data.

The views require the model permissions of ``registrations.Registration``; admins have them,
and so has the group "Veranstaltungsorganisation" (created by ``setup_editorial``, see
``editorial/groups.py``). Page editors without that group see neither the menu item nor the
lists.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.views.generic import EditView
from wagtail.admin.viewsets.model import ModelViewSet

from registrations import services
from registrations.models import Registration


class RegistrationEditView(EditView):
    """An organiser who sets a booked or waiting person to "cancelled" cancels through the
    same service as the participant's own link: under the event's lock, with the e-mail, and
    the freed place goes to the first person waiting."""

    def save_instance(self):
        registration = self.form.instance
        before = Registration.objects.values_list("status", flat=True).get(pk=registration.pk)
        cancelling = registration.status == Registration.Status.CANCELLED and before in (
            Registration.Status.BOOKED,
            Registration.Status.WAITING,
        )
        if not cancelling:
            return super().save_instance()
        registration.status = before  # the other fields first, then the cancellation
        instance = super().save_instance()
        cancelled, _promoted = services.cancel(instance)
        return cancelled


class RegistrationViewSet(ModelViewSet):
    model = Registration
    icon = "form"
    menu_label = _("Registrations")
    menu_order = 250
    add_to_admin_menu = True
    inspect_view_enabled = True
    list_display = ["name", "email", "page", "display_status", "forum_titles", "created_at"]
    list_filter = ["status", "page", "choices__forum", "language"]
    search_fields = ["name", "email", "organisation"]
    search_backend_name = None  # plain database lookups: these rows are not in the index
    list_export = [
        "page",
        "name",
        "email",
        "organisation",
        "profession",
        "dietary_needs",
        "accessibility_needs",
        "childcare",
        "display_status",
        "forum_titles",
        "language",
        "created_at",
        "email_confirmed_at",
    ]
    export_filename = "anmeldungen"
    form_fields = ["status", "name", "organisation", "profession"]
    edit_view_class = RegistrationEditView
    create_view_enabled = False
    ordering = ["-created_at"]

    def get_queryset(self, request):
        return Registration.objects.select_related("page").prefetch_related("choices")


registration_viewset = RegistrationViewSet("registrations")


@hooks.register("register_admin_viewset")
def register_viewset():
    return registration_viewset
