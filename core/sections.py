"""Named slots in page templates that other apps fill.

The home page has a slot for featured programmes, upcoming events and the latest press
releases; a programme page has one for its courses and events. An app registers a callable
``(page, request) -> dict | None`` for a slot, usually in its ``AppConfig.ready``::

    @page_section("home", order=20)
    def upcoming_events(page, request):
        return {"template": "events/sections/upcoming.html", "events": ...}

The template renders, in order, every section that returns a dict; a section with nothing to
show returns None and leaves no empty heading behind.
"""

from collections import defaultdict

_registry = defaultdict(list)


def page_section(slot, order=50):
    def register(func):
        _registry[slot].append((order, func))
        _registry[slot].sort(key=lambda item: item[0])
        return func

    return register


def sections_for(slot, page, request):
    sections = []
    for _order, func in _registry[slot]:
        section = func(page, request)
        if section:
            sections.append(section)
    return sections


def home_section(order):
    return page_section("home", order)


def home_sections(home_page, request):
    return sections_for("home", home_page, request)
