"""Fixtures shared by every test package.

The demo site is built once per test session (``load_demo`` takes seconds); every test runs
inside a transaction that is rolled back, so each one starts from the same demo content.
Transactional tests (live server, concurrency) empty the database afterwards and build
what they need themselves.
"""

import pytest
from django.core.management import call_command
from wagtail.models import Site

from tests import demo_snapshot
from tests.postgres import redis_port  # noqa: F401 (fixture: a Redis of the test run's own)


# Tests that share an expensive session or module fixture run on one pytest-xdist worker
# (``--dist loadgroup``), so it is built once: the throw-away PostgreSQL demo of
# tests/postgres.py, and each interop module's calendar files.
@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    for item in items:
        if "demo_postgres" in item.fixturenames:
            item.add_marker(pytest.mark.xdist_group("demo_postgres"))
        elif item.path.parent.name == "interop":
            item.add_marker(pytest.mark.xdist_group(item.path.stem))


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_demo", verbosity=0)
        demo_snapshot.take()


@pytest.fixture
def demo_site(db):
    """The demo site as `make run` builds it: German tree, translations, settings."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None or site.root_page.specific_class.__name__ != "HomePage":
        call_command("load_demo", verbosity=0)  # after a transactional test emptied the DB
        site = Site.objects.get(is_default_site=True)
    return site


@pytest.fixture
def demo(demo_site):
    return demo_site


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Wagtail caches the sites' root paths; a test that builds its own site and is rolled
    back would leave them stale for the next test (rollback sends no signals)."""
    yield
    from django.core.cache import caches

    for alias in caches:
        caches[alias].clear()
