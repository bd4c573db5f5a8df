"""The survey at the participant's personal link, and the organisers' report in the admin.

The survey speaks the language the person registered in, whatever language the link's
prefix says, and is never cached: it changes once they have answered. It works without
JavaScript and stores nothing unless every answer is valid.

The report and its CSV export are for the people who may change registrations (the group
"Veranstaltungsorganisation"), like the check-in. They show figures and comments, never who
gave them (``feedback.models``).
"""

import csv

from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, Subquery
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe
from wagtail.models import Locale

from core.faults import mark_stored
from core.sections import page_section
from events.models import CalendarPage, Session
from feedback import services
from feedback.forms import MAX_COMMENT, SurveyForm
from registrations.calendars import page_in_language
from registrations.links import personal_url, registration_for_key
from registrations.models import Registration
from registrations.wagtail_hooks import Echo, neutralised

PERMISSION = "registrations.change_registration"


# --- the participant's survey -----------------------------------------------------------


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def survey(request, key):
    registration = registration_for_key(key)
    if registration is None:
        raise Http404(_("This link is not valid."))
    with translation.override(registration.language):
        response = _survey(request, registration)
        response.render()  # here, while the participant's language is active
    response.headers["Content-Language"] = registration.language
    return response


def _survey(request, registration):
    page = page_in_language(registration.page, registration.language)
    if services.already_given(registration):
        return _done(request, page, "already")
    reason = services.closed_reason(registration)
    if reason:
        return _done(
            request, page, "closed", reason, status=200 if request.method != "POST" else 403
        )
    blocks = services.blocks_for(registration, page.locale)
    status = 200
    if request.method == "POST":
        form = SurveyForm(request.POST, blocks=blocks)
        if form.is_valid():
            outcome = services.give(registration, form.answers())
            mark_stored(request)
            return _done(request, page, "thanks" if outcome == services.STORED else "already")
        status = 400
    else:
        form = SurveyForm(blocks=blocks)
    return TemplateResponse(
        request,
        "feedback/survey.html",
        {"page": page, "form": form, "items": form.items(), "max_comment": MAX_COMMENT},
        status=status,
    )


def _done(request, page, state, message="", status=200):
    return TemplateResponse(
        request,
        "feedback/done.html",
        {"page": page, "state": state, "message": message},
        status=status,
    )


# --- the organisers' report -------------------------------------------------------------


def _allowed(request):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied


def _event(page_id):
    return get_object_or_404(CalendarPage, pk=page_id, locale=Locale.get_default())


@require_safe
def reports(request):
    """The events that have feedback, the latest first."""
    _allowed(request)
    first = Session.objects.filter(page=OuterRef("pk")).order_by("starts_at").values("starts_at")
    pages = services.responses_per_page(
        CalendarPage.objects.filter(locale=Locale.get_default())
    ).annotate(starts_at=Subquery(first[:1]))
    return TemplateResponse(
        request,
        "feedback/reports.html",
        {
            "pages": pages.order_by("-starts_at", "title"),
            "header_title": _("Feedback"),
            "page_title": _("Feedback"),
        },
    )


@require_safe
def report(request, page_id):
    _allowed(request)
    page = _event(page_id)
    return TemplateResponse(
        request,
        "feedback/report.html",
        {
            "event": page,
            "report": services.report(page),
            "header_title": _("Feedback: %(title)s") % {"title": page.title},
            "page_title": _("Feedback"),
            "page_subtitle": page.title,
        },
    )


def _csv_lines(page):
    yield "\ufeff"  # the byte order mark: Excel reads the file as UTF-8
    writer = csv.writer(Echo(), delimiter=";")
    yield writer.writerow(
        [_("Block"), _("Round"), _("Forum"), _("Rating"), _("Comment"), _("Language"), _("Date")]
    )
    for answer in services.export_rows(page).iterator():
        yield writer.writerow(
            [
                _("Forum") if answer.round_number is not None else _("Event overall"),
                answer.round_number or "",
                neutralised(answer.forum_title),
                answer.rating,
                neutralised(answer.comment),
                services.language_name(answer.language),
                answer.submitted_on.strftime("%d.%m.%Y"),
            ]
        )


@require_safe
def export(request, page_id):
    """The answers as CSV for German Excel: UTF-8 with a byte order mark, ``;`` between
    cells, formula-like text neutralised (``registrations.wagtail_hooks``)."""
    _allowed(request)
    page = _event(page_id)
    # Written at once (a few hundred rows), while the admin's language is active.
    response = HttpResponse("".join(_csv_lines(page)), content_type="text/csv; charset=utf-8")
    name = slugify(page.title) or str(page.pk)
    response["Content-Disposition"] = f'attachment; filename="feedback-{name}.csv"'
    return response


@page_section("personal", order=60)
def survey_link(registration, request):
    """The personal page's link to the survey: from the start of the event until answered."""
    if registration.status != Registration.Status.BOOKED:
        return None  # no query for the usual case
    if services.closed_reason(registration) or services.already_given(registration):
        return None
    return {
        "template": "feedback/sections/survey.html",
        "url": personal_url(registration, "feedback_survey"),
    }
