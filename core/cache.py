"""A page cache for anonymous visitors, emptied whenever something a page shows changes.

``PageCacheMiddleware`` keeps complete responses (status, headers, body) of public GET
requests in Django's cache (Redis in production) for ``PAGE_CACHE_SECONDS``. It stores only
what is the same for every anonymous visitor:

- GET and HEAD (HEAD is answered from a stored GET, never stored itself);
- no session or messages cookie on the request (editors, people who just registered);
- status 200, not streaming, at most ``PAGE_CACHE_MAX_BYTES`` (1 MiB), no cookies set by the
  response, no ``private``/``no-store``/``no-cache``, no ``Vary: *``;
- a response that did not use the CSRF token (``CSRF_COOKIE_NEEDS_UPDATE``): pages with a
  registration or editor-built form are rendered for each visitor, so nobody is handed
  another visitor's token;
- not the admin, documents, media or a personal registration link.

The key is the scheme, host, path, active language, whether the client accepts gzip and the
*normalised* query string
(parameters sorted, so ``?a=1&b=2`` and ``?b=2&a=1`` share an entry). The query string is part
of the key rather than dropped or whitelisted, because the finder, calendar and press index
are filtered by it; query strings longer than ``MAX_QUERY`` characters are not cached, so
random parameters cannot flood the cache with large entries beyond that bound.

Invalidation is by generation: every key holds the current generation token, and publishing,
unpublishing, moving or deleting a page, saving or deleting a snippet, setting or image (the
records in ``SHOWN``) replaces the token, so all stored pages are out at once (they expire in
the cache by themselves). A booking does not (``NOT_SHOWN``). Pages list other pages
(calendar, finder, press, home), so a finer invalidation would have to know every listing;
publishing is rare and a cold page is one render away.

Responses keep the headers they were rendered with. A Content-Security-Policy nonce is part
of the stored HTML *and* header, so the middleware must sit **above** (before) a CSP
middleware in ``MIDDLEWARE``: the CSP middleware then runs inside it and its header is stored
and replayed with the HTML that matches it. It must sit below ``LocaleMiddleware`` (the key
holds the language) and above ``CsrfViewMiddleware``, ``AuthenticationMiddleware`` and
``MessageMiddleware``. Every response it handles carries ``X-Cache: hit`` or ``miss``.

Browsers and CDNs: cacheable anonymous responses get ``Cache-Control: public,
max-age=PAGE_CACHE_MAX_AGE`` (short; Wagtail's frontend cache purges a CDN or Varnish on
publish, see ``WAGTAILFRONTENDCACHE``), other page responses ``private``; responses that
set their own ``Cache-Control`` (feeds, robots.txt) keep it.
"""

import hashlib
import logging
import re
import uuid
from urllib.parse import parse_qsl, urlencode

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import parse_http_date_safe
from django.utils.translation import get_language
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"
MAX_QUERY = 512
ACCEPTS_GZIP = re.compile(r"\bgzip\b")
EXCLUDED_PREFIXES = ("/admin/", "/django-admin/", "/documents/", "/static/", "/media/")
# Personal links and form posts below the language prefix, e.g. /de/registration/…
EXCLUDED_SEGMENTS = ("registration/",)
UNCACHEABLE_CONTROL = ("private", "no-store", "no-cache")


def cache_seconds():
    return int(getattr(settings, "PAGE_CACHE_SECONDS", 0) or 0)


def max_age():
    return int(getattr(settings, "PAGE_CACHE_MAX_AGE", 0) or 0)


# --- Generation -----------------------------------------------------------------------------


def current_generation():
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, uuid.uuid4().hex, None)
        generation = cache.get(GENERATION_KEY)
    return generation


def invalidate():
    """Make every stored page stale. Safe to call often; cheap (one cache write)."""
    try:
        cache.set(GENERATION_KEY, uuid.uuid4().hex, None)
    except Exception:  # an unreachable cache holds no pages to serve either
        logger.warning("page cache: could not bump the generation", exc_info=True)


def fragment_seconds():
    return int(getattr(settings, "FRAGMENT_CACHE_SECONDS", 0) or 0)


