"""Security headers: the Content-Security-Policy chosen per request, and a Permissions-Policy.

The policies themselves are settings (``CONTENT_SECURITY_POLICY`` for public pages,
``ADMIN_CONTENT_SECURITY_POLICY`` under ``ADMIN_URL_PREFIXES``), written by django-csp, which
also makes the nonce: templates write ``nonce="{{ request.csp_nonce }}"`` (or use
:func:`nonce`), and the header names the nonce only on responses that used it. This module
adds what django-csp has no setting for:

- the admin's looser policy by path (Wagtail's admin runs inline scripts of its own);
- inline *styles* for editors who see Wagtail's userbar on a public page (its checker injects
  ``<style>`` elements); their pages are never stored in the page cache;
- the ``Permissions-Policy`` header.

Order in ``MIDDLEWARE``: below ``core.cache.PageCacheMiddleware`` (so the header is set before
a response is stored, and a stored page is replayed with the header matching the nonce in its
HTML) and below ``AuthenticationMiddleware`` (the editor's policy looks at ``request.user``).
A response that already carries a ``Content-Security-Policy`` keeps it: Wagtail's document
view sets ``default-src 'none'`` for uploaded files.

``X-Content-Type-Options``, ``Referrer-Policy``, ``Cross-Origin-Opener-Policy`` and HSTS come
from Django's ``SecurityMiddleware`` (settings ``SECURE_*``).
"""

from csp.constants import SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware
from csp.utils import default_config
from django.conf import settings

PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
)


def nonce(request):
    """The request's CSP nonce as text ("" outside a request through the middleware). Using it
    puts it into the response's header."""
    value = getattr(request, "csp_nonce", None)
    return str(value) if value is not None else ""


def shows_userbar(request):
    """True when Wagtail's userbar may appear on the page (an editor is logged in)."""
    user = getattr(request, "user", None)
    return bool(
        user is not None
        and user.is_authenticated
        and (user.is_superuser or user.has_perm("wagtailadmin.access_admin"))
    )


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only or parts.config is not None:
            return parts  # a view's own @csp decorator wins
        if request.path.startswith(tuple(settings.ADMIN_URL_PREFIXES)):
            parts.config = default_config(settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"])
        elif shows_userbar(request):
            parts.replace = {**(parts.replace or {}), "style-src": [SELF, UNSAFE_INLINE]}
        return parts

    def process_response(self, request, response):
        response = super().process_response(request, response)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
