"""No personal data in the log lines, through the handler LOGGING really configures."""

import io
import logging

import pytest
from django.test import RequestFactory


@pytest.fixture
def log_output():
    """What the console handler of LOGGING writes, captured."""
    handler = next(h for h in logging.getLogger().handlers if h.get_name() == "console")
    stream = io.StringIO()
    previous = handler.setStream(stream)
    yield stream
    handler.setStream(previous)


def test_a_logged_registration_failure_names_no_e_mail_address(log_output):
    request = RequestFactory().post(
        "/de/registration/12/", {"email": "anna.beispiel@example.org", "name": "Anna"}
    )
    try:
        raise RuntimeError(
            'duplicate key value violates unique constraint "one_active_per_email"\n'
            "DETAIL:  Key (page_id, email)=(12, anna.beispiel@example.org) already exists."
        )
    except RuntimeError:
        logging.getLogger("django.request").error(
            "Internal Server Error: %s (%s)",
            request.path,
            {"email": "anna.beispiel@example.org", "name": "Anna Beispiel"},
            exc_info=True,
            extra={"status_code": 500, "request": request},
        )
    line = log_output.getvalue()
    assert "Internal Server Error: /de/registration/12/" in line
    assert "[POST /de/registration/12/ user=-]" in line  # what an operator needs
    assert "RuntimeError" in line and "Traceback" in line
    assert "anna.beispiel" not in line and "@" not in line
    assert "Anna" not in line


def test_personal_links_and_encoded_addresses_are_masked(log_output):
    logging.getLogger("core.test").warning(
        "slow request /de/registration/manage/Ab3:xyz-Secret/ for anna%40example.org"
    )
    line = log_output.getvalue()
    assert "/de/registration/manage/…/" in line
    assert "Secret" not in line and "example.org" not in line