def cached(name, parts, build, seconds=None, request=None):
    """``build()``, kept in the cache under ``name``, ``parts`` and the current generation.

    For what several pages compute from the content alone (the calendar's filter choices,
    the home page's sections): out of date exactly when a stored page would be, so publishing
    or saving a snippet shows at once. ``seconds`` bounds the age of what also depends on the
    clock (upcoming dates). Off with ``FRAGMENT_CACHE_SECONDS = 0``; an unreachable cache
    builds every time. A preview (``request.is_preview``) shows a draft: built, never kept,
    so a draft can neither be hidden by a kept fragment nor leak into one."""
    seconds = fragment_seconds() if seconds is None else min(seconds, fragment_seconds())
    if seconds <= 0 or getattr(request, "is_preview", False):
        return build()
    raw = "|".join(str(part) for part in parts)
    try:
        key = f"fragment:{name}:{current_generation()}:{hashlib.sha256(raw.encode()).hexdigest()}"
        value = cache.get(key)
    except Exception:
        logger.warning("fragment cache: lookup failed", exc_info=True)
        return build()
    if value is None:
        value = build()
        try:
            cache.set(key, value, seconds)
        except Exception:
            logger.warning("fragment cache: store failed", exc_info=True)
    return value


def invalidate_after_commit(**kwargs):
    """Signal receiver: bump now and again once the transaction commits, so a request that
    rendered the old state between the two does not keep it in the cache."""
    invalidate()
    transaction.on_commit(invalidate)


# --- Middleware -----------------------------------------------------------------------------


def _excluded_path(path):
    if path.startswith(EXCLUDED_PREFIXES):
        return True
    parts = path.lstrip("/").split("/", 1)
    rest = parts[1] if len(parts) > 1 else ""
    return rest.startswith(EXCLUDED_SEGMENTS)


def _request_is_anonymous(request):
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies


def normalised_query(request):
    pairs = parse_qsl(request.META.get("QUERY_STRING", ""), keep_blank_values=True)
    return urlencode(sorted(pairs))


def page_cache_key(request, generation):
    raw = "|".join(
        [
            request.scheme,
            request.get_host(),
            request.path,
            get_language() or "",
            normalised_query(request),
            # Feeds are sent gzip-compressed to clients that accept it (Vary: Accept-Encoding).
            "gzip" if accepts_gzip(request) else "",
        ]
    )
    digest = hashlib.sha256(raw.encode("utf-8")).hexdigest()
    return f"pagecache:{generation}:{digest}"


def max_bytes():
    return int(getattr(settings, "PAGE_CACHE_MAX_BYTES", 1024 * 1024))


def accepts_gzip(request):
    """As Django's GZipMiddleware reads Accept-Encoding."""
    return ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")) is not None


def _storable(request, response):
    if request.method != "GET" or response.status_code != 200 or response.streaming:
        return False
    # Reading a large body back costs more than the view's own caches: the full iCal feed
    # (11 MB at 20,000 sessions) keeps its written body under its ETag, and a conditional
    # request for it is answered before anything is read.
    if len(response.content) > max_bytes():
        return False
    if response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED"):
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    control = response.get("Cache-Control", "").lower()
    if any(word in control for word in UNCACHEABLE_CONTROL):
        return False
    return "*" not in response.get("Vary", "")


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = cache_seconds()
        if request.method not in ("GET", "HEAD") or _excluded_path(request.path):
            return self.get_response(request)
        anonymous = _request_is_anonymous(request)
        cacheable = (
            seconds > 0 and anonymous and len(request.META.get("QUERY_STRING", "")) <= MAX_QUERY
        )
        key = None
        if cacheable:
            try:
                key = page_cache_key(request, current_generation())
                stored = cache.get(key)
            except Exception:
                logger.warning("page cache: lookup failed", exc_info=True)
                stored = None
            if stored is not None:
                return self._replay(request, stored)

        response = self.get_response(request)
        storable = anonymous and _storable(request, response)
        self._cache_headers(response, storable)
        if key is not None and storable:
            try:
                cache.set(key, self._freeze(response), seconds)
            except Exception:
                logger.warning("page cache: store failed", exc_info=True)
        if key is not None:
            response["X-Cache"] = "miss"
        return response

    @staticmethod
    def _cache_headers(response, storable):
        if response.status_code != 200 or response.has_header("Cache-Control"):
            if storable:
                patch_vary_headers(response, ("Cookie",))
            return
        if storable:
            patch_vary_headers(response, ("Cookie",))
            if max_age() > 0:
                patch_cache_control(response, public=True, max_age=max_age())
        else:
            patch_cache_control(response, private=True)

    @staticmethod
    def _freeze(response):
        return (response.status_code, list(response.items()), response.content)

    @staticmethod
    def _replay(request, stored):
        status, headers, content = stored
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
        # A stored feed still answers If-None-Match / If-Modified-Since with 304.
        last_modified = parse_http_date_safe(response.get("Last-Modified", ""))
        response = get_conditional_response(
            request, etag=response.get("ETag"), last_modified=last_modified, response=response
        )
        response["X-Cache"] = "hit"
        return response


