"""Production: every secret and host comes from the environment, or the process refuses to start."""

import importlib.util
import os
from email.utils import parseaddr

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import REDIS_URL, STORAGES, env_bool, env_list


def required(name):
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(
            f"{name} is not set. Production needs it; see .env.example for what it means."
        )
    return value


DEBUG = False
SECRET_KEY = required("DJANGO_SECRET_KEY")
required("DATABASE_URL")
required("DJANGO_ALLOWED_HOSTS")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS names no host; see .env.example.")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
# Load balancers ask app servers for /healthz over plain HTTP (core/health.py).
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", False)
if not SECURE_HSTS_PRELOAD:
    # Preloading is a decision for the owner of the whole domain (it binds every subdomain
    # and only an apex domain can be listed); without it, HSTS still applies from the first
    # visit. DJANGO_HSTS_PRELOAD=true turns it on (and the check back on).
    SILENCED_SYSTEM_CHECKS = ["security.W021"]
# Cookies only over HTTPS; SameSite=Lax and HttpOnly session cookies come from base.py.
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

# Who hears of errors. DJANGO_ADMINS="Ops <ops@example.org>, dev@example.org": Django e-mails
# them each server error (without form values or local variables: core/logging.py).
ADMINS = [parseaddr(entry) for entry in env_list("DJANGO_ADMINS")]
SERVER_EMAIL = os.environ.get("DJANGO_SERVER_EMAIL", "").strip() or SERVER_EMAIL  # noqa: F405
DEFAULT_EXCEPTION_REPORTER_FILTER = "core.logging.PersonalDataReporterFilter"
if ADMINS:
    LOGGING["handlers"]["mail_admins"] = {  # noqa: F405
        "class": "django.utils.log.AdminEmailHandler",
        "level": "ERROR",
        "filters": ["personal_data"],
    }
    LOGGING["loggers"]["django.request"]["handlers"] = ["console", "mail_admins"]  # noqa: F405
    LOGGING["loggers"]["django.request"]["propagate"] = False  # noqa: F405

# Error tracking with Sentry (or a Sentry-compatible service such as GlitchTip), off unless
# SENTRY_DSN is set. No personal data: no user details, no request bodies, no local variables.
SENTRY_DSN = os.environ.get("SENTRY_DSN", "").strip()
if SENTRY_DSN:
    # Imported only when configured: without a DSN the SDK is not loaded at all.
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        integrations=[DjangoIntegration()],
        environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
        release=os.environ.get("SENTRY_RELEASE") or None,
        traces_sample_rate=float(os.environ.get("SENTRY_TRACES_SAMPLE_RATE", "0")),
        send_default_pii=False,
        max_request_body_size="never",
        include_local_variables=False,
    )

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)

# Registration e-mails go through the database queue; run `python manage.py task_worker`
# beside the web processes (README, "Running in production").
INSTALLED_APPS = [*INSTALLED_APPS, "django_tasks_db"]  # noqa: F405
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Page cache for anonymous visitors (core/cache.py), on by default in production with Redis:
# a per-process cache would let each gunicorn worker keep pages another worker's publish
# has made stale.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "300" if REDIS_URL else "0"))
PAGE_CACHE_MAX_AGE = int(os.environ.get("PAGE_CACHE_MAX_AGE", "60"))

# Media (images, documents) on S3-compatible object storage, shared by every app server:
# set AWS_STORAGE_BUCKET_NAME and install the extra (pip install -e ".[s3]"). Unset: files
# in MEDIA_ROOT. Documents are still served through Wagtail's view (privacy, attachments).
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "").strip()
if AWS_STORAGE_BUCKET_NAME:
    if importlib.util.find_spec("storages") is None:
        raise ImproperlyConfigured(
            "AWS_STORAGE_BUCKET_NAME is set, but django-storages is not installed: "
            "pip install -e '.[s3]' (docs/deployment.md)."
        )
    STORAGES = {**STORAGES, "default": {"BACKEND": "storages.backends.s3.S3Storage"}}
    AWS_S3_ENDPOINT_URL = os.environ.get("AWS_S3_ENDPOINT_URL", "").strip() or None
    AWS_S3_REGION_NAME = os.environ.get("AWS_S3_REGION_NAME", "").strip() or None
    AWS_ACCESS_KEY_ID = os.environ.get("AWS_ACCESS_KEY_ID", "")
    AWS_SECRET_ACCESS_KEY = os.environ.get("AWS_SECRET_ACCESS_KEY", "")
    # A CDN or public host name in front of the bucket, e.g. media.fruehe-hilfen.example
    AWS_S3_CUSTOM_DOMAIN = os.environ.get("AWS_S3_CUSTOM_DOMAIN", "").strip() or None
    AWS_QUERYSTRING_AUTH = False  # image URLs in cached pages must not expire
    AWS_S3_FILE_OVERWRITE = False
    AWS_DEFAULT_ACL = None  # the bucket's policy decides (public read for media)
