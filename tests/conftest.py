import pytest

# A throw-away PostgreSQL database with demo content for tests/test_faults.py and
# tests/test_backup.py, built once per session.
from tests.postgres import demo_postgres  # noqa: F401


@pytest.fixture
def home(demo_site):
    return demo_site.root_page.specific
