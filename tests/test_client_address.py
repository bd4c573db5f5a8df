"""The visitor's address behind a load balancer (``core.protection.client_address``).

The rate limit of the public forms and the login lockout count per visitor's address. Behind
the load balancer of docs/deployment.md every request comes from the balancer; with
``TRUSTED_PROXIES=1`` the portal reads the visitor from ``X-Forwarded-For``, where the
balancer appended the address it was reached from. The unit tests check the rule; the others
run it as production does: a real nginx in front of gunicorn (production settings, Redis) and
two visitors on two loopback addresses.
"""

import contextlib
import http.client
import os
import secrets
import shutil
import subprocess
import urllib.parse
from pathlib import Path

import pytest
from django.test import RequestFactory

from core.login_throttle import login_address
from core.protection import client_address
from tests.postgres import ROOT, free_port, gunicorn, manage, unavailable, wait_for_port


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, None, "10.0.0.5"),
        (0, "203.0.113.7", "10.0.0.5"),  # without trusted proxies the header is not believed
        (1, "203.0.113.7", "203.0.113.7"),
        (1, "6.6.6.6, 203.0.113.7", "203.0.113.7"),  # what the visitor wrote is passed over
        (1, "2001:db8::1", "2001:db8::1"),
        (2, "203.0.113.7, 198.51.100.2", "203.0.113.7"),  # a CDN before the balancer
        (2, "6.6.6.6, 203.0.113.7, 198.51.100.2", "203.0.113.7"),
        (2, "203.0.113.7", "10.0.0.5"),  # too short: it did not pass both proxies
        (1, None, "10.0.0.5"),  # straight to the app server (a health check)
        (1, "", "10.0.0.5"),
        (1, "not-an-address", "10.0.0.5"),
    ],
)
def test_the_visitor_is_the_entry_the_outermost_trusted_proxy_appended(
    settings, proxies, forwarded, expected
):
    settings.TRUSTED_PROXIES = proxies
    meta = {"REMOTE_ADDR": "10.0.0.5"}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    request = RequestFactory().post("/", **meta)
    assert client_address(request) == expected
    assert login_address(request) == expected  # django-axes counts the same address


# --- A real proxy in front of gunicorn --------------------------------------------------------

VISITOR_A, VISITOR_B = "127.0.0.2", "127.0.0.3"
RATE_LIMIT = 3
LOGIN_LIMIT = 3
PASSWORD = "richtiges-Passwort-2026"

NGINX_CONF = """
daemon off;
worker_processes 1;
{user}
pid {home}/nginx.pid;
error_log {home}/error.log warn;
events {{ worker_connections 64; }}
http {{
  access_log off;
  client_body_temp_path {home}/body;
  proxy_temp_path {home}/proxy;
  fastcgi_temp_path {home}/fastcgi;
  uwsgi_temp_path {home}/uwsgi;
  scgi_temp_path {home}/scgi;
  server {{
    listen 127.0.0.1:{port};
    location / {{
      proxy_pass http://127.0.0.1:{upstream};
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
    }}
  }}
}}
"""


def nginx_binary():
    binary = shutil.which("nginx") or (
        "/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None
    )
    if binary is None:
        subprocess.run([ROOT / "scripts" / "ensure-nginx"], check=False)
        binary = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(binary).exists():
        unavailable("nginx is not installed and could not be installed (apt-get)")
    return binary


@contextlib.contextmanager
def nginx(upstream, home):
    """nginx on a free port of 127.0.0.1, passing every request on to ``upstream`` with
    ``X-Forwarded-For``, as a load balancer does."""
    port = free_port()
    conf = home / "nginx.conf"
    user = "user root;" if os.geteuid() == 0 else ""  # its workers must write below home
    conf.write_text(NGINX_CONF.format(user=user, home=home, port=port, upstream=upstream))
    process = subprocess.Popen(
        [nginx_binary(), "-c", str(conf), "-p", str(home), "-e", str(home / "error.log")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port, process)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=10)


class Visitor:
    """A browser at its own loopback address, talking to the proxy."""

    def __init__(self, address, port):
        self.address = address
        self.port = port
        self.csrf = secrets.token_hex(16)  # a 32-character CSRF secret of our own making
        self.cookies = {"csrftoken": self.csrf}

    def post(self, path, form, headers=None):
        connection = http.client.HTTPConnection(
            "127.0.0.1", self.port, timeout=30, source_address=(self.address, 0)
        )
        cookie = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        body = urllib.parse.urlencode({"csrfmiddlewaretoken": self.csrf, **form})
        connection.request(
            "POST",
            path,
            body=body,
            headers={
                "Cookie": cookie,
                "Content-Type": "application/x-www-form-urlencoded",
                **(headers or {}),
            },
        )
        response = connection.getresponse()
        response.read()
        connection.close()
        return response

    def log_in(self, username, password):
        """The status of Wagtail's login: 302 (logged in) or 200 (the form again)."""
        return self.post("/admin/login/", {"username": username, "password": password}).status


