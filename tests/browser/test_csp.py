"""The Content-Security-Policy in a real browser: public pages load without a single violation,
and an editor's userbar still opens (core/security.py)."""

from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from programmes.models import ProgrammePage

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


def watch(page):
    messages = []
    page.add_init_script(RECORD_VIOLATIONS)
    page.on(
        "console",
        lambda message: (
            messages.append(message.text)
            if "Content Security Policy" in message.text
            or "Content-Security-Policy" in message.text
            else None
        ),
    )
    return messages


def violations(page, messages):
    return messages + page.evaluate("window.__cspViolations")


def test_public_pages_load_without_csp_violations(page, site_url):
    programme = ProgrammePage.objects.live().filter(locale__language_code="de").first()
    messages = watch(page)
    for path in ["/de/", programme.url, "/de/kalender/", "/de/angebote/", "/en/calendar/"]:
        response = page.goto(site_url + path)
        assert response.status == 200, path
        assert "'unsafe-inline'" not in response.headers["content-security-policy"]
        page.wait_for_load_state("load")
        assert violations(page, messages) == [], path
    # The site's own script runs: the language menu closes on Escape.
    page.goto(site_url + "/de/")
    menu = page.locator("details[data-language-menu]").first
    if menu.count():
        menu.locator("summary").click()
        expect(menu).to_have_attribute("open", "")
        page.keyboard.press("Escape")
        expect(menu).not_to_have_attribute("open", "")
    assert violations(page, messages) == []


def test_an_editor_opens_the_userbar_on_a_public_page(page, site_url):
    get_user_model().objects.create_superuser("csp-redaktion", "r@example.org", "ein-Passwort-42")
    messages = watch(page)
    page.goto(site_url + "/admin/login/")
    page.fill("input[name=username]", "csp-redaktion")
    page.fill("input[name=password]", "ein-Passwort-42")
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url(site_url + "/admin/")

    page.goto(site_url + "/de/")
    trigger = page.locator("[data-wagtail-userbar-trigger]")
    expect(trigger).to_be_visible()
    trigger.click()
    expect(page.locator("#wagtail-userbar-items")).to_be_visible()
    expect(page.locator("#wagtail-userbar-items a[href*='/admin/pages/']").first).to_be_visible()
    assert violations(page, messages) == []
