"""What a page tells about its languages, read from its HTML: ``<html lang dir>``, the
hreflang alternates in the head and the links of the language menu."""

from html.parser import HTMLParser


class LanguageLinks(HTMLParser):
    def __init__(self):
        super().__init__()
        self.html_attrs = {}
        self.alternates = {}  # {hreflang: href}
        self.menu_links = {}  # {hreflang: the link's attributes}
        self._in_menu = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.html_attrs = attrs
        elif tag == "link" and attrs.get("rel") == "alternate" and "hreflang" in attrs:
            self.alternates[attrs["hreflang"]] = attrs["href"]
        elif tag == "nav" and "language-menu" in attrs.get("class", ""):
            self._in_menu = True
        elif tag == "a" and self._in_menu:
            self.menu_links[attrs["hreflang"]] = attrs

    def handle_endtag(self, tag):
        if tag == "nav":
            self._in_menu = False


def parse(response):
    links = LanguageLinks()
    links.feed(response.content.decode())
    return links