@contextlib.contextmanager
def portal_behind_a_proxy(demo_postgres, redis_port, home, trusted_proxies):
    env = demo_postgres.env(
        TRUSTED_PROXIES=trusted_proxies,
        REDIS_URL=f"redis://127.0.0.1:{redis_port}/{3 + trusted_proxies}",
        REGISTRATION_RATE_LIMIT=RATE_LIMIT,
        LOGIN_FAILURE_LIMIT=LOGIN_LIMIT,
    )
    home.mkdir(parents=True, exist_ok=True)
    with contextlib.ExitStack() as stack:
        upstream, _process, _log = stack.enter_context(gunicorn(env, home / "gunicorn.log"))
        yield stack.enter_context(nginx(upstream, home))


def course_id(demo_postgres):
    with demo_postgres.connect() as connection:
        return connection.execute(
            "SELECT p.id FROM wagtailcore_page p JOIN wagtailcore_locale l"
            " ON l.id = p.locale_id WHERE p.slug = 'wir2-bindungstraining-kassel'"
            " AND l.language_code = 'de'"
        ).fetchone()[0]


def registration_attempt(visitor, course, headers=None):
    """A submission of the registration form: counted by the rate limit before anything else
    (this one is incomplete, so nothing is stored either way)."""
    return visitor.post(f"/de/registration/{course}/", {"name": "Probe"}, headers).status


@pytest.mark.servers
def test_behind_the_proxy_one_visitor_is_limited_and_the_other_is_not(
    demo_postgres, redis_port, tmp_path
):
    course = course_id(demo_postgres)
    with portal_behind_a_proxy(demo_postgres, redis_port, tmp_path / "p1", 1) as port:
        first, second = Visitor(VISITOR_A, port), Visitor(VISITOR_B, port)
        answers = [registration_attempt(first, course) for _ in range(RATE_LIMIT)]
        assert 429 not in answers and all(400 <= status < 500 for status in answers), answers
        assert registration_attempt(first, course) == 429
        # Writing another address into the header changes nothing: the proxy appends the
        # real one, and that is the one the portal reads.
        assert registration_attempt(first, course, {"X-Forwarded-For": "203.0.113.50"}) == 429
        assert registration_attempt(second, course) != 429


@pytest.mark.servers
def test_without_trusted_proxies_every_visitor_would_share_the_proxys_address(
    demo_postgres, redis_port, tmp_path
):
    """The misconfiguration the setting exists for: counted on the proxy's address, one
    visitor's attempts block the next visitor too."""
    course = course_id(demo_postgres)
    with portal_behind_a_proxy(demo_postgres, redis_port, tmp_path / "p0", 0) as port:
        first, second = Visitor(VISITOR_A, port), Visitor(VISITOR_B, port)
        for _ in range(RATE_LIMIT):
            registration_attempt(first, course)
        assert registration_attempt(second, course) == 429


@pytest.mark.servers
def test_behind_the_proxy_a_login_lockout_locks_out_only_that_visitor(
    demo_postgres, redis_port, tmp_path
):
    username = f"redaktion-{secrets.token_hex(3)}"
    env = demo_postgres.env(DJANGO_SUPERUSER_PASSWORD=PASSWORD)
    manage(env, "createsuperuser", "--noinput", "--username", username, "--email", "r@example.org")
    with portal_behind_a_proxy(demo_postgres, redis_port, tmp_path / "login", 1) as port:
        editor, colleague = Visitor(VISITOR_A, port), Visitor(VISITOR_B, port)
        for _ in range(LOGIN_LIMIT):
            assert editor.log_in(username, "falsch") == 200
        assert editor.log_in(username, PASSWORD) == 200  # locked: even the right password
        assert colleague.log_in(username, PASSWORD) == 302  # from another address: in
    with demo_postgres.connect() as connection:
        addresses = connection.execute(
            "SELECT DISTINCT ip_address::text FROM axes_accessattempt WHERE username = %s",
            [username],
        ).fetchall()
    assert [row[0].split("/")[0] for row in addresses] == [VISITOR_A]
