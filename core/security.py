"""Security headers: a Content-Security-Policy chosen by path, and a Permissions-Policy.

Public pages get a strict policy: scripts and styles from this site only, inline ``<script>``
and ``<style>`` elements only with the request's nonce (``request.csp_nonce``; templates write
``nonce="{{ request.csp_nonce }}"``), no plugins, no foreign forms, no framing by other sites.
The Wagtail admin (and Django's) runs inline scripts and styles of its own and gets a looser
policy. Editors who see Wagtail's userbar on a public page get inline *styles* allowed (the
userbar's checker injects ``<style>`` elements); their pages are never stored in the page cache.

Order in ``MIDDLEWARE``: below ``core.cache.PageCacheMiddleware`` (so the header is set before
a response is stored, and a stored page is replayed with the header matching the nonce in its
HTML) and below ``AuthenticationMiddleware`` (the editor's policy looks at ``request.user``).
A response that already carries a ``Content-Security-Policy`` keeps it: Wagtail's document
view sets ``default-src 'none'`` for uploaded files.

``X-Content-Type-Options``, ``Referrer-Policy``, ``Cross-Origin-Opener-Policy`` and HSTS come
from Django's ``SecurityMiddleware`` (settings ``SECURE_*``).
"""

import secrets
from urllib.parse import urlsplit

from django.conf import settings

ADMIN_PREFIXES = ("/admin/", "/django-admin/")

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


def _origin(url):
    """``https://cdn.example`` for an absolute URL (media on object storage), else None."""
    parts = urlsplit(url or "")
    if parts.scheme in ("http", "https") and parts.netloc:
        return f"{parts.scheme}://{parts.netloc}"
    return None


def _media_sources():
    origin = _origin(getattr(settings, "MEDIA_URL", ""))
    return [origin] if origin else []


def public_policy(nonce, inline_styles=False):
    media = _media_sources()
    styles = ["'self'", "'unsafe-inline'"] if inline_styles else ["'self'", f"'nonce-{nonce}'"]
    return {
        "default-src": ["'self'"],
        "script-src": ["'self'", f"'nonce-{nonce}'"],
        "style-src": styles,
        "img-src": ["'self'", "data:", *media],
        "media-src": ["'self'", *media],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'", *getattr(settings, "CSP_FRAME_SRC", [])],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'self'"],
        "form-action": ["'self'"],
    }


def admin_policy(nonce):
    media = _media_sources()
    return {
        "default-src": ["'self'"],
        # Wagtail's admin and its page previews run inline scripts and style attributes.
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        # Avatars (Gravatar), embed thumbnails, image previews while uploading.
        "img-src": ["'self'", "data:", "blob:", "https:", *media],
        "media-src": ["'self'", "blob:", *media],
        "font-src": ["'self'", "data:"],
        # Wagtail's "new version available" check.
        "connect-src": ["'self'", "https://releases.wagtail.org"],
        "frame-src": ["'self'", *getattr(settings, "CSP_FRAME_SRC", [])],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'self'"],
        "form-action": ["'self'"],
    }


def serialise(policy):
    return "; ".join(" ".join([name, *sources]) for name, sources in policy.items())


def shows_userbar(request):
    """True when Wagtail's userbar may appear on the page (an editor is logged in)."""
    user = getattr(request, "user", None)
    return bool(
        user is not None
        and user.is_authenticated
        and (user.is_superuser or user.has_perm("wagtailadmin.access_admin"))
    )


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        nonce = secrets.token_urlsafe(18)
        request.csp_nonce = nonce
        response = self.get_response(request)
        # A response with its own policy (documents) or one replayed from the page cache keeps
        # the policy it was rendered with.
        if not response.has_header("Content-Security-Policy"):
            if request.path.startswith(ADMIN_PREFIXES):
                policy = admin_policy(nonce)
            else:
                policy = public_policy(nonce, inline_styles=shows_userbar(request))
            response["Content-Security-Policy"] = serialise(policy)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
