"""The e-mails a participant receives, in the language they registered in."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from core.mail import mail_builder
from events.models import Forum
from events.queries import entries_for
from registrations.calendars import page_in_language, personal_calendar, sessions_of
from registrations.forms import group_label
from registrations.links import personal_url
from registrations.models import Registration
from registrations.passes import pass_code, qr_png

SUBJECTS = {
    "confirm_email": lambda: _("Please confirm your registration: %(title)s"),
    "booked": lambda: _("Your place is confirmed: %(title)s"),
    "waiting": lambda: _("You are on the waiting list: %(title)s"),
    "promoted": lambda: _("A place has become free for you: %(title)s"),
    "cancelled": lambda: _("Your registration is cancelled: %(title)s"),
    "already_registered": lambda: _("You are already registered: %(title)s"),
    "forums_changed": lambda: _("Your forums are changed: %(title)s"),
    "forum_place": lambda: _("A place in the forum you chose: %(title)s"),
    "group_changed": lambda: _("Your group is changed: %(title)s"),
}
WITH_CALENDAR = {"booked", "promoted", "forums_changed", "forum_place", "group_changed"}
# The check-in QR code comes with the mail that gives the place; changes keep the same code.
WITH_PASS = {"booked", "promoted"}


def absolute(path):
    """The full address of ``path``; a page's ``url`` is one already where the portal runs
    several sites (Wagtail then gives the host too)."""
    if path.startswith(("http://", "https://")):
        return path
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _register_builders():
    for kind in SUBJECTS:

        def build(registration_id, kind=kind):
            registration = (
                Registration.objects.select_related("page").filter(pk=registration_id).first()
            )
            if registration is None or not registration.email:
                return None
            return build_message(registration, kind)

        mail_builder(f"registration.{kind}")(build)


def forum_lines(registration, locale):
    """Each round's forums as the person reads them, in their language: the forum they have
    a place in, and the first choice they still wait for."""
    choices = list(
        registration.choices.select_related("forum", "second_forum", "seat").order_by(
            "round_number"
        )
    )
    keys = {
        forum.translation_key
        for choice in choices
        for forum in (choice.forum, choice.second_forum, choice.seat)
        if forum is not None
    }
    localized = {
        f.translation_key: f.title
        for f in Forum.objects.filter(translation_key__in=keys, locale=locale)
    }

    def title(forum, fallback):
        return localized.get(forum.translation_key, forum.title) if forum else fallback

    held = registration.status == Registration.Status.BOOKED
    lines = []
    for choice in choices:
        first = title(choice.forum, choice.forum_title)
        if held and choice.seat_id and choice.seat_id == choice.forum_id:
            lines.append(first)
        elif held and choice.seat_id:
            seat = title(choice.seat, choice.seat_title)
            lines.append(
                _("%(seat)s (waiting for a place in %(first)s)") % {"seat": seat, "first": first}
            )
        else:
            lines.append(_("waiting for a place in %(first)s") % {"first": first})
    return lines


def build_message(registration, kind):
    language = registration.language
    with translation.override(language):
        page = page_in_language(registration.page, language)
        locale = page.locale
        entries = entries_for(sessions_of(registration), locale)
        upcoming = [e for e in entries if not e.is_cancelled]
        forums = forum_lines(registration, locale)
        with_calendar = kind in WITH_CALENDAR and registration.status == "booked"
        context = {
            "kind": kind,
            "registration": registration,
            "page": page,
            "page_url": absolute(page.url or ""),
            "first": upcoming[0] if upcoming else None,
            "count": len(upcoming),
            "forums": forums,
            "group": group_label(registration, page, registration.page.specific),
            "with_calendar": with_calendar,
            "with_pass": with_calendar and kind in WITH_PASS,
            "confirm_url": absolute(personal_url(registration, "registration_confirm")),
            "manage_url": absolute(personal_url(registration, "registration_manage")),
            "calendar_url": absolute(personal_url(registration, "registration_calendar")),
            "hold_minutes": registration.page.specific.hold_minutes,
        }
        subject = SUBJECTS[kind]() % {"title": page.title}
        body = render_to_string("registrations/email/message.txt", context)
        message = EmailMessage(
            subject=subject,
            body=body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[registration.email],
            headers={"Content-Language": language},
        )
        if with_calendar and upcoming:
            calendar = personal_calendar(registration, lambda shown: absolute(shown.url or ""))
            message.attach("event.ics", calendar, "text/calendar")
        if context["with_pass"]:
            message.attach("check-in.png", qr_png(pass_code(registration)), "image/png")
        return message


_register_builders()
