"""The same pages in German and in Arabic: everything that starts on the left in German starts
on the right in Arabic — the main navigation, the content, the filter forms — arrows turn
round, and the Arabic pages fit a phone without sideways scrolling."""

import pytest
from playwright.sync_api import expect

# (German path, Arabic path): the home page, the offer finder and the calendar.
PAIRS = [
    ("/de/", "/ar/"),
    ("/de/angebote/", "/ar/al-daam/"),
    ("/de/kalender/", "/ar/taqwim/"),
]

# Where the first line of an element's text begins and ends on screen.
TEXT_BOX = """el => {
  const range = document.createRange();
  range.selectNodeContents(el);
  const line = range.getClientRects()[0];
  return {left: line.left, right: line.right};
}"""


def box(locator):
    rect = locator.bounding_box()
    return {"left": rect["x"], "right": rect["x"] + rect["width"]}


def layout(page, path):
    """Where the navigation and the main heading sit on ``path``."""
    page.goto(path)
    links = page.locator(".main-nav__link")
    assert links.count() >= 2, f"{path} has fewer than two navigation items"
    return {
        "dir": page.locator("html").get_attribute("dir"),
        "list": box(page.locator(".main-nav__list")),
        "first": box(links.first),
        "last": box(links.last),
        "main": box(page.locator("main")),
        "heading": page.locator("main h1").first.evaluate(TEXT_BOX),
    }


@pytest.mark.parametrize(("german", "arabic"), PAIRS)
def test_navigation_and_content_start_on_opposite_sides(page, site_url, german, arabic):
    de = layout(page, site_url + german)
    ar = layout(page, site_url + arabic)
    assert (de["dir"], ar["dir"]) == ("ltr", "rtl")

    # German reads from the left: the first menu item is the leftmost and sits at the
    # list's left edge; the heading starts nearer the left edge of main than the right.
    assert de["first"]["left"] < de["last"]["left"]
    assert de["first"]["left"] == pytest.approx(de["list"]["left"], abs=2)
    de_start = de["heading"]["left"] - de["main"]["left"]
    assert de_start < de["main"]["right"] - de["heading"]["right"]

    # Arabic is the mirror image: first item rightmost, at the list's right edge, and the
    # heading starts at the same distance from the right edge of main.
    assert ar["first"]["right"] > ar["last"]["right"]
    assert ar["first"]["right"] == pytest.approx(ar["list"]["right"], abs=2)
    ar_start = ar["main"]["right"] - ar["heading"]["right"]
    assert ar_start < ar["heading"]["left"] - ar["main"]["left"]
    assert ar_start == pytest.approx(de_start, abs=2)


FIELD = """el => {
  const label = el.querySelector("label");
  const control = el.querySelector("select, input");
  const range = document.createRange();
  range.selectNodeContents(label);
  const text = range.getClientRects()[0];
  const rect = control.getBoundingClientRect();
  const style = getComputedStyle(control);
  return {
    labelLeft: text.left, labelRight: text.right, left: rect.left, right: rect.right,
    direction: style.direction, textAlign: style.textAlign,
  };
}"""


@pytest.mark.parametrize(("german", "arabic"), PAIRS[1:])
def test_filter_fields_are_aligned_to_the_reading_start(page, site_url, german, arabic):
    page.goto(site_url + german)
    fields = page.locator(".finder .finder__field:not(.finder__field--check)")
    expect(fields.first).to_be_visible()
    for field in fields.all():
        de = field.evaluate(FIELD)
        assert de["direction"] == "ltr"
        assert de["textAlign"] in ("start", "left")
        assert de["labelLeft"] == pytest.approx(de["left"], abs=2)

    page.goto(site_url + arabic)
    fields = page.locator(".finder .finder__field:not(.finder__field--check)")
    expect(fields.first).to_be_visible()
    for field in fields.all():
        ar = field.evaluate(FIELD)
        assert ar["direction"] == "rtl"
        assert ar["textAlign"] in ("start", "right")
        assert ar["labelRight"] == pytest.approx(ar["right"], abs=2)
    # The first filter is the rightmost one in the row.
    boxes = [box(field) for field in fields.all()]
    assert boxes[0]["right"] == max(b["right"] for b in boxes)


ARROW = """(el, pseudo) => {
  const style = getComputedStyle(el, pseudo);
  const range = document.createRange();
  range.selectNodeContents(el);
  const text = range.getBoundingClientRect();
  const rect = el.getBoundingClientRect();
  return {
    content: style.content, transform: style.transform,
    before: text.left - rect.left, after: rect.right - text.right,
  };
}"""


def test_next_month_arrow_points_in_the_reading_direction(page, site_url):
    page.goto(f"{site_url}/de/kalender/?view=month")
    link = page.locator(".month__nav a[rel='next']")
    expect(link).to_be_visible()
    de = link.evaluate(ARROW, "::after")
    assert "→" in de["content"]
    assert de["transform"] in ("none", "matrix(1, 0, 0, 1, 0, 0)")
    # The arrow follows the words: on the right of the text in German …
    assert de["after"] > 8 and de["before"] < 2

    page.goto(f"{site_url}/ar/taqwim/?view=month")
    link = page.locator(".month__nav a[rel='next']")
    expect(link).to_be_visible()
    ar = link.evaluate(ARROW, "::after")
    assert "→" in ar["content"]
    # … and on the left in Arabic, drawn mirrored so that it points left, onwards.
    assert ar["transform"] == "matrix(-1, 0, 0, 1, 0, 0)"
    assert ar["before"] > 8 and ar["after"] < 2
    # The next month lies at the left end of the month's navigation.
    heading = box(page.locator("#month-heading"))
    assert box(link)["right"] <= heading["left"]


def test_arabic_pages_fit_a_phone(browser, site_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="ar")
    page = context.new_page()
    try:
        for path in ("/ar/", "/ar/al-daam/", "/ar/taqwim/", "/ar/taqwim/?view=month"):
            page.goto(f"{site_url}{path}")
            expect(page.locator("html")).to_have_attribute("dir", "rtl")
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 390px"
            # Nothing sticks out on the start side either, where no scroll bar could reach.
            widest = page.evaluate(
                """() => Math.max(...[...document.querySelectorAll("main *")]
                    .filter(el => el.offsetParent !== null && !el.closest(".visually-hidden"))
                    .map(el => el.getBoundingClientRect().right))"""
            )
            assert widest <= 390 + 1, f"{path} has content beyond the right edge ({widest}px)"
    finally:
        context.close()
