import re
from io import StringIO

import pytest
from django.core.management import call_command


def ensure_admin(tmp_path):
    out = StringIO()
    call_command("ensure_admin", password_file=str(tmp_path / "admin-password"), stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_printed_credentials_open_the_admin(client, tmp_path):
    output = ensure_admin(tmp_path)
    username = re.search(r"user:\s+(\S+)", output).group(1)
    password = re.search(r"password:\s+(\S+)", output).group(1)
    response = client.post("/admin/login/", {"username": username, "password": password})
    assert response.status_code == 302
    dashboard = client.get("/admin/")
    assert dashboard.status_code == 200
    assert 'lang="de"' in dashboard.content.decode()  # the admin speaks German first


@pytest.mark.django_db
def test_running_it_again_keeps_the_password(tmp_path):
    first = ensure_admin(tmp_path)
    second = ensure_admin(tmp_path)
    assert first == second
    assert (tmp_path / "admin-password").stat().st_mode & 0o077 == 0
