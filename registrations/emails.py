"""The e-mails a participant receives, in the language they registered in."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from core.mail import mail_builder
from events.models import Forum, Session
from events.queries import entries_for
from registrations.calendars import page_in_language, personal_calendar
from registrations.links import personal_url
from registrations.models import Registration

SUBJECTS = {
    "confirm_email": lambda: _("Please confirm your registration: %(title)s"),
    "booked": lambda: _("Your place is confirmed: %(title)s"),
    "waiting": lambda: _("You are on the waiting list: %(title)s"),
    "promoted": lambda: _("A place has become free for you: %(title)s"),
    "cancelled": lambda: _("Your registration is cancelled: %(title)s"),
    "already_registered": lambda: _("You are already registered: %(title)s"),
    "forums_changed": lambda: _("Your forums are changed: %(title)s"),
}
WITH_CALENDAR = {"booked", "promoted", "forums_changed"}


def absolute(path):
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


def build_message(registration, kind):
    language = registration.language
    with translation.override(language):
        page = page_in_language(registration.page, language)
        locale = page.locale
        entries = entries_for(Session.objects.filter(page=registration.page), locale)
        upcoming = [e for e in entries if not e.is_cancelled]
        forum_keys = {
            c.forum.translation_key: c
            for c in registration.choices.select_related("forum")
            if c.forum_id
        }
        localized = {
            f.translation_key: f.title
            for f in Forum.objects.filter(translation_key__in=forum_keys, locale=locale)
        }
        forums = [
            localized.get(key, choice.forum_title)
            for key, choice in sorted(forum_keys.items(), key=lambda item: item[1].round_number)
        ]
        context = {
            "kind": kind,
            "registration": registration,
            "page": page,
            "page_url": absolute(page.url or ""),
            "first": upcoming[0] if upcoming else None,
            "count": len(upcoming),
            "forums": forums,
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
        if kind in WITH_CALENDAR and upcoming:
            calendar = personal_calendar(registration, lambda shown: absolute(shown.url or ""))
            message.attach("event.ics", calendar, "text/calendar")
        return message


_register_builders()
