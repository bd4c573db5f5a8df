"""The organisers' check-in at the door, in the admin, made for a phone.

``door`` is the page one device at the entrance keeps open: the camera reads the QR codes
(``static/checkin/door.js``: the browser's BarcodeDetector where present, otherwise jsQR,
vendored under ``static/vendor/jsqr``), a search finds people by name, and the figures
(arrived / booked, per forum) follow what every device at the door has done. Everything
works without the camera and without JavaScript too: search, then "Check in".

Only people allowed to change registrations (the group "Veranstaltungsorganisation") see
it; the QR code itself carries no personal data (``registrations.passes``).
"""

from datetime import timedelta
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe
from wagtail.models import Locale

from checkin import services
from checkin.forms import WalkInForm
from events.models import CalendarPage, Forum
from registrations import services as registrations
from registrations.efn import validate_efn
from registrations.models import Attendance, Registration, choice_summary
from registrations.passes import registration_for_pass

PERMISSION = "registrations.change_registration"
# The door page uses the camera; every other page of the site keeps it off (core.security).
CAMERA_POLICY = "camera=(self), microphone=(), geolocation=()"


def _allowed(request):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied


def _event(page_id):
    return get_object_or_404(
        CalendarPage, pk=page_id, locale=Locale.get_default(), registration_enabled=True
    )


def _forum(page, request):
    forum_id = request.GET.get("forum") or request.POST.get("forum") or ""
    if not forum_id.isdigit():
        return None
    return Forum.objects.filter(page_id=page.pk, pk=int(forum_id)).first()


def _time(value):
    return date_format(timezone.localtime(value), "H:i")


def refusal(registration, page, forum):
    """Why ``registration`` cannot arrive here, in the words of the person at the door."""
    if registration.page_id != page.pk:
        return _("This code belongs to another event: %(title)s.") % {
            "title": registration.page.title
        }
    if registration.status == Registration.Status.WAITING:
        return _("On the waiting list: no place is booked.")
    if registration.status == Registration.Status.CANCELLED:
        return _("Cancelled the registration.")
    if registration.status == Registration.Status.EXPIRED:
        return _("The registration expired: the e-mail address was never confirmed.")
    if forum is not None:
        return _("Has no place in this forum.")
    return ""


def outcome_message(outcome):
    if outcome.state == services.CHECKED_IN:
        return _("Checked in at %(time)s.") % {"time": _time(outcome.attendance.arrived_at)}
    return _("Already checked in at %(time)s.") % {"time": _time(outcome.attendance.arrived_at)}


def _card(request, registration, *, state, message, forum):
    choices = registration.choices.select_related("forum", "second_forum", "seat")
    return render_to_string(
        "checkin/card.html",
        {
            "registration": registration,
            "forums": [
                (choice.round_number, choice_summary(choice))
                for choice in choices.order_by("round_number")
            ],
            "state": state,
            "message": message,
            "forum": forum,
            "efn_missing": registration.page.asks_efn and not registration.efn,
        },
        request=request,
    )


def _door_url(page, forum=None, query=""):
    """The door page again, with its forum and search kept (the query string encoded)."""
    url = reverse("checkin_door", args=[page.pk])
    params = {"forum": forum.pk if forum else "", "q": query}
    params = {name: value for name, value in params.items() if value}
    return f"{url}?{urlencode(params)}" if params else url


@require_safe
def events(request):
    """The events whose door one can open: today's and the coming ones, then recent ones."""
    _allowed(request)
    now = timezone.now()
    pages = (
        CalendarPage.objects.filter(locale=Locale.get_default(), registration_enabled=True)
        .filter(sessions__ends_at__gte=now - timedelta(days=2))
        .distinct()
        .order_by("title")
    )
    return TemplateResponse(
        request,
        "checkin/events.html",
        {"pages": pages, "header_title": _("Check-in"), "page_title": _("Check-in")},
    )


@require_safe
def door(request, page_id):
    _allowed(request)
    return _door(request, _event(page_id))


def _door(request, page, walk_in_form=None, status=200):
    forum = _forum(page, request)
    query = request.GET.get("q", "").strip()[:100]
    found = services.search(page, query)
    arrivals = {
        attendance.registration_id: attendance
        for attendance in Attendance.objects.filter(registration__in=found, forum=forum)
    }
    response = TemplateResponse(
        request,
        "checkin/door.html",
        {
            "event": page,
            "forum": forum,
            "forums": Forum.objects.filter(page=page).order_by("round_number", "sort_order"),
            "query": query,
            "found": [(r, arrivals.get(r.pk), refusal(r, page, None)) for r in found],
            "figures": services.figures(page),
            "walk_in_form": walk_in_form
            or WalkInForm(page=page, availability=registrations.availability(page)),
            "walk_in_open": walk_in_form is not None,
            "scan_url": reverse("checkin_scan", args=[page.pk]),
            "figures_url": reverse("checkin_figures", args=[page.pk]),
            "header_title": _("Check-in: %(title)s") % {"title": page.title},
            "page_title": _("Check-in"),
        },
        status=status,
    )
    response.headers["Permissions-Policy"] = CAMERA_POLICY
    return response


