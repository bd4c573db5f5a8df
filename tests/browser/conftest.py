"""Real-browser harness: Playwright drives Debian's chromium against a live server.

Playwright's own browser download cannot reach its servers here, so the tests use the
system chromium, installed by ``scripts/ensure-chromium`` (``make test`` runs it first, and
this fixture runs it again if the browser is missing).
"""

import os
import subprocess
from pathlib import Path

import pytest

from tests import demo_snapshot

# Playwright's sync API keeps an event loop running in the test thread; Django's guard
# against ORM calls from async code would otherwise refuse the fixtures' database work.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@pytest.fixture(scope="session")
def playwright():
    if not Path(CHROMIUM).exists():
        subprocess.run([str(ROOT / "scripts" / "ensure-chromium")], check=True)
    from playwright.sync_api import sync_playwright  # only where browser tests run

    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright):
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
    yield browser
    browser.close()


@pytest.fixture(scope="session")
def camera(playwright, tmp_path_factory):
    """A browser whose camera films a file: write a picture into ``camera.path``
    (``tests.browser.camera.film``) before the page starts the camera."""
    path = tmp_path_factory.mktemp("camera") / "camera.y4m"
    browser = playwright.chromium.launch(
        executable_path=CHROMIUM,
        args=[
            *ARGS,
            "--use-fake-ui-for-media-stream",
            "--use-fake-device-for-media-stream",
            f"--use-file-for-fake-video-capture={path}",
        ],
    )
    browser.path = path
    yield browser
    browser.close()


@pytest.fixture
def page(browser, request):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="de-DE")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    if getattr(request.node, "rep_call", None) and request.node.rep_call.failed:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


@pytest.fixture
def site_url(live_server, transactional_db):
    """The demo site served by a live server (database emptied again after each test)."""
    demo_snapshot.restore()
    return live_server.url