# --- Signals --------------------------------------------------------------------------------

# Records public pages show. Saving or deleting one empties the kept pages and fragments
# (beside publishing, unpublishing, moving a page and changing a Site, which always do).
# Child rows of pages (schedules, forums, sessions …) are written when their page is
# published, which empties the cache itself; they are listed for scripts that save them
# directly.
SHOWN = {
    "core.PortalImage",
    "core.OrganisationSettings",
    "directory.Topic",
    "directory.TargetGroup",
    "directory.District",
    "directory.Organisation",
    "directory.Funder",
    "directory.Place",
    "directory.ContactPerson",
    "events.Speaker",
    "home.FormField",
    "programmes.ProgrammeLanguage",
    "programmes.ProgrammeFunding",
    "programmes.ProgrammePartner",
    "programmes.ProgrammeFigure",
    "programmes.SubProject",
    "events.CalendarLanguage",
    "events.CalendarOrganiser",
    "events.AgendaItem",
    "events.Round",
    "events.Forum",
    "events.EventDownload",
    "events.CourseSchedule",
    "events.CourseException",
    "events.Session",
    "press.PressDownload",
}
# Records no kept page or fragment shows, and why: saving them leaves the cache as it is.
NOT_SHOWN = {
    "core.PortalRendition": "made while pages render",
    "home.AccessibilityFeedback": "a visitor's report of a barrier, read in the admin only",
    "events.CalendarRevision": "written while a page is published",
    "core.PageSearchTerm": "written while a page is published, which empties the cache",
    "registrations.ConsentVersion": "read in the admin and the export only",
    # A booking must not empty the whole cache at the moment a conference opens and many
    # people book: places left are shown only in the registration form, which uses the
    # CSRF token and so is rendered for every visitor, never kept.
    "registrations.Registration": "places left appear only in the registration form",
    "registrations.ForumChoice": "places left appear only in the registration form",
    "registrations.Attendance": "arrivals are seen by the organisers at the door only",
}
PROJECT_APPS = ("core", "home", "directory", "programmes", "events", "registrations", "press")


def connect_signals():
    """Wired in ``CoreConfig.ready()``: what pages show changes on these signals."""
    uid = "core.cache.invalidate"
    page_published.connect(invalidate_after_commit, dispatch_uid=uid + ".published")
    page_unpublished.connect(invalidate_after_commit, dispatch_uid=uid + ".unpublished")
    post_page_move.connect(invalidate_after_commit, dispatch_uid=uid + ".moved")
    page_slug_changed.connect(invalidate_after_commit, dispatch_uid=uid + ".slug")
    post_save.connect(invalidate_after_commit, sender=Site, dispatch_uid=f"{uid}.site")
    post_delete.connect(invalidate_after_commit, sender=Site, dispatch_uid=f"{uid}.d.site")
    for label in PROJECT_APPS:
        for model in apps.get_app_config(label).get_models():
            # A page's deletion empties the cache; its saves are drafts until published.
            if issubclass(model, Page) or model._meta.label in SHOWN:
                post_delete.connect(
                    invalidate_after_commit, sender=model, dispatch_uid=f"{uid}.delete.{model}"
                )
            if model._meta.label in SHOWN:
                post_save.connect(
                    invalidate_after_commit, sender=model, dispatch_uid=f"{uid}.save.{model}"
                )


def unclassified_models():
    """Models of the project's apps that are neither pages nor listed above: each new one
    must be put in ``SHOWN`` or ``NOT_SHOWN`` (a test fails until it is)."""
    found = []
    for label in PROJECT_APPS:
        for model in apps.get_app_config(label).get_models():
            name = model._meta.label
            if issubclass(model, Page):
                continue
            if (name in SHOWN) == (name in NOT_SHOWN):
                found.append(name)
    return found
