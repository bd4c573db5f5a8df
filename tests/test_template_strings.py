"""Every word a visitor reads or hears in a template goes through gettext.

Each template (``templates/`` and the apps' ``templates/``, e-mails included) is split with
Django's own lexer. Text outside ``{% blocktranslate %}``/``{% comment %}`` is put back
together with the tags and variables blanked out and read with an HTML parser: any letter in
the visible text (outside ``<script>``/``<style>``) or in an attribute people hear (``alt``,
``title``, ``aria-label``, ``placeholder`` …) is a string that bypasses translation.
"""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.template.base import Lexer, TokenType

BASE_DIR = Path(settings.BASE_DIR)
SKIPPED_DIRS = {".venv", "node_modules", "staticfiles", "media", ".git", "tests"}
TEMPLATE_SUFFIXES = {".html", ".txt", ".xml", ".ics"}

# Attributes whose values are shown or read out.
VISIBLE_ATTRIBUTES = {"alt", "title", "aria-label", "aria-description", "placeholder", "label"}
# <input value="…"> is visible on buttons.
VISIBLE_VALUE_TYPES = {"submit", "button", "reset"}

# Words that are the same in every language: names and symbols.
ALLOWED = {
    "©",
    "RSS",
    "Atom",
    "iCal",
    "ICS",
    "CSV",
    "XLSX",
    "PDF",
    "DGS",
    "E-Mail",
    "Frühe Hilfen",  # the brand, e.g. as the fallback of the organisation's name
}

ALLOWED_WORDS = re.compile(
    "|".join(rf"(?<!\w){re.escape(word)}(?!\w)" for word in sorted(ALLOWED, key=len, reverse=True))
)
LETTER = re.compile(r"[^\W\d_]")
SKIPPED_BLOCKS = {
    "blocktranslate": "endblocktranslate",
    "blocktrans": "endblocktrans",
    "comment": "endcomment",
    "verbatim": "endverbatim",
}
# {% block %}s whose content ends up in markup, not in front of people.
HIDDEN_BLOCKS = [["body_class"]]


def template_files():
    roots = [BASE_DIR / "templates"] + [
        path
        for path in BASE_DIR.glob("*/templates")
        if path.parent.name not in SKIPPED_DIRS and not path.parent.name.startswith(".")
    ]
    for root in roots:
        for path in sorted(root.rglob("*")):
            if path.suffix in TEMPLATE_SUFFIXES and path.is_file():
                yield path


def text_outside_translation(source):
    """The template with tags, variables and translated blocks replaced by spaces (line
    breaks kept, so line numbers still match)."""
    parts = []
    closing = None
    for token in Lexer(source).tokenize():
        contents = token.contents
        if token.token_type == TokenType.BLOCK:
            name = contents.split(maxsplit=1)[0] if contents else ""
            if closing is None and name in SKIPPED_BLOCKS:
                closing = SKIPPED_BLOCKS[name]
            elif closing is None and name == "block" and contents.split()[1:2] in HIDDEN_BLOCKS:
                closing = "endblock"
            elif name == closing:
                closing = None
        if token.token_type == TokenType.TEXT and closing is None:
            parts.append(contents)
        else:
            parts.append(" " + "\n" * contents.count("\n"))
    return "".join(parts)


# Literal strings handed to templates without _("…"): include … with name="…", |default:"…".
LITERAL_ARGUMENT = re.compile(r"""(?:\bwith\b.*?\b\w+=|\|default:)(["'])(?P<text>[^"']*)\1""")


IDENTIFIER = re.compile(r"^#?[a-z0-9_-]*$")


def untranslated_arguments(source):
    found = []
    for token in Lexer(source).tokenize():
        if token.token_type not in (TokenType.BLOCK, TokenType.VAR):
            continue
        for match in LITERAL_ARGUMENT.finditer(token.contents):
            text = match.group("text")
            if IDENTIFIER.match(text):  # ids, anchors, CSS classes
                continue
            if LETTER.search(ALLOWED_WORDS.sub("", text)):
                found.append((token.lineno, "argument", text))
    return found


class VisibleText(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []
        self._hidden = 0

    def _check(self, text, where):
        text = " ".join(text.split())
        if LETTER.search(ALLOWED_WORDS.sub("", text)):
            self.found.append((self.getpos()[0], where, text))

    def handle_starttag(self, tag, attrs):
        if tag in {"script", "style"}:
            self._hidden += 1
        attrs = dict(attrs)
        for name, value in attrs.items():
            if value and (
                name in VISIBLE_ATTRIBUTES
                or (name == "value" and attrs.get("type") in VISIBLE_VALUE_TYPES)
            ):
                self._check(value, f'<{tag} {name}="…">')

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag in {"script", "style"}:
            self._hidden -= 1

    def handle_endtag(self, tag):
        if tag in {"script", "style"} and self._hidden:
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden:
            self._check(data, "text")


def untranslated(source):
    parser = VisibleText()
    parser.feed(text_outside_translation(source))
    parser.close()
    return parser.found + untranslated_arguments(source)


def test_the_scan_finds_what_it_should():
    template = (
        '{% load i18n %}<h1>{% translate "Hello" %}</h1>\n'
        "<p>Willkommen</p>\n"
        '<img src="x.png" alt="Ein Bild">\n'
        '<img src="y.png" alt="{{ image.alt }}">\n'
        '<a href="/" aria-label="{% translate \'Home\' %}">{{ page.title }}</a>\n'
        "{% blocktranslate %}Hallo {{ name }}{% endblocktranslate %}\n"
        "{% comment %}Notiz{% endcomment %}<!-- HTML-Kommentar -->\n"
        "<style>.a { color: red; }</style><script>var text = 'nichts';</script>\n"
        '<input type="submit" value="Senden"> &copy; &nbsp;·\n'
        '{% include "x.html" with label="Weiter" title=_("Zurück") anchor="#a" %}\n'
    )
    assert untranslated(template) == [
        (2, "text", "Willkommen"),
        (3, '<img alt="…">', "Ein Bild"),
        (9, '<input value="…">', "Senden"),
        (10, "argument", "Weiter"),
    ]


def test_templates_are_found():
    files = [path.relative_to(BASE_DIR).as_posix() for path in template_files()]
    assert "templates/base.html" in files
    assert any(name.startswith("templates/registrations/email/") for name in files)
    assert "localization/templates/localization/machine_translation_notice.html" in files
    assert not any(name.startswith(".venv") for name in files)


@pytest.mark.parametrize(
    "path", list(template_files()), ids=lambda path: path.relative_to(BASE_DIR).as_posix()
)
def test_no_visible_text_bypasses_gettext(path):
    found = untranslated(path.read_text(encoding="utf-8"))
    assert not found, "\n".join(
        f"{path.relative_to(BASE_DIR)}:{line}: {where}: {text!r}" for line, where, text in found
    )
