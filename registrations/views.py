"""The registration form's answer, the confirmation link and the personal page."""

import copy

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from wagtail.models import Locale

from core.faults import mark_stored
from core.i18n import absolute_url, source_of
from core.protection import refusal, started_token
from core.sections import page_section, sections_for
from events.feeds import feed_response
from events.models import CalendarPage
from registrations import services
from registrations.calendars import personal_calendar
from registrations.emails import forum_lines
from registrations.forms import RegistrationForm, group_label
from registrations.links import personal_url, registration_for_key
from registrations.models import Registration
from registrations.passes import pass_code, qr_svg


@page_section("registration")
def registration_block(page, request, form=None, error=None):
    """What the event or course page shows about registration (None: nothing at all): the
    "registration" slot of ``CalendarPage.get_context``."""
    source = source_of(page).specific
    if not source.registration_enabled:
        return None
    state = services.registration_state(source)
    availability = services.availability(source)
    if form is None and state is None:
        form = RegistrationForm(
            page=page,
            source=source,
            availability=availability,
            initial={"started": started_token()},
        )
    return {
        "template": "registrations/form.html",
        "closed": state,
        "form": form,
        "error": error,
        "availability": availability,
        "waiting_list": source.waiting_list,
        "consent_text": page.consent_text or source.consent_text,
        "action": reverse("registration_submit", kwargs={"page_id": page.pk}),
    }


def _page_with_form(request, page, form=None, error=None, status=400):
    """The event page again, with the form's errors or a message, and a 4xx status."""
    context = page.get_context(request)
    context["registration"] = registration_block(page, request, form=form, error=error)
    return TemplateResponse(request, page.get_template(request), context, status=status)


@require_POST
def submit(request, page_id):
    page = get_object_or_404(CalendarPage, pk=page_id, live=True).specific
    if page.locale.language_code != get_language():
        raise Http404
    refused = refusal(request, "registration")
    source = source_of(page).specific
    if refused:
        status, message = refused
        kept = _form_with_what_was_typed(request, page, source)
        return _page_with_form(request, page, form=kept, error=message, status=status)
    form = RegistrationForm(
        request.POST, page=page, source=source, availability=services.availability(source)
    )
    if not form.is_valid():
        return _page_with_form(request, page, form=form)
    try:
        registration, created = services.register(
            page,
            details=form.details(),
            forums=form.chosen_forums(),
            language=get_language(),
            consent_text=page.consent_text or source.consent_text,
            group=form.chosen_group(),
        )
    except services.RegistrationRefused as refused:
        kept = _form_with_what_was_typed(request, page, source)
        return _page_with_form(
            request, page, form=kept, error=refused.message, status=refused.status
        )
    mark_stored(request)  # committed: a fault from here on must not say "nothing stored"
    if created:
        waiting = registration.status == "waiting"
    else:  # what a new registration would get now: the page tells nothing of the address
        group = form.chosen_group()
        waiting = source.waiting_list and not services.availability(source).has_place(
            group.key if group else None
        )
    return TemplateResponse(
        request, "registrations/received.html", {"page": page, "waiting": waiting}
    )


def _form_with_what_was_typed(request, page, source):
    """The form again, unbound, filled in with what the visitor sent (not the hidden trap
    field) and a new start time: a refusal before the fields were looked at (too fast, out
    of date, too many attempts) must not make anyone type everything again."""
    form = RegistrationForm(page=page, source=source, availability=services.availability(source))
    initial = {
        name: request.POST.get(name)
        for name in form.fields
        if name not in ("website", "started") and request.POST.get(name) is not None
    }
    initial["started"] = started_token()
    return RegistrationForm(
        page=page,
        source=source,
        availability=form.availability,
        initial=initial,
    )


def _registration_or_404(key):
    registration = registration_for_key(key)
    if registration is None:
        raise Http404(_("This link is not valid."))
    return registration


@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, key):
    """GET shows a button, POST confirms: mail scanners that open links confirm nothing."""
    registration = _registration_or_404(key)
    if request.method == "POST":
        registration = services.confirm_email(registration)
        mark_stored(request)
    return TemplateResponse(
        request,
        "registrations/confirm.html",
        {
            "registration": registration,
            "page": _shown_page(registration.page.specific),
            "done": request.method == "POST",
        },
        status=410 if registration.status == "expired" and request.method == "POST" else 200,
    )


def _shown_page(page):
    """The event or course in the visitor's language: its translation, or the German page
    standing in for one (localization.fallbacks), else the German page itself."""
    translated = page.get_translation_or_none(Locale.get_active())
    return (translated or page).specific


