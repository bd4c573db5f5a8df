"""Running in public: production settings refuse to start half-configured and pass Django's
deployment checks; every response carries the security headers (core/security.py); editors'
rich text keeps only its features; ``next=`` never leaves the site."""

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from wagtail.documents import get_document_model

from home.models import FormPage

ROOT = Path(__file__).resolve().parents[1]
PRODUCTION_VARIABLES = {"DJANGO_SECRET_KEY", "DATABASE_URL", "DJANGO_ALLOWED_HOSTS"}


def production_env(**overrides):
    # DJANGO_ALLOW_ASYNC_UNSAFE is set for the browser tests (tests/browser/conftest.py); a
    # production process never has it, and the deploy check rightly refuses it.
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in PRODUCTION_VARIABLES and key != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="fruehe-hilfen.example,www.fruehe-hilfen.example",
        DATABASE_URL="postgres://portal@127.0.0.1:5432/portal",
    )
    for key, value in overrides.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


def manage(*args, **overrides):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=production_env(**overrides),
        capture_output=True,
        text=True,
        timeout=120,
    )


# --- Production settings --------------------------------------------------------------------


def test_deploy_check_passes_with_production_variables():
    result = manage("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def start_wsgi(**overrides):
    """Import the WSGI application the way gunicorn does (``manage.py`` would fall back to
    Django's defaults for most commands when the settings fail to load)."""
    return subprocess.run(
        [sys.executable, "-c", "import portal.wsgi"],
        cwd=ROOT,
        env=production_env(**overrides),
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_starts_with_its_variables():
    result = start_wsgi()
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("name", sorted(PRODUCTION_VARIABLES))
@pytest.mark.parametrize("value", [None, "", "   "])
def test_production_refuses_to_start_without(name, value):
    result = start_wsgi(**{name: value})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert f"{name} is not set" in result.stderr


def test_production_refuses_hosts_that_name_no_host():
    result = start_wsgi(DJANGO_ALLOWED_HOSTS=" , ")
    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS names no host" in result.stderr


def test_deploy_check_fails_on_a_weak_secret_key():
    result = manage("check", "--deploy", "--fail-level", "WARNING", DJANGO_SECRET_KEY="changeme")
    assert result.returncode != 0
    assert "security.W009" in result.stderr


def test_production_cookies_and_https_settings():
    script = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({k: getattr(s, k) for k in ("
        "'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', 'SESSION_COOKIE_HTTPONLY', "
        "'SESSION_COOKIE_SAMESITE', 'CSRF_COOKIE_SAMESITE', 'SECURE_HSTS_SECONDS', "
        "'SECURE_SSL_REDIRECT', 'DEBUG', 'SECRET_KEY')}))"
    )
    env = production_env()
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["CSRF_COOKIE_SECURE"] is True
    assert values["SESSION_COOKIE_HTTPONLY"] is True
    assert values["SESSION_COOKIE_SAMESITE"] == values["CSRF_COOKIE_SAMESITE"] == "Lax"
    assert values["SECURE_HSTS_SECONDS"] >= 31536000
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["DEBUG"] is False
    assert values["SECRET_KEY"] == env["DJANGO_SECRET_KEY"]


def test_no_secret_key_is_written_in_the_settings():
    """Outside the test settings, no SECRET_KEY is a string literal (or falls back to one)."""
    import ast

    for path in (ROOT / "portal" / "settings").glob("*.py"):
        if path.name == "test.py":
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Assign) and any(
                isinstance(target, ast.Name) and target.id == "SECRET_KEY"
                for target in node.targets
            ):
                literals = [
                    n.value
                    for n in ast.walk(node.value)
                    if isinstance(n, ast.Constant) and isinstance(n.value, str) and n.value
                ]
                assert literals in ([], ["DJANGO_SECRET_KEY"]), (path.name, literals)


# --- Headers --------------------------------------------------------------------------------


def directives(response):
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split("; ")}


def script_nonces(html):
    return re.findall(r'<script[^>]*\snonce="([^"]+)"', html)


@pytest.mark.parametrize(
    "path",
    [
        "/de/",
        "/de/angebote/",
        "/en/calendar/",
        "/en/calendar/wir2-attachment-training-kassel/",
        "/de/presse/",
        "/de/search/?q=Familie",
    ],
)
def test_public_pages_send_a_strict_policy(client, demo, path):
    response = client.get(path)
    assert response.status_code == 200
    policy = directives(response)
    html = response.content.decode()
    inline = re.findall(r"<script(?![^>]*\ssrc=)[^>]*>", html)
    assert policy["default-src"] == ["'self'"]
    if inline:  # the nonce is in the header only when the page has inline elements
        nonce = re.fullmatch(r"'nonce-([^']+)'", policy["script-src"][1]).group(1)
        assert policy["script-src"] == ["'self'", f"'nonce-{nonce}'"]
        assert policy["style-src"] == ["'self'", f"'nonce-{nonce}'"]
    else:
        assert policy["script-src"] == policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["img-src"] == ["'self'", "data:"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    # Every inline script (JSON-LD included) carries this response's nonce; none goes without.
    assert len(script_nonces(html)) == len(inline)
    assert set(script_nonces(html)) <= ({nonce} if inline else set())
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    permissions = response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in permissions


def test_json_ld_carries_the_nonce_of_its_response(client, demo):
    first = client.get("/en/calendar/wir2-attachment-training-kassel/")
    second = client.get("/en/calendar/wir2-attachment-training-kassel/")
    nonces = []
    for response in (first, second):
        html = response.content.decode()
        assert '<script type="application/ld+json" nonce="' in html
        nonce = script_nonces(html)[0]
        assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]
        nonces.append(nonce)
    assert nonces[0] != nonces[1]  # a fresh nonce per rendered response


def test_a_cached_page_is_replayed_with_the_policy_matching_its_html(client, demo, settings):
    settings.PAGE_CACHE_SECONDS = 300
    first = client.get("/de/presse/logik-lotsinnen-erstes-halbjahr/")
    second = client.get("/de/presse/logik-lotsinnen-erstes-halbjahr/")
    assert (first["X-Cache"], second["X-Cache"]) == ("miss", "hit")
    assert second.content == first.content
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    nonce = script_nonces(second.content.decode())[0]
    assert f"'nonce-{nonce}'" in second["Content-Security-Policy"]


def test_hsts_on_https_with_production_values(client, demo, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    response = client.get("/de/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def test_the_admin_has_its_own_looser_policy(client, demo):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    policy = directives(response)
    assert "'unsafe-inline'" in policy["script-src"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser(
        "redaktion-csp", "redaktion@example.org", "ein-langes-passwort-42"
    )


def test_editors_see_the_userbar_with_inline_styles_only(client, demo, editor):
    client.force_login(editor)
    response = client.get("/de/")
    html = response.content.decode()
    assert "wagtail-userbar" in html
    policy = directives(response)
    assert policy["style-src"] == ["'self'", "'unsafe-inline'"]
    assert "'unsafe-inline'" not in policy["script-src"]


def test_session_cookie_is_httponly_and_samesite_lax(client, demo, editor):
    response = client.post(
        "/admin/login/", {"username": editor.username, "password": "ein-langes-passwort-42"}
    )
    assert response.status_code == 302
    cookie = response.cookies["sessionid"]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert response.cookies["csrftoken"]["samesite"] == "Lax"


# --- Documents ------------------------------------------------------------------------------


def make_document(title, name, content):
    from django.core.files.base import ContentFile

    document = get_document_model()(title=title)
    document.file.save(name, ContentFile(content), save=True)
    return document


@pytest.mark.parametrize(
    ("name", "content", "disposition"),
    [
        ("tabelle.csv", b"a,b\n<script>alert(1)</script>,2\n", "attachment"),
        ("bericht.pdf", b"%PDF-1.4\n%%EOF\n", "inline"),
        ("notiz.txt", b"<script>alert(1)</script>", "inline"),
    ],
)
def test_documents_are_served_safely(client, demo, name, content, disposition):
    document = make_document("Unterlage", name, content)
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith(disposition)
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert response["X-Content-Type-Options"] == "nosniff"
    if name.endswith(".txt"):
        assert response["Content-Type"].startswith("text/plain")


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("bild.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
        ("seite.html", b"<script>alert(1)</script>"),
        ("daten.xml", b"<?xml version='1.0'?><x/>"),
    ],
)
def test_documents_that_could_carry_script_cannot_be_uploaded(admin_client, demo, name, content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    before = get_document_model().objects.count()
    response = admin_client.post(
        "/admin/documents/add/",
        {"title": "Versuch", "file": SimpleUploadedFile(name, content), "collection": 1},
    )
    assert response.status_code == 200
    assert "file" in response.context["form"].errors
    assert get_document_model().objects.count() == before


# --- Rich text ------------------------------------------------------------------------------

HOSTILE_RICH_TEXT = (
    '<p onclick="alert(1)">Hallo <b>Welt</b><script>alert(2)</script></p>'
    '<iframe src="https://evil.example/"></iframe>'
    '<p><a href="javascript:alert(3)">Link</a> <a href="https://example.org/">ok</a></p>'
    "<h2>Überschrift</h2><img src=x onerror=alert(4)>"
)


def saved_rich_text(model, field_name, html):
    """What the admin stores for ``html`` typed into the model's rich text field: the field's
    own form field converts the editor's input with the field's feature list."""
    from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter

    field = model._meta.get_field(field_name)
    formfield = field.formfield()
    converter = ContentstateConverter(formfield.widget.features)
    contentstate = converter.from_database_format(html)
    return formfield.clean(formfield.widget.value_from_datadict({"f": contentstate}, {}, "f"))


@pytest.mark.parametrize(
    ("model", "field_name"),
    [(FormPage, "intro"), (FormPage, "thank_you_text")],
)
def test_rich_text_keeps_only_its_features(model, field_name):
    stored = saved_rich_text(model, field_name, HOSTILE_RICH_TEXT)
    assert "<b>Welt</b>" in stored
    assert 'href="https://example.org/"' in stored
    for forbidden in ("<script", "onclick", "<iframe", "javascript:", "onerror", "<h2", "<img"):
        assert forbidden not in stored


def test_every_rich_text_field_names_its_features():
    from django.apps import apps
    from wagtail.fields import RichTextField

    project = {"core", "home", "directory", "programmes", "events", "registrations", "press"}
    fields = [
        field
        for model in apps.get_models()
        if model._meta.app_label in project
        for field in model._meta.local_fields
        if isinstance(field, RichTextField)
    ]
    assert fields
    for field in fields:
        assert field.features, f"{field.model.__name__}.{field.name} allows every feature"


def test_a_crafted_editor_post_cannot_store_a_javascript_link():
    formfield = FormPage._meta.get_field("intro").formfield()
    contentstate = json.dumps(
        {
            "blocks": [
                {
                    "key": "a",
                    "type": "unstyled",
                    "text": "<script>alert(1)</script> Link",
                    "depth": 0,
                    "inlineStyleRanges": [],
                    "entityRanges": [{"offset": 26, "length": 4, "key": 0}],
                    "data": {},
                }
            ],
            "entityMap": {
                "0": {
                    "type": "LINK",
                    "mutability": "MUTABLE",
                    "data": {"url": "javascript:alert(2)"},
                }
            },
        }
    )
    stored = formfield.clean(formfield.widget.value_from_datadict({"f": contentstate}, {}, "f"))
    assert "<script" not in stored
    assert "&lt;script&gt;" in stored
    assert "javascript:" not in stored


# --- next= ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "target",
    ["https://evil.example/", "//evil.example/", "/\\evil.example/", "https:evil.example"],
)
def test_admin_login_next_stays_on_this_site(client, demo, editor, target):
    response = client.post(
        f"/admin/login/?next={target}",
        {"username": editor.username, "password": "ein-langes-passwort-42", "next": target},
    )
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_admin_login_next_to_an_admin_page_is_followed(client, demo, editor):
    response = client.post(
        "/admin/login/?next=/admin/pages/",
        {
            "username": editor.username,
            "password": "ein-langes-passwort-42",
            "next": "/admin/pages/",
        },
    )
    assert response["Location"] == "/admin/pages/"
