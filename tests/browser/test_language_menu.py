"""A visitor switches from German to Arabic with the keyboard alone."""

import re

from playwright.sync_api import expect


def focused(page):
    return page.evaluate(
        "() => { const el = document.activeElement;"
        " return {tag: el.tagName, text: el.textContent.trim(), href: el.getAttribute('href')}; }"
    )


def tab_until(page, predicate, limit=25):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if predicate(focused(page)):
            return focused(page)
    raise AssertionError(f"focus never reached the target; last: {focused(page)}")


def test_switch_from_german_to_arabic_by_keyboard(page, site_url):
    page.goto(f"{site_url}/de/")
    html = page.locator("html")
    expect(html).to_have_attribute("lang", "de")
    expect(html).to_have_attribute("dir", "ltr")

    # The first Tab reaches the skip link, and it becomes visible.
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()

    toggle = page.locator(".language-menu__toggle")
    tab_until(page, lambda el: el["tag"] == "SUMMARY")
    expect(toggle).to_be_focused()
    arabic = page.locator(".language-menu__link[hreflang='ar']")
    expect(arabic).to_be_hidden()

    # Enter opens the menu; Escape closes it and gives focus back to the toggle.
    page.keyboard.press("Enter")
    expect(arabic).to_be_visible()
    page.keyboard.press("Escape")
    expect(arabic).to_be_hidden()
    expect(toggle).to_be_focused()

    # Space opens it again; Tab walks into the list; Enter follows the link.
    page.keyboard.press("Space")
    expect(arabic).to_be_visible()
    tab_until(page, lambda el: el["href"] == "/ar/")
    expect(arabic).to_be_focused()
    with page.expect_navigation():
        page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"/ar/$"))
    expect(html).to_have_attribute("lang", "ar")
    expect(html).to_have_attribute("dir", "rtl")
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    expect(page.locator("h1")).to_have_text("مرافقة جيدة منذ البداية")

    # Right to left, the brand sits at the right edge and the language menu at the left.
    brand = page.locator(".site-header__brand").bounding_box()
    menu = page.locator(".language-menu").bounding_box()
    assert brand["x"] > menu["x"]


def test_switch_to_leichte_sprache(page, site_url):
    page.goto(f"{site_url}/de/")
    page.locator(".language-menu__toggle").click()
    link = page.locator(".language-menu__link[hreflang='de-x-ls']")
    expect(link).to_have_text("Leichte Sprache")
    with page.expect_navigation():
        link.click()
    expect(page).to_have_url(re.compile(r"/de-x-ls/$"))
    expect(page.locator("html")).to_have_attribute("lang", "de-x-ls")
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    # The interface stays German: Leichte Sprache has no catalogue of its own.
    expect(page.locator(".skip-link")).to_have_text("Zum Inhalt springen")
    expect(page.locator("h1")).to_have_text("Hilfe für Familien von Anfang an")


def test_menu_lists_every_language_and_keeps_the_visitor_there(page, site_url):
    # The imprint is translated into English only: the menu still offers every language,
    # and Turkish leads to the German text inside the Turkish interface.
    page.goto(f"{site_url}/de/impressum/")
    links = page.locator(".language-menu__link")
    expect(links).to_have_count(6)
    page.locator(".language-menu__toggle").click()
    with page.expect_navigation():
        page.locator(".language-menu__link[hreflang='tr']").click()
    expect(page).to_have_url(re.compile(r"/tr/impressum/$"))
    expect(page.locator("html")).to_have_attribute("lang", "tr")
    expect(page.locator("h1")).to_have_attribute("lang", "de")
    expect(page.locator(".fallback-notice")).to_contain_text("Almanca")


def test_layout_fits_a_320_pixel_phone(browser, site_url):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    try:
        for path in ("/de/", "/ar/", "/uk/pro-nas/"):
            page.goto(f"{site_url}{path}")
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 320px"
    finally:
        context.close()