@require_http_methods(["GET", "HEAD", "POST"])
def manage(request, key):
    registration = _registration_or_404(key)
    page = registration.page.specific
    shown = _shown_page(page)
    message, status, form, group_form = None, 200, None, None
    availability = services.availability(page)
    if request.method == "POST" and request.POST.get("action") == "cancel":
        if request.POST.get("confirmed") != "yes":  # first ask, on a page of its own
            return TemplateResponse(
                request,
                "registrations/cancel.html",
                {"registration": registration, "page": shown},
            )
        registration, _promoted = services.cancel(registration)
        mark_stored(request)
        message = _("Your registration is cancelled.")
    elif request.method == "POST" and request.POST.get("action") == "change":
        form = ForumChangeForm(
            request.POST, page=shown, source=page, availability=availability, own=registration
        )
        if form.is_valid():
            try:
                registration = services.change_forums(registration, form.chosen_forums())
                mark_stored(request)
                message = _("Your forums are changed.")
                form = None
                availability = services.availability(page)
            except services.RegistrationRefused as refused:
                message, status = refused.message, refused.status
        else:
            status = 400
    elif request.method == "POST" and request.POST.get("action") == "group":
        group_form = GroupChangeForm(
            request.POST, page=shown, source=page, availability=availability, own=registration
        )
        if group_form.is_valid():
            try:
                before = registration.status
                registration = services.change_group(registration, group_form.chosen_group())
                mark_stored(request)
                if registration.status == "waiting":
                    message = _("You are waiting for a place in the group you chose now.")
                elif before == "waiting":
                    message = _("Your group is changed, and it had a place for you: it is yours.")
                else:
                    message = _("Your group is changed.")
                group_form = None
                availability = services.availability(page)
            except services.RegistrationRefused as refused:
                message, status = refused.message, refused.status
                group_form = None
        else:
            status = 400
    elif request.method == "POST":
        status = 400
        message = _("Unknown action.")
    if group_form is None and registration.status in ("booked", "waiting"):
        group_form = GroupChangeForm(
            page=shown, source=page, availability=availability, own=registration
        )
    if form is None and registration.status == "booked":
        initial = {}
        for choice in registration.choices.select_related("forum", "second_forum"):
            if choice.forum:
                initial[f"forum_{choice.round_number}"] = _shown_key(choice.forum)
            if choice.second_forum:
                initial[f"second_{choice.round_number}"] = _shown_key(choice.second_forum)
        form = ForumChangeForm(
            page=shown,
            source=page,
            availability=availability,
            initial=initial,
            own=registration,
        )
    calendar_url = request.build_absolute_uri(personal_url(registration, "registration_calendar"))
    return TemplateResponse(
        request,
        "registrations/manage.html",
        {
            "registration": registration,
            "page": shown,
            "form": form if form is not None and form.rounds else None,
            "group_form": group_form if group_form is not None and group_form.groups else None,
            "message": message,
            "forums": forum_lines(registration, shown.locale),
            "group": group_label(registration, shown, page),
            "calendar_url": calendar_url,
            "calendar_webcal": "webcal://" + calendar_url.split("://", 1)[1],
            # Filled by higher apps, e.g. checkin's link to the certificate of attendance.
            "personal_sections": sections_for("personal", registration, request),
            "pass_qr": mark_safe(  # drawn by segno from our own signed code and title
                qr_svg(pass_code(registration), title=_("Your QR code for the check-in"))
            )
            if registration.status == Registration.Status.BOOKED
            else "",
        },
        status=status,
    )


@require_safe
def personal_calendar_view(request, key):
    """The participant's own calendar file (``registrations.calendars``): written for each
    request, never kept, since it changes with the registration."""
    registration = _registration_or_404(key)
    return feed_response(
        request,
        ("personal", registration.pk),
        lambda: personal_calendar(registration, lambda page: absolute_url(page, request)),
        public=False,
        keep=False,
    )


def _shown_key(forum):
    return str(forum.translation_key)


class ForumChangeForm(RegistrationForm):
    """Only the forum choices of the registration form; the places the person holds count
    as free for them (``own``)."""

    def __init__(self, *args, own=None, **kwargs):
        availability = kwargs["availability"]
        if own is not None:
            availability = copy.deepcopy(availability)
            for choice in own.choices.all():
                if choice.seat_id:
                    availability.free_seat(choice.seat_id)
            kwargs["availability"] = availability
        super().__init__(*args, **kwargs)
        for name in list(self.fields):
            if not name.startswith(("forum_", "second_")):
                del self.fields[name]
        self.groups = []  # the group is changed in a form of its own (GroupChangeForm)


class GroupChangeForm(RegistrationForm):
    """Only the course group of the registration form. A booked person's place counts as
    free for them; they can move only to a group with a free place (they would lose theirs
    otherwise); a person waiting may wait for any group."""

    def __init__(self, *args, own, **kwargs):
        availability = copy.deepcopy(kwargs["availability"])
        if own.status == "booked":
            availability.free_place(own.group_key)
        kwargs["availability"] = availability
        kwargs.setdefault("initial", {"group": str(own.group_key or "")})
        super().__init__(*args, **kwargs)
        self.own = own
        for name in list(self.fields):
            if name != "group":
                del self.fields[name]
        self.rounds = []
        self.full_can_be_chosen = own.status == "waiting"

    def clean(self):
        cleaned = super().clean()
        group = self._groups.get(cleaned.get("group") or "")
        if group and group["full"] and self.own.status == "booked":
            self.add_error("group", _("This group is full. You keep your place in your group."))
        return cleaned
