"""Settings shared by every environment.

Environment variables are read here and in ``production.py`` only; ``.env.example`` lists
every one of them.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from django.conf.locale import LANG_INFO
from django.utils.translation import gettext_noop

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PROJECT_DIR = BASE_DIR / "portal"


def load_env_file(path):
    """Read KEY=VALUE lines from ``.env`` (if there is one) into the environment.

    Variables already set, even to an empty string, win: ``DATABASE_URL= make test`` means
    SQLite whatever ``.env`` says.
    """
    if not path.is_file():
        return
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, value = line.split("=", 1)
        os.environ.setdefault(key.strip(), value.strip().strip("'\""))


load_env_file(BASE_DIR / ".env")


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

# Headers and cookies in every environment; production.py adds HTTPS-only cookies and HSTS,
# django-csp the Content-Security-Policy (below), core/security.py the Permissions-Policy.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

INSTALLED_APPS = [
    # Project apps first, so their templates override the libraries'.
    "core",
    "home",
    "directory",
    "programmes",
    "events",
    "registrations",
    "feedback",
    "checkin",
    "reminders",
    "press",
    "localization",
    "editorial",
    # Translation of content.
    "wagtail_localize",
    "wagtail_localize.locales",
    # Wagtail.
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "csp",
    "axes",
    "recurrence",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Locales read once per request, not once per lookup (core/request_memo.py)
    "core.request_memo.RequestMemoMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # The admin in German whatever the browser asks for, until an editor chooses otherwise
    "editorial.middleware.AdminLanguageMiddleware",
    # Database unreachable: a 503 page in the visitor's language, no error (core/faults.py)
    "core.faults.DatabaseUnavailableMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Below LocaleMiddleware (its key holds the language), above CSRF, auth, messages and a
    # CSP middleware (so a stored page replays the CSP header matching its nonce): core/cache.py
    "core.cache.PageCacheMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Below the page cache (a stored page keeps the CSP header matching its nonce) and below
    # AuthenticationMiddleware (editors' userbar): core/security.py
    "core.security.ContentSecurityPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Turns a locked-out login into core.login_throttle.lockout_response (django-axes)
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
# SQLite is the zero-setup default; DATABASE_URL (postgres://…) switches to PostgreSQL.
SQLITE_PATH = os.environ.get("SQLITE_PATH", str(BASE_DIR / "db.sqlite3"))
SQLITE_OPTIONS = {
    # Writers queue for the lock instead of failing with "database is locked": every
    # transaction takes the write lock up front (BEGIN IMMEDIATE) and waits up to 20 s.
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": (
        "PRAGMA journal_mode=WAL;"
        "PRAGMA synchronous=NORMAL;"
        "PRAGMA foreign_keys=ON;"
        "PRAGMA busy_timeout=20000;"
    ),
}


def database_from_env():
    url = os.environ.get("DATABASE_URL", "").strip()
    if not url:
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": SQLITE_PATH,
            "OPTIONS": dict(SQLITE_OPTIONS),
            "TEST": {"NAME": os.environ.get("SQLITE_TEST_PATH", str(BASE_DIR / "db.test.sqlite3"))},
        }
    config = dj_database_url.parse(url, conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")))
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["OPTIONS"] = dict(SQLITE_OPTIONS)
    else:
        config["CONN_HEALTH_CHECKS"] = True
    return config


DATABASES = {"default": database_from_env()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ----------------------------------------------------------------------------------
# With REDIS_URL, Redis shared by all app servers, through core/cache_backends.py: a dead
# Redis reads as a cache miss after at most REDIS_TIMEOUT seconds, and is then left alone for
# REDIS_BREAKER_SECONDS, so the site keeps serving (slower). Counters (the rate limit of
# public forms) raise instead, so the rate limit fails closed. Without it, a per-process cache.
REDIS_URL = os.environ.get("REDIS_URL", "").strip()
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "core.cache_backends.FaultTolerantRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "portal",
            "OPTIONS": {
                "CONNECT_TIMEOUT": float(os.environ.get("REDIS_TIMEOUT", "0.25")),
                "SOCKET_TIMEOUT": float(os.environ.get("REDIS_TIMEOUT", "0.25")),
                "BREAKER_SECONDS": float(os.environ.get("REDIS_BREAKER_SECONDS", "5")),
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Page cache for anonymous visitors (core/cache.py): seconds a rendered page is kept in the
# cache (0 = off, the default outside production), and the max-age browsers and CDNs get.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "0"))
PAGE_CACHE_MAX_AGE = int(os.environ.get("PAGE_CACHE_MAX_AGE", "0"))
# What several pages compute from the content alone (filter choices, listings, facts boxes)
# is kept under the same generation (core.cache.cached, the {% fragment %} tag). The
# generation must be shared by every process that serves pages: on by default only with
# Redis; development (one process) and the tests switch it on themselves.
FRAGMENT_CACHE_SECONDS = int(os.environ.get("FRAGMENT_CACHE_SECONDS", "300" if REDIS_URL else "0"))

# A CDN or Varnish in front of the portal is purged when a page is published
# (wagtail.contrib.frontend_cache); off while none is configured.
WAGTAILFRONTENDCACHE = {}
if os.environ.get("FRONTEND_CACHE_VARNISH_URL", "").strip():
    WAGTAILFRONTENDCACHE["varnish"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": os.environ["FRONTEND_CACHE_VARNISH_URL"].strip(),
    }
if os.environ.get("CLOUDFLARE_API_TOKEN", "").strip():
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": os.environ["CLOUDFLARE_API_TOKEN"].strip(),
        "ZONEID": os.environ.get("CLOUDFLARE_ZONE_ID", "").strip(),
    }
if WAGTAILFRONTENDCACHE:
    INSTALLED_APPS.append("wagtail.contrib.frontend_cache")

# --- Background tasks (django-tasks, shipped with Wagtail) ----------------------------------
# Background work (registration e-mails) runs after the request. Development and tests run
# tasks at once; production stores them in the database for `manage.py task_worker`
# (see portal/settings/production.py and the README).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# /healthz reports the task worker stalled when a job has been ready this long (core/health.py).
TASKS_STALLED_SECONDS = int(os.environ.get("TASKS_STALLED_SECONDS", "300"))

# Registration: attempts per client address and window (seconds); RATELIMIT_ENABLE=false
# switches the limit off, e.g. for load tests.
RATELIMIT_ENABLE = env_bool("RATELIMIT_ENABLE", True)
REGISTRATION_RATE_LIMIT = int(os.environ.get("REGISTRATION_RATE_LIMIT", "10"))
REGISTRATION_RATE_WINDOW = int(os.environ.get("REGISTRATION_RATE_WINDOW", "600"))

# The visitor's address for the rate limit and the login lockout (core.protection): with
# TRUSTED_PROXIES proxies in front of the app servers (a load balancer: 1; a CDN before it: 2)
# it is read from X-Forwarded-For, the address the outermost of them saw (django-ipware);
# with 0, the connection's own address, and the header is never believed.
TRUSTED_PROXIES = int(os.environ.get("TRUSTED_PROXIES", "0"))

# --- Passwords and admin login -------------------------------------------------------------
# django-axes: LOGIN_FAILURE_LIMIT failed logins for one username from one client address
# lock that pair out for LOGIN_LOCKOUT_SECONDS, even with the right password; the username
# from another address and other usernames are not affected (core/login_throttle.py). The
# client address is the rate limit's (core.protection.client_address).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
LOGIN_LOCKOUT_SECONDS = int(os.environ.get("LOGIN_LOCKOUT_SECONDS", "900"))
AXES_FAILURE_LIMIT = LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = timedelta(seconds=LOGIN_LOCKOUT_SECONDS)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "core.login_throttle.username"
AXES_CLIENT_IP_CALLABLE = "core.login_throttle.login_address"
AXES_LOCKOUT_CALLABLE = "core.login_throttle.lockout_response"
WAGTAILADMIN_USER_LOGIN_FORM = "core.login_throttle.ThrottledLoginForm"
AXES_RESET_ON_SUCCESS = True
# Refused attempts while locked do not make the lock longer.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# Failed attempts are kept until their lock ends; successful logins are not recorded.
AXES_DISABLE_ACCESS_LOG = True
# Log lines name the username and address (never the password), as the operators need.
AXES_SENSITIVE_PARAMETERS = []
AXES_VERBOSE = False  # no banner on every start of manage.py

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Languages ------------------------------------------------------------------------------
# Leichte Sprache (easy-to-read German) is a content variant of German: its own pages under
# /de-x-ls/, translated from the German ones like any language. BCP 47 has no code for it, so
# it gets a private-use subtag; Django's LANG_INFO does not know it and is extended here.
# "fallback" says that its interface strings and date formats are German's: gettext finds
# locale/de/ for it (de_X-ls → de), so it has no catalogue of its own.
LEICHTE_SPRACHE = "de-x-ls"
LANG_INFO[LEICHTE_SPRACHE] = {
    "bidi": False,
    "code": LEICHTE_SPRACHE,
    "name": gettext_noop("Easy-to-read German"),
    "name_local": "Leichte Sprache",
    "fallback": ["de"],
}

# German is the source language. To add a site language, add its code here (and a catalogue
# under locale/): names, URL prefixes, content locales and the language menu follow.
PORTAL_LANGUAGE_CODES = ["de", LEICHTE_SPRACHE, "en", "tr", "ar", "uk"]

LANGUAGE_CODE = "de"
# Each language is named in itself ("Türkçe", "العربيّة"), as the language menu shows it.
LANGUAGES = [(code, LANG_INFO[code]["name_local"]) for code in PORTAL_LANGUAGE_CODES]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Berlin"
USE_TZ = True

# --- Static and media -----------------------------------------------------------------------
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# --- E-mail ---------------------------------------------------------------------------------
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Frühe Hilfen Portal <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Wagtail --------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = os.environ.get("WAGTAIL_SITE_NAME", "Frühe Hilfen Portal")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
PORTAL_STALE_OFFER_MONTHS = 12  # the dashboard lists offers unchanged for longer (editorial)
# load_demo adds invented participants to the jubilee conference, some checked in (checkin.demo).
PORTAL_DEMO_PARTICIPANTS = True
WAGTAILIMAGES_IMAGE_MODEL = "core.PortalImage"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
# Raster images only: an SVG can carry script.
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
# mp4 and webm: videos in German Sign Language (home.SignLanguagePage).
WAGTAILDOCS_EXTENSIONS = [
    "csv",
    "docx",
    "mp4",
    "odt",
    "pdf",
    "pptx",
    "rtf",
    "txt",
    "webm",
    "xlsx",
    "zip",
]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# Documents go through Wagtail's view (never straight from MEDIA_URL), which sends every type
# but PDF and plain text as a download, with "Content-Security-Policy: default-src 'none'".
# No SVG, HTML or XML uploads at all: they can carry script.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf", "text/plain"]
WAGTAILDOCS_BLOCK_EMBEDDED_CONTENT = True
# --- Content-Security-Policy (django-csp; core/security.py picks the policy per request) ------
# Video embeds allowed in frames on public pages and in the admin's previews.
VIDEO_EMBED_ORIGINS = [
    "https://www.youtube.com",
    "https://www.youtube-nocookie.com",
    "https://player.vimeo.com",
]
# Public pages: scripts and styles from this site only; inline <script> and <style> elements
# only with the request's nonce (``request.csp_nonce``, written into the header only when a
# template used it); no plugins, no foreign forms, no framing by other sites.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "media-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [SELF, *VIDEO_EMBED_ORIGINS],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [SELF],
        "form-action": [SELF],
    }
}
# The Wagtail admin (and Django's) under ADMIN_URL_PREFIXES runs inline scripts and style
# attributes of its own.
ADMIN_URL_PREFIXES = ("/admin/", "/django-admin/")
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        # Avatars (Gravatar), embed thumbnails, image previews while uploading.
        "img-src": [SELF, "data:", "blob:", "https:"],
        "media-src": [SELF, "blob:"],
        "font-src": [SELF, "data:"],
        # Wagtail's "new version available" check.
        "connect-src": [SELF, "https://releases.wagtail.org"],
    }
}
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# On PostgreSQL, full-text search stems German words ("Alleinerziehende" finds
# "alleinerziehenden"); SQLite matches whole words only.
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "german"}
}
# Machine translation in wagtail-localize's editor: off unless MACHINE_TRANSLATOR names a
# backend ("deepl" with DEEPL_AUTH_KEY, "libretranslate" with LIBRETRANSLATE_URL and an
# optional LIBRETRANSLATE_API_KEY, or "dummy", which only reverses words, for tests).
MACHINE_TRANSLATOR = os.environ.get("MACHINE_TRANSLATOR", "").strip().lower()
if MACHINE_TRANSLATOR == "deepl":
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
        "OPTIONS": {"AUTH_KEY": os.environ.get("DEEPL_AUTH_KEY", "")},
    }
elif MACHINE_TRANSLATOR == "libretranslate":
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.libretranslate.LibreTranslator",
        "OPTIONS": {
            "LIBRETRANSLATE_URL": os.environ.get("LIBRETRANSLATE_URL", "").rstrip("/"),
            "API_KEY": os.environ.get("LIBRETRANSLATE_API_KEY", ""),
        },
    }
elif MACHINE_TRANSLATOR == "dummy":
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.dummy.DummyTranslator",
    }
# A new translation stays a draft until a translator publishes it: families should not find
# an "Arabic" page that still holds the German text (listings show the German page, marked
# "In German", until then).
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
# No Gravatar: avatars would send a hash of every editor's e-mail address to a third party
# (and need an exception in the admin's Content-Security-Policy).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# The admin speaks German (editorial/middleware.py) unless an editor picks another language
# in their account.
WAGTAILADMIN_PERMITTED_LANGUAGES = [("de", "Deutsch"), ("en", "English")]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # No personal data in the logs: e-mail addresses, personal fields and personal links are
    # masked; request errors get method, path and user id (core/logging.py).
    "filters": {"personal_data": {"()": "core.logging.PersonalDataFilter"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["personal_data"],
            "formatter": "plain",
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "ERROR"},
        # One line per background task and page action is noise on the console.
        "django_tasks": {"level": "WARNING"},
        # django-axes reports every login at INFO; its warnings (failures, locks) stay.
        "axes": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
    },
}
