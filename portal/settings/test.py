"""Lean settings for the test suite."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import STORAGES

DEBUG = False
SECRET_KEY = "test-only-key"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
WAGTAILADMIN_BASE_URL = "http://testserver"
SERVE_MEDIA = True
# Uploaded and generated files of the tests stay out of the project's media/.
MEDIA_ROOT = Path(tempfile.gettempdir()) / "portal-test-media"
WHITENOISE_AUTOREFRESH = True
# Machine translation in tests: wagtail-localize's dummy backend (reverses the words).
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
    "CLASS": "wagtail_localize.machine_translators.dummy.DummyTranslator",
}
# Kept fragments are on in tests (one process), so they prove that changes show at once.
FRAGMENT_CACHE_SECONDS = 300
# The page cache is off in tests; core/tests/test_page_cache.py switches it on.
PAGE_CACHE_SECONDS = 0
PAGE_CACHE_MAX_AGE = 0
# The tests' demo has no registrations: each test books the people it counts.
# checkin/tests/test_courses_and_eiv.py loads the demo participants itself.
PORTAL_DEMO_PARTICIPANTS = False
