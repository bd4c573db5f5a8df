"""Registrations in the admin: only for people allowed to see personal data.

The views require the model permissions of ``registrations.Registration``; admins have them,
and so has the group "Veranstaltungsorganisation" (created by ``setup_editorial``, see
``editorial/groups.py``). Page editors without that group see neither the menu item nor the
lists.
"""

import csv
import datetime

from django.db.models import OuterRef, Subquery
from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from events.models import CourseSchedule
from registrations import services
from registrations.models import Registration


class RegistrationEditView(EditView):
    """A status set by an organiser goes through ``services.set_status``: under the event's
    lock, refused with a message on the form where it would overbook or clash with a newer
    registration of the same person, with the participant's e-mail, and a freed place goes
    to the first person waiting. The other fields are saved in the same transaction, so a
    refusal stores nothing."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except services.RegistrationRefused as refused:
            form.add_error("status", refused.message)
            self.produced_error_message = refused.message
            return self.form_invalid(form)

    def save_instance(self):
        registration = self.form.instance
        wanted = registration.status
        registration.status = Registration.objects.values_list("status", flat=True).get(
            pk=registration.pk
        )
        instance = super().save_instance()  # the other fields, with the status unchanged
        return services.set_status(instance, wanted)


# A cell that begins like a formula would be run by Excel or LibreOffice when the file is
# opened (a registrant named "=HYPERLINK(…)"): such text gets a leading apostrophe, which
# the spreadsheet shows as plain text (the OWASP rule for CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralised(value):
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def local_time(value):
    """A stored time as the organisers' list shows it: local, to the minute."""
    return timezone.localtime(value).strftime("%d.%m.%Y %H:%M") if value else ""


class Echo:
    def write(self, value):
        return value


class RegistrationIndexView(IndexView):
    """The organisers' export: headings in the admin's language, local times, and a CSV that
    German Excel opens as it is (UTF-8 with a byte order mark, ``;`` between cells), with
    formula-like text neutralised. XLSX cells are text already where they look like a
    formula (Wagtail), and get local times too."""

    custom_value_preprocess = {
        datetime.datetime: {
            IndexView.FORMAT_CSV: local_time,
            IndexView.FORMAT_XLSX: lambda value: timezone.make_naive(value).replace(
                second=0, microsecond=0
            ),
        },
        list: IndexView.custom_value_preprocess[list],
    }

    def write_csv_row(self, writer, row_dict):
        return writer.writerow(
            {
                field: neutralised(self.preprocess_field_value(field, value, self.FORMAT_CSV))
                for field, value in row_dict.items()
            }
        )

    def stream_csv(self, queryset):
        yield "\ufeff"  # the byte order mark: Excel reads the file as UTF-8
        writer = csv.DictWriter(Echo(), fieldnames=self.list_export, delimiter=";")
        yield writer.writerow(
            {field: self.get_heading(queryset, field) for field in self.list_export}
        )
        for item in queryset:
            yield self.write_csv_row(writer, self.to_row_dict(item))

    def write_csv_response(self, queryset):
        response = StreamingHttpResponse(
            self.stream_csv(queryset), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{self.get_filename()}.csv"'
        return response


class RegistrationPermissionPolicy(ModelPermissionPolicy):
    """Registrations come in through the public form (``services.register``: under the
    event's lock, with the participant's consent and e-mail address); nobody adds or copies
    one in the admin, a superuser neither (the form there has no event, no e-mail, no
    consent)."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(
    Registration, RegistrationPermissionPolicy(Registration), exact_class=True
)


class RegistrationViewSet(ModelViewSet):
    model = Registration
    icon = "form"
    menu_label = _("Registrations")
    menu_order = 250
    add_to_admin_menu = True
    inspect_view_enabled = True
    list_display = [
        "name",
        "email",
        "page",
        Column("organiser_status", label=_("Status")),
        Column("forum_titles", label=_("Forums")),
        "created_at",
    ]
    list_filter = ["status", "page", "choices__seat", "choices__forum", "language"]
    search_fields = ["name", "email", "organisation"]
    search_backend_name = None  # plain database lookups: these rows are not in the index
    index_view_class = RegistrationIndexView
    list_export = [
        "page",
        "name",
        "email",
        "organisation",
        "profession",
        "dietary_needs",
        "accessibility_needs",
        "childcare",
        "efn",
        "organiser_status",
        "forum_titles",
        "group_name",
        "language_name",
        "created_at",
        "email_confirmed_at",
    ]
    export_headings = {
        "page": _("Event or course"),
        "name": _("Name"),
        "email": _("E-mail"),
        "organisation": _("Organisation"),
        "profession": _("Profession"),
        "dietary_needs": _("Dietary needs"),
        "accessibility_needs": _("Accessibility needs"),
        "childcare": _("Childcare needed"),
        "efn": _("EFN"),
        "organiser_status": _("Status"),
        "forum_titles": _("Forums"),
        "group_name": _("Course group"),
        "language_name": _("Language"),
        "created_at": _("Registered"),
        "email_confirmed_at": _("E-mail confirmed"),
    }
    export_filename = "anmeldungen"
    form_fields = ["status", "name", "organisation", "profession"]
    edit_view_class = RegistrationEditView
    copy_view_enabled = False
    ordering = ["-created_at"]

    def get_queryset(self, request):
        group = CourseSchedule.objects.filter(key=OuterRef("group_key"))
        return (
            Registration.objects.select_related("page")
            .prefetch_related("choices")
            .annotate(
                group_place=Subquery(group.values("place__name")[:1]),
                group_time=Subquery(group.values("start_time")[:1]),
            )
        )


registration_viewset = RegistrationViewSet("registrations")


@hooks.register("register_admin_viewset")
def register_viewset():
    return registration_viewset
