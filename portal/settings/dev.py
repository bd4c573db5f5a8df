"""Local development: debug on, e-mails printed to the console, SQLite unless DATABASE_URL."""

import os
import secrets

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, BASE_DIR, SECRET_KEY, STORAGES


def local_secret_key():
    """A random key made once per checkout and kept in .local/ (git-ignored): no key is
    written in the code. production.py refuses to start without DJANGO_SECRET_KEY."""
    path = BASE_DIR / ".local" / "dev-secret-key"
    if not path.is_file():
        path.parent.mkdir(exist_ok=True)
        path.write_text(secrets.token_urlsafe(50), encoding="utf-8")
    return path.read_text(encoding="utf-8").strip()


DEBUG = True
# One process (runserver): its own cache is shared by everything that serves pages.
FRAGMENT_CACHE_SECONDS = int(os.environ.get("FRAGMENT_CACHE_SECONDS", "300"))
SECRET_KEY = SECRET_KEY or local_secret_key()
ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost", "[::1]"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
