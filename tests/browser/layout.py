"""Layout checks in the admin, whose content area cuts off (instead of scrolling) what is
wider than the window."""


def sticking_out(page, within="main"):
    """The elements inside ``within`` whose right edge lies beyond the content area's."""
    return page.evaluate(
        """(within) => {
          const main = document.querySelector("main");
          const edge = main.getBoundingClientRect().right + 1;
          return [...main.querySelectorAll(within + " *")]
            .filter((node) => node.getClientRects().length)
            .filter((node) => node.getBoundingClientRect().right > edge)
            .map((node) => node.tagName + "#" + node.id + "." + node.className);
        }""",
        within,
    )
