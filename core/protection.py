"""Spam and abuse protection for public forms (registration, editors' forms) without
third-party services: a honeypot field, a minimum fill time and a rate limit per client
address on the shared cache."""

import logging
import time

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.utils.translation import gettext as _
from ipware import get_client_ip

logger = logging.getLogger(__name__)

STARTED_SALT = "portal.form-started"


def started_token():
    return signing.dumps(int(time.time()), salt=STARTED_SALT)


def seconds_since(token):
    """Seconds since the form was rendered, or None for a missing or tampered token."""
    try:
        started = signing.loads(token, salt=STARTED_SALT, max_age=24 * 3600)
    except signing.BadSignature:
        return None
    return time.time() - int(started)


def client_address(request):
    """The visitor's address. Behind ``TRUSTED_PROXIES`` proxies (a load balancer, a CDN)
    every request comes from the nearest of them; each proxy appends the address it was
    reached from to ``X-Forwarded-For``, so the visitor is the entry ``TRUSTED_PROXIES``
    places from the end, whatever the visitor wrote into the header themselves (django-
    ipware counts only the proxies in the header: the nearest one is ``REMOTE_ADDR``).
    Without trusted proxies, or with a header too short to hold the visitor (a request that
    did not pass them), the connection's own address."""
    proxies = settings.TRUSTED_PROXIES
    if proxies > 0:
        address, _routable = get_client_ip(
            request,
            proxy_count=proxies - 1,
            request_header_order=["HTTP_X_FORWARDED_FOR"],
            strict=False,
        )
        if address:
            return address
    return request.META.get("REMOTE_ADDR", "unknown")


OK, EXCEEDED, UNAVAILABLE = "ok", "exceeded", "unavailable"


def rate_limit_state(request, scope, limit=None, window=None):
    """OK, EXCEEDED (this address has used up its attempts in the current window) or
    UNAVAILABLE (the cache cannot count). The Redis cache of core/cache_backends.py reads as
    a miss when Redis is down, but its ``incr`` raises, so an outage lands here."""
    if not getattr(settings, "RATELIMIT_ENABLE", True):
        return OK
    limit = limit or settings.REGISTRATION_RATE_LIMIT
    window = window or settings.REGISTRATION_RATE_WINDOW
    key = f"ratelimit:{scope}:{client_address(request)}:{int(time.time() // window)}"
    try:
        cache.add(key, 0, timeout=window)
        count = cache.incr(key)
    except Exception:  # the cache is down: refuse, and say so in the log
        logger.warning("rate limit cache unavailable; refusing %s", scope)
        return UNAVAILABLE
    return EXCEEDED if count > limit else OK


def rate_limited(request, scope, limit=None, window=None):
    """True when this address has used up its attempts in the current window. Fails closed:
    with the cache unreachable, submissions are refused rather than let through unchecked."""
    return rate_limit_state(request, scope, limit, window) != OK


MIN_FILL_SECONDS = 3


def refusal(request, scope):
    """Why a public form submission is refused before its fields are even looked at, as
    ``(HTTP status, message in the visitor's language)``, or None to go on."""
    state = rate_limit_state(request, scope)
    if state == UNAVAILABLE:
        return 503, _(
            "Sending is not possible just now because of a technical fault; nothing has been "
            "stored. Please try again in a few minutes."
        )
    if state == EXCEEDED:
        return 429, _("Too many attempts from your connection. Please try again in a few minutes.")
    if request.POST.get("website"):
        return 400, _("Your message could not be sent.")
    elapsed = seconds_since(request.POST.get("started", ""))
    if elapsed is None:
        return 400, _("The form was out of date. Please fill it in again.")
    if elapsed < MIN_FILL_SECONDS:
        return 400, _("That was very fast. Please check your entries and send again.")
    return None
