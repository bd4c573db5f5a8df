"""Admin login lockout on django-axes: what the portal adds to it.

django-axes counts failed logins (every path: Wagtail's admin, Django's admin) and locks a
username from one client address after ``LOGIN_FAILURE_LIMIT`` failures for
``LOGIN_LOCKOUT_SECONDS`` (settings ``AXES_*`` in ``portal/settings/base.py``). While locked,
even the right password is refused. The same username from another address, and other
usernames, are not affected. Failed attempts live in the database (``axes.AccessAttempt``,
visible and resettable in Django's admin and with ``manage.py axes_reset``).

This module gives axes the portal's way of seeing a login and of saying no:

- :func:`username`: the lock ignores case, as logins do for editors who type their name
  capitalised;
- :class:`ThrottledLoginForm` (``WAGTAILADMIN_USER_LOGIN_FORM``): a locked editor reads on
  Wagtail's login form why, and for how many minutes, in the admin's language, without the
  attempt reaching the password check;
- :func:`lockout_response`: the attempt that sets off the lock shows that same form; other
  login paths (Django's admin) get a 429 with the same sentence.
"""

import ipaddress
import math

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Max
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext
from wagtail.admin.forms.auth import LoginForm
from wagtail.admin.views.account import LoginView

from core.protection import client_address


def login_address(request):
    """``AXES_CLIENT_IP_CALLABLE``: the client address the rate limit uses, or None where a
    request has none (a test client's ``force_login``), as axes stores it in an address
    column that PostgreSQL checks."""
    address = client_address(request)
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


def username(request, credentials=None):
    """``AXES_USERNAME_CALLABLE``: the name as typed, in one case."""
    field = get_user_model().USERNAME_FIELD
    data = credentials or getattr(request, "POST", {}) or {}
    name = data.get("username") or data.get(field)
    return name.strip().casefold() if name else None


def minutes_left(request, credentials):
    """Whole minutes until the lock on this username from this address ends (at least 1)."""
    last = AccessAttempt.objects.filter(
        username=username(request, credentials), ip_address=login_address(request)
    ).aggregate(last=Max("attempt_time"))["last"]
    if last is None:
        return math.ceil(get_cool_off(request).total_seconds() / 60)
    seconds = (last + get_cool_off(request) - timezone.now()).total_seconds()
    return max(1, math.ceil(seconds / 60))


def locked_message(minutes):
    return ngettext(
        "Too many failed login attempts. Login is locked for %(minutes)d minute; "
        "please try again later.",
        "Too many failed login attempts. Login is locked for %(minutes)d minutes; "
        "please try again later.",
        minutes,
    ) % {"minutes": minutes}


class ThrottledLoginForm(LoginForm):
    """Wagtail's login form, telling a locked-out editor why and for how long."""

    def clean(self):
        credentials = {"username": self.cleaned_data.get("username")}
        if credentials["username"] and AxesProxyHandler.is_locked(self.request, credentials):
            raise ValidationError(
                locked_message(minutes_left(self.request, credentials)), code="locked"
            )
        return super().clean()


def lockout_response(request, original_response=None, credentials=None):
    """``AXES_LOCKOUT_CALLABLE``: the answer to the attempt that is locked out."""
    if request.path == reverse("wagtailadmin_login"):
        # The lock exists now, so the form refuses before checking the password again.
        response = LoginView.as_view()(request)
        return response.render() if hasattr(response, "render") else response
    message = locked_message(minutes_left(request, credentials))
    return HttpResponse(message, status=429, content_type="text/plain; charset=utf-8")
