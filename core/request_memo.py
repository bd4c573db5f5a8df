"""What one request reads again and again, read once per request.

Wagtail looks a ``Locale`` up by its language code with a query each time it is asked
(``Locale.get_default()``, ``Locale.get_active()``, routing, every translation lookup): up to
seven times for one content page. ``RequestMemoMiddleware`` opens a memo for the request
and ``install()`` (called from ``CoreConfig.ready``) routes ``LocaleManager.get_for_language``
through it. Locales change only with a deployment (``PORTAL_LANGUAGE_CODES``), never while a
page renders, so nothing is kept beyond the request; outside a request (tasks, management
commands, tests that call code directly) every call queries as before.
"""

import contextvars

from wagtail.models.i18n import LocaleManager

_memo = contextvars.ContextVar("portal_request_memo", default=None)


def memo(key, build):
    """``build()``, once per request under ``key``; outside a request, every time."""
    store = _memo.get()
    if store is None:
        return build()
    if key not in store:
        store[key] = build()
    return store[key]


def remember(key, value):
    """Keep ``value`` under ``key`` for the rest of the request where nothing is kept yet (a
    value another query read on the way); outside a request, nothing."""
    store = _memo.get()
    if store is not None:
        store.setdefault(key, value)


class RequestMemoMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _memo.set({})
        try:
            return self.get_response(request)
        finally:
            _memo.reset(token)


_original_get_for_language = LocaleManager.get_for_language


def _get_for_language(manager, language_code):
    return memo(
        ("locale", manager.model, language_code),
        lambda: _original_get_for_language(manager, language_code),
    )


def remember_locale(language_code, locale):
    """Keep ``locale`` as the answer to ``Locale.objects.get_for_language(language_code)``
    for the rest of the request (another query read it on the way)."""
    remember(("locale", type(locale), language_code), locale)


def install():
    LocaleManager.get_for_language = _get_for_language
