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
from django.http import Http404, HttpResponse, JsonResponse
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
from checkin.eiv import eiv_report
from checkin.forms import WalkInForm
from events.models import CalendarPage, CoursePage, Forum, Session
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


def _sessions(page):
    """A course's sessions that take place, for the door's choice; none for an event."""
    if not CoursePage.objects.filter(pk=page.pk).exists():
        return []
    return list(
        Session.objects.filter(page_id=page.pk)
        .exclude(status=Session.Status.CANCELLED)
        .select_related("place")
        .order_by("starts_at", "pk")
    )


def _session(page, request, sessions):
    """The course session the door checks people in for: the one chosen, else today's
    (the next one, or the last one when the course is over)."""
    chosen = request.GET.get("session") or request.POST.get("session") or ""
    for session in sessions:
        if chosen.isdigit() and session.pk == int(chosen):
            return session
    today = timezone.localdate()
    coming = [s for s in sessions if timezone.localtime(s.ends_at).date() >= today]
    return coming[0] if coming else (sessions[-1] if sessions else None)


def _where(page, request):
    """Where the door is: (forum, session), both None at an event's entrance."""
    return _forum(page, request), _session(page, request, _sessions(page))


def _time(value):
    return date_format(timezone.localtime(value), "H:i")


def refusal(registration, page, forum, session=None):
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
    if session is not None and registration.group_key not in (None, session.schedule_key):
        return _("Is registered in another group of this course.")
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


def _door_url(page, forum=None, query="", session=None):
    """The door page again, with its forum or session and search kept (encoded)."""
    url = reverse("checkin_door", args=[page.pk])
    params = {
        "forum": forum.pk if forum else "",
        "session": session.pk if session else "",
        "q": query,
    }
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
    sessions = _sessions(page)
    forum, session = _forum(page, request), _session(page, request, sessions)
    query = request.GET.get("q", "").strip()[:100]
    found = services.search(page, query)
    arrivals = {
        attendance.registration_id: attendance
        for attendance in Attendance.objects.filter(
            registration__in=found, forum=forum, session=session
        )
    }
    where = {"session": session.pk} if session else {"forum": forum.pk} if forum else {}
    response = TemplateResponse(
        request,
        "checkin/door.html",
        {
            "event": page,
            "forum": forum,
            "forums": Forum.objects.filter(page=page).order_by("round_number", "sort_order"),
            "session": session,
            "sessions": sessions,
            "query": query,
            "found": [(r, arrivals.get(r.pk), refusal(r, page, None, session)) for r in found],
            "figures": services.figures(page, session),
            "walk_in_form": walk_in_form
            or WalkInForm(page=page, availability=registrations.availability(page)),
            "walk_in_open": walk_in_form is not None,
            "scan_url": reverse("checkin_scan", args=[page.pk]),
            "figures_url": reverse("checkin_figures", args=[page.pk])
            + (f"?{urlencode(where)}" if where else ""),
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
    forum, session = _where(page, request)
    chosen = request.POST.get("registration", "")
    registration = get_object_or_404(
        Registration.objects.select_related("page"), pk=int(chosen) if chosen.isdigit() else 0
    )
    problem = refusal(registration, page, None, session)
    outcome = None
    if not problem:
        outcome = services.check_in(registration, user=request.user, forum=forum, session=session)
    if outcome is None or outcome.state == services.REFUSED:
        reason = problem or refusal(registration, page, forum)
        messages.error(request, f"{registration.name}: {reason}")
    elif outcome.state == services.ALREADY:
        messages.warning(request, f"{registration.name}: {outcome_message(outcome)}")
    else:
        messages.success(request, f"{registration.name}: {outcome_message(outcome)}")
    return redirect(_door_url(page, forum, request.POST.get("q", ""), session))


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
    session = _session(page, request, _sessions(page))
    outcome = services.check_in(registration, user=request.user, session=session)
    messages.success(
        request,
        _("%(name)s is registered at the door and checked in at %(time)s.")
        % {"name": registration.name, "time": _time(outcome.attendance.arrived_at)},
    )
    return redirect(_door_url(page, session=session))


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
    forum, session = _where(page, request)
    return redirect(_door_url(page, forum, request.POST.get("q", ""), session))


@require_POST
def scan(request, page_id):
    """A code read by the camera: check the person in and answer with their card."""
    _allowed(request)
    page = _event(page_id)
    forum, session = _where(page, request)
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
    problem = refusal(registration, page, None, session)
    outcome = None
    if not problem:
        outcome = services.check_in(registration, user=request.user, forum=forum, session=session)
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
    session = _session(page, request, _sessions(page))
    return TemplateResponse(
        request,
        "checkin/figures.html",
        {"figures": services.figures(page, session), "event": page},
    )


@require_safe
def eiv(request, page_id):
    """The EFNs of the doctors who took part, for the Ärztekammer's EIV (``checkin.eiv``)."""
    _allowed(request)
    page = _event(page_id)
    if not page.vnr:
        raise Http404
    report = eiv_report(page)
    response = HttpResponse(report.as_bytes(), content_type="text/plain; charset=us-ascii")
    response["Content-Disposition"] = f'attachment; filename="{report.filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
