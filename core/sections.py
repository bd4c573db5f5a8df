"""Home-page sections contributed by the content apps.

An app registers a callable ``(home_page, request) -> dict | None`` with ``@home_section``;
the home page renders, in order, every section that returns a dict with a ``template`` and
its context. A section with nothing to show returns None and leaves no empty heading behind.
"""

_registry = []


def home_section(order):
    def register(func):
        _registry.append((order, func))
        _registry.sort(key=lambda item: item[0])
        return func

    return register


def home_sections(home_page, request):
    sections = []
    for _order, func in _registry:
        section = func(home_page, request)
        if section:
            sections.append(section)
    return sections
