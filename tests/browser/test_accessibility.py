"""axe-core finds no WCAG 2.1 A/AA violation on the home page, left to right and right to left."""

import pytest
from axe_playwright_python.sync_playwright import Axe

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def describe(violations):
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {node['target']}: {node.get('failureSummary', '').strip()}")
    return "\n".join(lines)


# Also Leichte Sprache's home and the accessibility statement with its feedback form.
@pytest.mark.parametrize("path", ["/de/", "/ar/", "/de-x-ls/", "/de/barrierefreiheit/"])
def test_home_has_no_wcag_violations(page, site_url, path):
    page.goto(f"{site_url}{path}")
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}})
    violations = results.response["violations"]
    assert violations == [], describe(violations)


@pytest.mark.parametrize("path", ["/de/", "/ar/"])
def test_home_has_no_wcag_violations_at_200_percent_zoom(browser, site_url, path):
    # 200 % zoom on a 1280 px screen lays the page out like a 640 px viewport at scale 2.
    context = browser.new_context(viewport={"width": 640, "height": 450}, device_scale_factor=2)
    page = context.new_page()
    try:
        page.goto(f"{site_url}{path}")
        results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}})
        assert results.response["violations"] == [], describe(results.response["violations"])
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0
    finally:
        context.close()
