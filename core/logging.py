"""No personal data in the logs, and enough context in them to act.

``PersonalDataFilter`` sits on the log handlers (``LOGGING`` in ``portal/settings/base.py``)
and rewrites every record before it is written:

- e-mail addresses (also URL-encoded, ``anna%40example.org``) become ``[email]``;
- values of the fields that hold personal data (``email``, ``name``, ``organisation``,
  ``profession``, ``dietary_needs``, ``accessibility_needs``, ``childcare``, ``phone``,
  ``password`` …) written as ``name=value``, ``name: value`` or ``'name': 'value'`` become
  ``[redacted]``;
- the keys of personal registration links (``/registration/manage/<key>/``) become ``…``:
  whoever holds one can see and cancel that registration;
- the same for the traceback of an exception (a database error's ``DETAIL`` line repeats the
  values of the row it refused).

Error reports e-mailed to ``ADMINS`` (production, ``DJANGO_ADMINS``) go through
``PersonalDataReporterFilter``: no form values, no local variables of the traceback's frames.

Records about a request (Django's ``django.request`` errors carry it) get
``[METHOD path user=<id>]`` appended: the method, the path and the user's id, never their
name or address.
"""

import logging
import re

from django.http import HttpRequest
from django.utils.functional import empty
from django.views.debug import SafeExceptionReporterFilter

EMAIL = re.compile(r"[\w.+-]+(?:@|%40)[\w-]+(?:\.[\w-]+)+", re.IGNORECASE)
PERSONAL_FIELDS = (
    "email",
    "e_mail",
    "name",
    "first_name",
    "last_name",
    "full_name",
    "organisation",
    "profession",
    "dietary_needs",
    "accessibility_needs",
    "childcare",
    "phone",
    "address",
    "password",
)
FIELDS = "|".join(PERSONAL_FIELDS)
FIELD_VALUE = re.compile(
    rf"""(?P<key>["']?\b(?:{FIELDS})\b["']?\s*[:=]\s*)"""
    r"""(?P<value>"[^"]*"|'[^']*'|[^\s,;&)}\]]+)""",
    re.IGNORECASE,
)
# The feedback survey's link carries the same key (``registrations.links``); not the admin's.
PERSONAL_LINK = re.compile(
    r"(/registration/(?:confirm|manage|calendar|certificate)/|(?<!/admin)/feedback/)[^/\s?\"']+"
)


def mask(text):
    """``text`` without e-mail addresses, personal field values and personal link keys."""
    if not text:
        return text
    text = EMAIL.sub("[email]", text)
    text = FIELD_VALUE.sub(lambda m: m.group("key") + "[redacted]", text)
    return PERSONAL_LINK.sub(r"\1…", text)


def user_id(request):
    """The signed-in user's id if it is already known, else "-". Never asks the database
    (it may be the reason for the log line), so a user not yet loaded shows as "-"."""
    user = getattr(request, "user", None)
    wrapped = getattr(user, "_wrapped", user)
    if wrapped is None or wrapped is empty:
        return "-"
    return str(getattr(wrapped, "pk", None) or "-")


def request_context(request):
    if not isinstance(request, HttpRequest):
        return ""
    return f" [{request.method} {mask(request.path)} user={user_id(request)}]"


class PersonalDataFilter(logging.Filter):
    def filter(self, record):
        if getattr(record, "personal_data_masked", False):
            return True  # already rewritten by the filter of another handler
        try:
            message = record.getMessage()
        except Exception:  # a broken format string: let logging report it as usual
            return True
        record.msg = mask(message) + request_context(getattr(record, "request", None))
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        record.exc_text = mask(record.exc_text)
        record.stack_info = mask(record.stack_info)
        record.personal_data_masked = True
        return True


class PersonalDataReporterFilter(SafeExceptionReporterFilter):
    """What an error report (an e-mail to ``ADMINS``) may show of a request: no submitted
    form values at all (a registration's name, address and needs are in them), and the
    personal part of links masked."""

    def get_post_parameters(self, request):
        if request is None:
            return {}
        return dict.fromkeys(request.POST, self.cleansed_substitute)

    def get_traceback_frame_variables(self, request, tb_frame):
        return [(name, self.cleansed_substitute) for name, _value in tb_frame.f_locals.items()]
