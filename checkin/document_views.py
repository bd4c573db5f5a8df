"""The printed documents of an event or course, and a participant's own certificate.

The organisers' documents page in the admin (for those allowed at the door) offers the name
badges, the lists to sign and every certificate due, as PDF downloads
(``checkin.documents``). A participant downloads their own certificate at a personal link;
their personal page shows it once it is due: the "personal" slot of ``core.sections``,
filled here, since the registrations app below knows nothing of certificates.

Every PDF holds personal data: it is sent as a download, marked private and never stored
by a browser or a cache.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import get_language, gettext_lazy, pgettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from wagtail.models import Locale, Site

from checkin import services
from checkin.certificates import attended
from checkin.documents.badges import DEFAULT_SIZE, SIZES, badges_for, badges_pdf, booked
from checkin.documents.certificates import branding, certificates_pdf, due_for, why_not
from checkin.documents.lists import attendance_list_pdf, course_groups, course_list_pdf
from checkin.eiv import eiv_report
from checkin.views import PERMISSION
from core.sections import page_section
from events.models import CalendarPage, CoursePage, EventPage, Forum
from registrations.calendars import page_in_language
from registrations.links import personal_url, registration_for_key
from registrations.models import Registration


class BadgeForm(forms.Form):
    size = forms.ChoiceField(
        label=gettext_lazy("Size"),
        choices=[(key, size.label) for key, size in SIZES.items()],
        initial=DEFAULT_SIZE,
        widget=forms.RadioSelect,
    )
    qr = forms.BooleanField(label=gettext_lazy("With the check-in QR code"), required=False)
    registration = forms.ModelChoiceField(
        label=gettext_lazy("Whose badges"),
        queryset=Registration.objects.none(),
        required=False,
        empty_label=gettext_lazy("Everyone booked"),
        help_text=gettext_lazy("Or one person's badge, e.g. for someone who lost theirs."),
    )
    start = forms.IntegerField(
        label=gettext_lazy("Start at position"),
        min_value=1,
        initial=1,
        required=False,
        help_text=gettext_lazy(
            "On a sheet of labels already partly used: the first free one, counted along the "
            "rows from the top left."
        ),
    )

    def __init__(self, *args, page, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["registration"].queryset = booked(page).order_by("name", "pk")
        self.fields["registration"].label_from_instance = lambda person: ", ".join(
            part for part in (person.name, person.organisation) if part
        )

    def clean(self):
        cleaned = super().clean()
        size = SIZES.get(cleaned.get("size"))
        start = cleaned.get("start") or 1
        if size is not None and start > size.per_sheet:
            self.add_error(
                "start",
                _("A sheet of this size has %(count)s positions.") % {"count": size.per_sheet},
            )
        cleaned["start"] = start
        return cleaned


def _allowed(request):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied


def _event(page_id):
    """The default-language event or course (registrations belong to it)."""
    return get_object_or_404(CalendarPage, pk=page_id, locale=Locale.get_default()).specific


def _site(page):
    return page.get_site() or Site.objects.filter(is_default_site=True).first()


def pdf_response(content, filename):
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["Cache-Control"] = "private, no-store"
    return response


@require_safe
def documents(request, page_id):
    _allowed(request)
    page = _event(page_id)
    return _documents(request, page, BadgeForm(page=page))


def _documents(request, page, badge_form, status=200):
    is_course = isinstance(page, CoursePage)
    forums = services.figures(page).forums if isinstance(page, EventPage) else []
    return TemplateResponse(
        request,
        "checkin/documents.html",
        {
            "event": page,
            "is_course": is_course,
            "badge_form": badge_form,
            "booked": booked(page).count(),
            "forums": forums,
            "groups": course_groups(page) if is_course else [],
            "eiv": eiv_report(page) if page.vnr else None,
            "header_title": _("Documents: %(title)s") % {"title": page.title},
            "page_title": pgettext("check-in", "Documents"),
        },
        status=status,
    )


@require_safe
def badges(request, page_id):
    """Everyone's badges, or one person's, on sheets of the size chosen."""
    _allowed(request)
    page = _event(page_id)
    form = BadgeForm(request.GET, page=page)
    if not form.is_valid():
        return _documents(request, page, form, status=400)
    chosen = form.cleaned_data["registration"]
    people = booked(page).filter(pk=chosen.pk) if chosen else booked(page)
    content = badges_pdf(
        page,
        badges_for(page, people),
        SIZES[form.cleaned_data["size"]],
        with_qr=form.cleaned_data["qr"],
        start=form.cleaned_data["start"],
    )
    name = slugify(chosen.name) if chosen else page.slug
    return pdf_response(content, f"namensschild{'' if chosen else 'er'}-{name}.pdf")


@require_safe
def attendance_list(request, page_id):
    """The list to sign: of one forum (``?forum=``), else of the whole event."""
    _allowed(request)
    page = _event(page_id)
    forum = None
    if request.GET.get("forum"):
        forum_id = request.GET["forum"]
        forum = get_object_or_404(
            Forum, page_id=page.pk, pk=int(forum_id) if forum_id.isdigit() else 0
        )
    content = attendance_list_pdf(page, forum)
    suffix = f"-{slugify(forum.title)}" if forum else ""
    return pdf_response(content, f"teilnehmerliste-{page.slug}{suffix}.pdf")


@require_safe
def course_list(request, page_id):
    """A course group's attendance per session (``?group=`` its schedule key)."""
    _allowed(request)
    page = _event(page_id)
    if not isinstance(page, CoursePage):
        raise Http404
    groups = course_groups(page)
    keys = {str(key) if key else "": key for key, _label in groups}
    chosen = request.GET.get("group", "")
    if chosen not in keys:
        raise Http404
    number = list(keys).index(chosen) + 1
    suffix = f"-gruppe-{number}" if len(groups) > 1 else ""
    return pdf_response(
        course_list_pdf(page, keys[chosen]), f"anwesenheitsliste-{page.slug}{suffix}.pdf"
    )


@require_safe
def certificates(request, page_id):
    """Every certificate due, one page each, in one PDF to print or send."""
    _allowed(request)
    page = _event(page_id)
    records = due_for(page) if page.certificate else []
    if not records:
        if page.certificate:
            messages.warning(
                request, _("No certificate is due yet: nobody has met its conditions so far.")
            )
        else:
            messages.warning(request, _("This event issues no certificates of attendance."))
        return redirect("checkin_documents", page.pk)
    content = certificates_pdf(records, branding(_site(page)), language="de")
    return pdf_response(content, f"teilnahmebescheinigungen-{page.slug}.pdf")


@require_safe
def certificate(request, key):
    """A participant's own certificate, at their personal link; where none is due, why."""
    registration = registration_for_key(key)
    if registration is None:
        raise Http404
    record = attended(registration)
    source = registration.page.specific
    if not record.due:
        return TemplateResponse(
            request,
            "checkin/certificate_unavailable.html",
            {
                "page": page_in_language(source, get_language()),
                "reason": why_not(record),
                "manage_url": personal_url(registration, "registration_manage"),
            },
            status=403,
        )
    content = certificates_pdf([record], branding(_site(source)), language=registration.language)
    return pdf_response(content, f"teilnahmebescheinigung-{source.slug}.pdf")


@page_section("personal")
def certificate_link(registration, request):
    """The personal page's link to the certificate, once it is due."""
    page = registration.page
    if not page.certificate or registration.status != Registration.Status.BOOKED:
        return None  # no query for the usual case
    if not attended(registration).due:
        return None
    return {
        "template": "checkin/sections/certificate.html",
        "url": personal_url(registration, "registration_certificate"),
    }
