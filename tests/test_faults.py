"""Faults with real processes: the database or Redis goes away while the portal runs.

The portal runs as it does in production: gunicorn with ``portal.wsgi`` and the production
settings, against a throw-away PostgreSQL database with the demo content (tests/postgres.py)
and a Redis of its own. Both are reached through small TCP proxies in this process that the
tests cut (existing connections dropped, new ones closed at once, as when a server stops) and
restore, while the same gunicorn keeps running.
"""

import contextlib
import http.client
import json
import re
import secrets
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import uuid
from pathlib import Path

import pytest
from django.core import signing
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from core.protection import STARTED_SALT
from tests.postgres import ROOT, free_port, gunicorn, wait_for_port, with_database

pytestmark = pytest.mark.servers

COURSE_SLUG = "wir2-bindungstraining-kassel"  # the demo course that takes registrations


class Proxy:
    """Forwards 127.0.0.1:<port> to ``target`` (host, port) until ``cut()``."""

    def __init__(self, target):
        self.target = target
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.listener.settimeout(0.2)
        self.port = self.listener.getsockname()[1]
        self.open = True
        self.stopped = False
        self.sockets = set()
        self.lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while not self.stopped:
            try:
                client, _ = self.listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            if not self.open:
                client.close()
                continue
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            upstream.settimeout(None)
            with self.lock:
                self.sockets |= {client, upstream}
            threading.Thread(target=self._pump, args=(client, upstream), daemon=True).start()
            threading.Thread(target=self._pump, args=(upstream, client), daemon=True).start()

    def _pump(self, source, sink):
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        self._drop(source, sink)

    def _drop(self, *sockets):
        for sock in sockets:
            with self.lock:
                self.sockets.discard(sock)
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()

    def cut(self):
        self.open = False
        with self.lock:
            sockets = list(self.sockets)
        self._drop(*sockets)

    def restore(self):
        self.open = True

    def close(self):
        self.stopped = True
        self.cut()
        self.listener.close()


