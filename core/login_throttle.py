"""Admin login throttling: repeated failures lock a username out from one address.

``LOGIN_FAILURE_LIMIT`` failed logins for the same username from the same client address within
``LOGIN_FAILURE_WINDOW`` seconds lock that pair out for ``LOGIN_LOCKOUT_SECONDS``: while locked,
even the right password is refused, and Wagtail's login form says why. The same username from
another address, and other usernames, are not affected.

- Failures are counted by Django's ``user_login_failed`` signal (every login path: Wagtail's
  admin, Django's admin), connected in ``CoreConfig.ready()``.
- ``LockoutModelBackend`` refuses a locked pair on every login path; ``ThrottledLoginForm``
  (``WAGTAILADMIN_USER_LOGIN_FORM``) checks first, so the editor reads the reason.
- State lives in the shared cache (Redis in production), keyed by a hash of username and
  address. With the cache unreachable, logins fall back to the password check alone (the
  admin stays reachable) and a warning is logged.
- Log lines name the username and address, never the password.
"""

import contextlib
import hashlib
import logging
import math
import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import ngettext
from wagtail.admin.forms.auth import LoginForm

from core.protection import client_address

logger = logging.getLogger(__name__)


def limit():
    return settings.LOGIN_FAILURE_LIMIT


def window():
    return settings.LOGIN_FAILURE_WINDOW


def lockout_seconds():
    return settings.LOGIN_LOCKOUT_SECONDS


def failure_key(username, address):
    raw = f"{(username or '').strip().casefold()}|{address}"
    return "login-failures:" + hashlib.sha256(raw.encode("utf-8")).hexdigest()


def _state(key):
    return cache.get(key) or {"failures": [], "locked_until": 0}


def locked_until(request, username):
    """When the lock on this username from this address ends (a timestamp), or None."""
    if request is None or not username:
        return None
    try:
        state = _state(failure_key(username, client_address(request)))
    except Exception:
        logger.warning("login throttle: cache unavailable, checking the password only")
        return None
    until = state.get("locked_until", 0)
    return until if until > time.time() else None


def record_failure(sender, credentials, request=None, **kwargs):
    """``user_login_failed`` receiver: count the failure, lock after too many."""
    username = credentials.get("username") or credentials.get(get_user_model().USERNAME_FIELD)
    if request is None or not username:
        return
    address = client_address(request)
    key = failure_key(username, address)
    now = time.time()
    try:
        state = _state(key)
        if state.get("locked_until", 0) > now:
            return  # refused while locked: the lock does not grow
        failures = [t for t in state.get("failures", []) if t > now - window()]
        failures.append(now)
        state = {"failures": failures, "locked_until": 0}
        if len(failures) >= limit():
            state = {"failures": [], "locked_until": now + lockout_seconds()}
            logger.warning(
                "admin login locked for %d s: username=%r address=%s after %d failures",
                lockout_seconds(),
                username,
                address,
                len(failures),
            )
        cache.set(key, state, max(window(), lockout_seconds()))
    except Exception:
        logger.warning("login throttle: cache unavailable, failure not counted")


def clear_failures(sender, request=None, user=None, **kwargs):
    """``user_logged_in`` receiver: a successful login starts the count afresh."""
    if request is None or user is None:
        return
    with contextlib.suppress(Exception):  # an unreachable cache holds no count to clear
        cache.delete(failure_key(user.get_username(), client_address(request)))


def connect_signals():
    user_login_failed.connect(record_failure, dispatch_uid="core.login_throttle.failed")
    user_logged_in.connect(clear_failures, dispatch_uid="core.login_throttle.logged_in")


def locked_message(until):
    minutes = max(1, math.ceil((until - time.time()) / 60))
    return ngettext(
        "Too many failed login attempts. Login is locked for %(minutes)d minute; "
        "please try again later.",
        "Too many failed login attempts. Login is locked for %(minutes)d minutes; "
        "please try again later.",
        minutes,
    ) % {"minutes": minutes}


class LockoutModelBackend(ModelBackend):
    """Django's model backend, refusing a username that is locked from this address."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        name = username or kwargs.get(get_user_model().USERNAME_FIELD)
        if locked_until(request, name):
            logger.info("admin login refused while locked: username=%r", name)
            raise PermissionDenied
        return super().authenticate(request, username=username, password=password, **kwargs)


class ThrottledLoginForm(LoginForm):
    """Wagtail's login form, telling a locked-out editor why and for how long."""

    def clean(self):
        until = locked_until(self.request, self.cleaned_data.get("username"))
        if until:
            raise ValidationError(locked_message(until), code="locked")
        return super().clean()
