"""Servers for tests that drive real processes: a Redis of their own (``redis_port``), and a
throw-away PostgreSQL database with the demo content, built by real ``manage.py`` runs under
the production settings, for tests that drive real processes (tests/test_faults.py,
tests/test_backup.py).

It does not depend on the database pytest uses, so it runs in both CI passes (PostgreSQL and
SQLite). The server is the one of ``DATABASE_URL`` when that is PostgreSQL, else
``postgres://postgres@127.0.0.1:5432`` (CI's); the tests are skipped when it cannot be reached.
"""

import contextlib
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432/postgres"


def server_url():
    url = os.environ.get("DATABASE_URL", "").strip()
    if url.startswith(("postgres://", "postgresql://")):
        return url
    return DEFAULT_SERVER


def with_database(url, name, port=None):
    """``url`` pointing at database ``name`` (and at ``port`` on 127.0.0.1, through a proxy)."""
    parts = urlsplit(url)
    netloc = parts.netloc
    if port is not None:
        credentials = netloc.rsplit("@", 1)[0] + "@" if "@" in netloc else ""
        netloc = f"{credentials}127.0.0.1:{port}"
    return urlunsplit((parts.scheme, netloc, f"/{name}", parts.query, ""))


def unavailable(reason):
    """A missing server skips these tests on a developer's machine; in CI (CI=true) it fails
    them, so a run that tested nothing cannot pass as green."""
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


def admin_connection():
    import psycopg

    try:
        return psycopg.connect(with_database(server_url(), "postgres"), autocommit=True)
    except psycopg.OperationalError as error:
        unavailable(f"PostgreSQL is not reachable at {server_url()}: {error}")


def create_database(prefix):
    name = f"{prefix}_{secrets.token_hex(4)}"
    with admin_connection() as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    return name


def drop_database(name):
    with admin_connection() as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def production_env(database_url, **extra):
    """The environment of a production process: settings from the environment only."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "PAGE_CACHE_", "REDIS_", "SQLITE_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        DJANGO_SECRET_KEY=extra.pop("DJANGO_SECRET_KEY", secrets.token_urlsafe(50)),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_SECURE_SSL_REDIRECT="false",
        DATABASE_URL=database_url,
        REDIS_URL="",
        PYTHONUNBUFFERED="1",
    )
    env.update({key: str(value) for key, value in extra.items()})
    return env


def manage(env, *args, timeout=300):
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert result.returncode == 0, f"manage.py {' '.join(args)} failed:\n{result.stderr[-3000:]}"
    return result.stdout


@dataclass
class DemoDatabase:
    name: str
    url: str
    files: Path  # STATIC_ROOT and MEDIA_ROOT live below it
    secret_key: str = field(default_factory=lambda: secrets.token_urlsafe(50))

    def env(self, database_url=None, **extra):
        return production_env(
            database_url or self.url,
            DJANGO_SECRET_KEY=self.secret_key,
            STATIC_ROOT=self.files / "static",
            MEDIA_ROOT=self.files / "media",
            **extra,
        )

    def connect(self):
        import psycopg

        return psycopg.connect(self.url, autocommit=True)


@pytest.fixture(scope="session")
def demo_postgres():
    """A PostgreSQL database migrated under the production settings, with ``load_demo``'s
    content and collected static files; dropped at the end of the session."""
    name = create_database("portal_scratch")
    with tempfile.TemporaryDirectory(prefix="portal-scratch-") as files:
        database = DemoDatabase(name, with_database(server_url(), name), Path(files))
        try:
            env = database.env()
            # collectstatic needs no database: it runs while the migrations do.
            static = subprocess.Popen(
                [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
                cwd=ROOT,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
            )
            manage(env, "migrate", "--noinput")
            manage(env, "load_demo")
            _, errors = static.communicate(timeout=300)
            assert static.returncode == 0, f"collectstatic failed:\n{errors[-3000:]}"
            yield database
        finally:
            drop_database(name)


@contextlib.contextmanager
def gunicorn(env, log_path, workers=2):
    """``gunicorn portal.wsgi`` with ``env`` on a free port of 127.0.0.1, as production runs
    it; yields ``(port, process, log)`` (the log file open for reading) and stops it."""
    port = free_port()
    log = open(log_path, "w+")  # noqa: SIM115 (closed below, after the process)
    process = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "portal.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--timeout",
            "30",
            "--graceful-timeout",
            "5",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        wait_for_port(port, process)
        yield port, process, log
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port, process, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} exited with {process.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing listens on port {port} after {seconds} s")


@pytest.fixture(scope="session")
def redis_port():
    """A Redis of our own on a free port (the rate limit's counters must not be shared with
    other runs); installed with apt-get like chromium when it is missing."""
    if shutil.which("redis-server") is None:
        subprocess.run([ROOT / "scripts" / "ensure-redis"], check=False)
    binary = shutil.which("redis-server")
    if binary is None:
        unavailable("redis-server is not installed and could not be installed (apt-get)")
    port = free_port()
    server = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port, server)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=10)