class Portal:
    """The running gunicorn, and what the tests need to talk to it."""

    def __init__(self, port, database, db_proxy, redis_proxy, process, log, env):
        self.env = env  # the gunicorn's environment (database and Redis through the proxies)
        self.port = port
        self.database = database
        self.db_proxy = db_proxy
        self.redis_proxy = redis_proxy
        self.process = process
        self.log = log
        self.csrf = secrets.token_hex(16)  # a 32-character CSRF secret of our own making

    def request(self, method, path, form=None, headers=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        body = urllib.parse.urlencode(form) if form is not None else None
        headers = {"Cookie": f"csrftoken={self.csrf}", **(headers or {})}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        text = response.read().decode("utf-8")
        connection.close()
        return response.status, response, text

    def get(self, path):
        return self.request("GET", path)

    def health(self):
        status, _, text = self.get("/healthz")
        return status, json.loads(text)

    def course_group(self):
        """The first group (schedule) of the demo course, which people choose between."""
        with self.database.connect() as connection:
            return connection.execute(
                "SELECT key FROM events_courseschedule WHERE page_id = %s ORDER BY sort_order",
                [self.course_id()],
            ).fetchone()[0]

    def course_id(self):
        with self.database.connect() as connection:
            return connection.execute(
                "SELECT p.id FROM wagtailcore_page p JOIN wagtailcore_locale l"
                " ON l.id = p.locale_id WHERE p.slug = %s AND l.language_code = 'de'",
                [COURSE_SLUG],
            ).fetchone()[0]

    def register(self, email):
        started = signing.dumps(
            int(time.time()) - 60, key=self.database.secret_key, salt=STARTED_SALT
        )
        form = {
            "csrfmiddlewaretoken": self.csrf,
            "name": "Fault Test",
            "email": email,
            "childcare": "",
            "consent": "on",
            "website": "",
            "started": started,
            "group": str(self.course_group()),
        }
        return self.request("POST", f"/de/registration/{self.course_id()}/", form)

    def registrations(self, email):
        with self.database.connect() as connection:
            return connection.execute(
                "SELECT count(*) FROM registrations_registration WHERE email = %s", [email]
            ).fetchone()[0]

    def log_text(self):
        return Path(self.log.name).read_text(encoding="utf-8", errors="replace")


@pytest.fixture(scope="module")
def portal(demo_postgres, redis_port, tmp_path_factory):
    server = urllib.parse.urlsplit(demo_postgres.url)
    db_proxy = Proxy((server.hostname or "127.0.0.1", server.port or 5432))
    redis_proxy = Proxy(("127.0.0.1", redis_port))
    env = demo_postgres.env(
        with_database(demo_postgres.url, demo_postgres.name, port=db_proxy.port),
        REDIS_URL=f"redis://127.0.0.1:{redis_proxy.port}/0",
        REDIS_BREAKER_SECONDS="1",
        LOG_LEVEL="INFO",
        REGISTRATION_RATE_LIMIT="1000",  # the burst below comes from one address
    )
    log_path = tmp_path_factory.mktemp("faults") / "gunicorn.log"
    try:
        with gunicorn(env, log_path) as (port, process, log):
            yield Portal(port, demo_postgres, db_proxy, redis_proxy, process, log, env)
    finally:
        db_proxy.close()
        redis_proxy.close()


def unique(path):
    """``path`` with a query string of its own, so the page cache cannot answer for it."""
    return f"{path}?fault={uuid.uuid4().hex[:8]}"


def translated(language, message):
    """``message`` as the page shows it in ``language`` (translated, HTML-escaped)."""
    with translation.override(language):
        return escape(gettext(message))


NOTHING_STORED = (
    "What you sent could not be saved: nothing has been stored. "
    "Please send it again in a few minutes."
)
CACHE_DOWN = (
    "Sending is not possible just now because of a technical fault; nothing has been "
    "stored. Please try again in a few minutes."
)


def test_database_down_gives_a_friendly_page_in_the_visitors_language(portal):
    assert portal.get(unique("/de/"))[0] == 200
    portal.db_proxy.cut()
    try:
        for language, direction in (("de", "ltr"), ("ar", "rtl")):
            status, response, html = portal.get(unique(f"/{language}/"))
            assert status == 503
            assert f'<html lang="{language}" dir="{direction}">' in html
            assert translated(language, "Temporarily unavailable") in html
            assert "Traceback" not in html and "OperationalError" not in html
            assert response.getheader("Retry-After") == "30"
            assert "no-store" in response.getheader("Cache-Control")
        status, health = portal.health()
        assert status == 503
        assert health == {"status": "down", "database": "error", "cache": "ok"}
    finally:
        portal.db_proxy.restore()


def test_registration_refused_while_the_database_is_down_and_nothing_stored(portal):
    email = f"fault-db-{uuid.uuid4().hex[:6]}@example.org"
    portal.db_proxy.cut()
    try:
        status, _, html = portal.register(email)
    finally:
        portal.db_proxy.restore()
    assert status == 503
    assert translated("de", NOTHING_STORED) in html
    assert portal.registrations(email) == 0
    # The refusal is in the log with what an operator needs, and without the address.
    log = portal.log_text()
    assert re.search(r"database unavailable: POST /de/registration/\d+/ \(user -\)", log)
    assert email not in log and "@example.org" not in log


def test_portal_recovers_when_the_database_returns_without_a_restart(portal):
    pid = portal.process.pid
    portal.db_proxy.cut()
    assert portal.get(unique("/de/"))[0] == 503
    portal.db_proxy.restore()
    # Every worker gets its connection back (two workers, so ask more than twice).
    for _ in range(6):
        status, _, html = portal.get(unique("/de/"))
        assert status == 200, html[:300]
        assert '<html lang="de"' in html
    assert portal.get(unique("/ar/"))[0] == 200
    assert portal.health() == (
        200,
        {"status": "ok", "database": "ok", "cache": "ok", "tasks": "ok"},
    )
    assert portal.process.pid == pid and portal.process.poll() is None


def test_redis_down_keeps_serving_and_refuses_registrations_until_it_returns(portal):
    email = f"fault-redis-{uuid.uuid4().hex[:6]}@example.org"
    portal.redis_proxy.cut()
    try:
        for path in ("/de/", "/ar/", "/en/"):
            status, _, html = portal.get(path)
            assert status == 200, html[:300]
        assert portal.health() == (
            200,
            {"status": "degraded", "database": "ok", "cache": "error", "tasks": "ok"},
        )
        status, _, html = portal.register(email)
        assert status == 503  # the rate limit cannot count: it refuses
        assert translated("de", CACHE_DOWN) in html
        assert portal.registrations(email) == 0
    finally:
        portal.redis_proxy.restore()
    assert portal.health() == (
        200,
        {"status": "ok", "database": "ok", "cache": "ok", "tasks": "ok"},
    )
    time.sleep(1.2)  # the other worker's breaker (REDIS_BREAKER_SECONDS=1) closes again
    status, _, html = portal.register(email)
    assert status == 200, html[:500]
    assert portal.registrations(email) == 1
    assert email not in portal.log_text()


@pytest.fixture(scope="module")
def worker(portal, tmp_path_factory):
    """``manage.py task_worker`` beside the gunicorn, on the same proxied database, sending
    to an SMTP sink of its own."""
    smtp_port = free_port()
    sink = subprocess.Popen(
        [sys.executable, "-W", "ignore", "-m", "smtpd", "-n", "-c", "DebuggingServer"]
        + [f"127.0.0.1:{smtp_port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    log_path = tmp_path_factory.mktemp("worker") / "worker.log"
    env = {
        **portal.env,
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_port),
        "EMAIL_USE_TLS": "false",
        "EMAIL_HOST_USER": "",
        "EMAIL_HOST_PASSWORD": "",
    }
    with open(log_path, "w+") as log:
        process = subprocess.Popen(
            [sys.executable, "manage.py", "task_worker", "--interval", "0.2", "-v", "2"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_for_port(smtp_port, sink)
            yield process, log_path
        finally:
            process.terminate()
            process.wait(timeout=15)
            sink.terminate()
            sink.wait(timeout=10)


UNCERTAIN = (
    "We could not check whether what you sent has been stored. Please send it again in a few "
    "minutes: you will not be registered twice, and our e-mail reaches you then."
)
STORED_ALL_THE_SAME = (
    "What you sent has been stored, but the answer could not be shown. Please do not send "
    "it again: look out for our e-mail."
)


def mail_jobs(portal, ids):
    """{registration id: [status of each e-mail job for it]}."""
    with portal.database.connect() as connection:
        rows = connection.execute(
            "SELECT (args_kwargs->'kwargs'->>'object_id')::int, status"
            " FROM django_tasks_database_dbtaskresult"
            " WHERE args_kwargs->'kwargs'->>'kind' = 'registration.confirm_email'"
        ).fetchall()
    jobs = {pk: [] for pk in ids}
    for pk, status in rows:
        if pk in jobs:
            jobs[pk].append(status)
    return jobs


def registration_ids(portal, emails):
    with portal.database.connect() as connection:
        return dict(
            connection.execute(
                "SELECT email, id FROM registrations_registration WHERE email = ANY(%s)",
                [list(emails)],
            ).fetchall()
        )


def test_a_database_cut_during_a_burst_of_registrations_tells_everyone_the_truth(portal, worker):
    """Registrations arrive while the database goes away and comes back: no one told that
    nothing was stored has a registration, everyone told otherwise has one, every
    registration has its e-mail job, and the task worker goes on sending afterwards."""
    process, log_path = worker
    tag = uuid.uuid4().hex[:6]
    emails = [f"burst-{tag}-{number}@example.org" for number in range(24)]
    answers = {}
    answered = threading.Condition()

    def send(email):
        status, _, html = portal.register(email)
        with answered:
            answers[email] = (status, html)
            answered.notify_all()

    threads = [threading.Thread(target=send, args=(email,)) for email in emails]
    for number, thread in enumerate(threads):
        if number == 8:
            portal.db_proxy.cut()
        if number == 16:
            # The database stays away until a request sent during the cut has its answer, so
            # a slow machine, where requests queue longer than the cut lasts, still tests it.
            with answered:
                answered.wait_for(lambda: set(answers) & set(emails[8:16]), timeout=60)
            portal.db_proxy.restore()
        thread.start()
        time.sleep(0.05)
    for thread in threads:
        thread.join(timeout=60)
    portal.db_proxy.restore()

    stored = registration_ids(portal, emails)
    told = {"stored": 0, "nothing stored": 0, "uncertain": 0}
    uncertain = []
    for email, (status, html) in answers.items():
        if status == 200:
            assert email in stored, email
            told["stored"] += 1
        else:
            assert status == 503, html[:300]
            if translated("de", STORED_ALL_THE_SAME) in html:
                assert email in stored, email
                told["stored"] += 1
            elif translated("de", UNCERTAIN) in html:
                # Cut while its COMMIT was on its way: stored or not, the page says it
                # cannot tell, and what to look out for.
                told["uncertain"] += 1
                uncertain.append(email)
            else:
                assert translated("de", NOTHING_STORED) in html
                assert email not in stored, email  # the answer said so: it must be true
                told["nothing stored"] += 1
    assert told["nothing stored"] > 0, "the cut came too late to test anything"
    assert told["stored"] > 0
    assert told["stored"] <= len(stored) <= told["stored"] + told["uncertain"]
    # Those told it is uncertain send again, as the page asks: registered once, mailed.
    for email in uncertain:
        assert portal.register(email)[0] == 200, email
    stored = registration_ids(portal, emails)
    assert len(stored) == told["stored"] + told["uncertain"]

    # Every registration has its e-mail job, and the worker, cut off too, sends them all.
    deadline = time.monotonic() + 60
    while True:
        jobs = mail_jobs(portal, stored.values())
        assert all(jobs[pk] for pk in stored.values()), "a registration without its e-mail"
        if all("SUCCESSFUL" in statuses for statuses in jobs.values()):
            break
        assert time.monotonic() < deadline, f"e-mails not sent: {jobs}"
        time.sleep(0.5)
    assert process.poll() is None, Path(log_path).read_text()[-2000:]
    # And it takes the next job as well.
    late = f"burst-{tag}-late@example.org"
    assert portal.register(late)[0] == 200
    late_id = registration_ids(portal, [late])[late]
    deadline = time.monotonic() + 30
    while "SUCCESSFUL" not in mail_jobs(portal, [late_id])[late_id]:
        assert time.monotonic() < deadline, Path(log_path).read_text()[-2000:]
        time.sleep(0.3)
