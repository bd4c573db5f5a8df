import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ENV_READS = re.compile(
    r"""(?:os\.environ\.get|env_bool|env_list|required)\(\s*["']([A-Z0-9_]+)["']"""
)


def test_env_example_documents_every_setting():
    read = set()
    for path in (ROOT / "portal").rglob("*.py"):
        read |= set(ENV_READS.findall(path.read_text()))
    documented = set(re.findall(r"^#?\s*([A-Z0-9_]+)=", (ROOT / ".env.example").read_text(), re.M))
    assert read, "found no settings read from the environment"
    assert read - documented == set()


def test_production_refuses_to_start_without_a_secret_key():
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_SECRET_KEY", "DATABASE_URL", "DJANGO_ALLOWED_HOSTS"}
    }
    env["DJANGO_SETTINGS_MODULE"] = "portal.settings.production"
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def production_env(**extra):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("SENTRY_", "DJANGO_ADMINS"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        DJANGO_SECRET_KEY="x" * 60,
        DATABASE_URL="sqlite:////tmp/never-opened.sqlite3",
        DJANGO_ALLOWED_HOSTS="fruehe-hilfen.example",
        **extra,
    )
    return env


def run_in_production(code, **extra):
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()\n" + code],
        cwd=ROOT,
        env=production_env(**extra),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_error_reports_go_to_the_admins_named_in_the_environment():
    out = run_in_production(
        "from django.conf import settings\n"
        "print(settings.ADMINS, settings.SERVER_EMAIL)\n"
        "print(settings.LOGGING['loggers']['django.request']['handlers'])",
        DJANGO_ADMINS="Betrieb <betrieb@example.org>, dev@example.org",
        DJANGO_SERVER_EMAIL="fehler@example.org",
    )
    assert "('Betrieb', 'betrieb@example.org'), ('', 'dev@example.org')" in out
    assert "fehler@example.org" in out
    assert "mail_admins" in out


def test_sentry_is_off_by_default_and_on_with_a_dsn():
    check = (
        "import sentry_sdk\n"
        "client = sentry_sdk.get_client()\n"
        "print(client.is_active(), client.options.get('send_default_pii'),"
        " client.options.get('max_request_body_size'))"
    )
    assert run_in_production(check).split()[0] == "False"
    active, pii, body = run_in_production(
        check, SENTRY_DSN="https://public@sentry.example/1"
    ).split()
    assert (active, pii, body) == ("True", "False", "never")


def test_error_reports_leave_out_what_people_typed():
    from django.test import RequestFactory

    from core.logging import PersonalDataReporterFilter

    request = RequestFactory().post("/de/registration/1/", {"name": "Anna", "email": "a@b.de"})
    shown = PersonalDataReporterFilter().get_post_parameters(request)
    assert "Anna" not in str(shown) and "a@b.de" not in str(shown)