@require_POST
def mark(request, page_id):
    """ "Check in" from the search results (works without JavaScript)."""
    _allowed(request)
    page = _event(page_id)
    forum = _forum(page, request)
    chosen = request.POST.get("registration", "")
    registration = get_object_or_404(
        Registration.objects.select_related("page"), pk=int(chosen) if chosen.isdigit() else 0
    )
    problem = refusal(registration, page, None)
    outcome = None if problem else services.check_in(registration, user=request.user, forum=forum)
    if outcome is None or outcome.state == services.REFUSED:
        reason = problem or refusal(registration, page, forum)
        messages.error(request, f"{registration.name}: {reason}")
    elif outcome.state == services.ALREADY:
        messages.warning(request, f"{registration.name}: {outcome_message(outcome)}")
    else:
        messages.success(request, f"{registration.name}: {outcome_message(outcome)}")
    return redirect(_door_url(page, forum, request.POST.get("q", "")))


@require_POST
def walk_in(request, page_id):
    """Register someone at the door while places are free, and check them in."""
    _allowed(request)
    page = _event(page_id)
    form = WalkInForm(request.POST, page=page, availability=registrations.availability(page))
    if not form.is_valid():
        return _door(request, page, form, status=400)
    details = {
        "name": form.cleaned_data["name"],
        "email": form.cleaned_data["email"],
        "organisation": form.cleaned_data["organisation"],
        **({"efn": form.cleaned_data["efn"]} if "efn" in form.fields else {}),
    }
    try:
        registration, created = registrations.register(
            page,
            details=details,
            forums=form.chosen_forums(),
            language=get_language(),
            consent_text=page.consent_text,
            walk_in=True,
        )
    except registrations.RegistrationRefused as refused:
        form.add_error(None, refused.message)
        return _door(request, page, form, status=refused.status)
    if not created:
        form.add_error(
            "email", _("This address is registered already: search the name and check in.")
        )
        return _door(request, page, form, status=409)
    outcome = services.check_in(registration, user=request.user)
    messages.success(
        request,
        _("%(name)s is registered at the door and checked in at %(time)s.")
        % {"name": registration.name, "time": _time(outcome.attendance.arrived_at)},
    )
    return redirect(_door_url(page))


@require_POST
def add_efn(request, page_id):
    """A doctor gives their EFN at the door (for the CME points)."""
    _allowed(request)
    page = _event(page_id)
    chosen = request.POST.get("registration", "")
    registration = get_object_or_404(
        Registration, pk=int(chosen) if chosen.isdigit() else 0, page=page
    )
    try:
        registration.efn = validate_efn(request.POST.get("efn", ""))
    except ValidationError as refused:
        messages.error(request, f"{registration.name}: {' '.join(refused.messages)}")
    else:
        registration.save(update_fields=["efn", "updated_at"])
        messages.success(request, _("%(name)s: EFN saved.") % {"name": registration.name})
    return redirect(_door_url(page, _forum(page, request), request.POST.get("q", "")))


@require_POST
def scan(request, page_id):
    """A code read by the camera: check the person in and answer with their card."""
    _allowed(request)
    page = _event(page_id)
    forum = _forum(page, request)
    registration = registration_for_pass(request.POST.get("code", ""))
    if registration is None:
        return JsonResponse(
            {
                "state": services.REFUSED,
                "html": render_to_string(
                    "checkin/card.html",
                    {
                        "state": services.REFUSED,
                        "message": _(
                            "This is not a check-in code of this portal, or it was replaced "
                            "by a newer one."
                        ),
                    },
                    request=request,
                ),
            },
            status=200,
        )
    problem = refusal(registration, page, None)
    outcome = None if problem else services.check_in(registration, user=request.user, forum=forum)
    if outcome is None or outcome.state == services.REFUSED:
        state, message = services.REFUSED, problem or refusal(registration, page, forum)
    else:
        state, message = outcome.state, outcome_message(outcome)
    return JsonResponse(
        {
            "state": state,
            "html": _card(request, registration, state=state, message=message, forum=forum),
        }
    )


@require_safe
def figures(request, page_id):
    _allowed(request)
    page = _event(page_id)
    return TemplateResponse(
        request,
        "checkin/figures.html",
        {"figures": services.figures(page), "event": page},
    )
