"""The demo's translations into Turkish, Arabic and Ukrainian, one module per language (the
way a translator receives and returns them), for the offers families use most: the Kassel
single-parents programme and its wir2 course, the Offenburg coaching programme and its
drop-in opening. ``load_demo`` feeds them to wagtail-localize (``DemoBuilder.translate``),
marked for review by a native speaker; every other page shows the German one in the
visitor's language until an editor translates it.

Each module holds ``PROGRAMMES`` (by the German page's slug), ``COURSE``, ``OPENING`` and
``CONSENT``; a ``body`` is a list of ``("heading", text)`` and ``("paragraph", [texts])`` in
the German page's order.
"""

from wagtail.rich_text import RichText

from localization.demo_content import ar, tr, uk

BY_LANGUAGE = {"tr": tr, "ar": ar, "uk": uk}


def blocks(body):
    """A ``body`` of a language module as StreamField data (as the German demo writes it)."""
    return [
        ("heading", {"text": text, "level": "h2"})
        if kind == "heading"
        else ("paragraph", RichText("".join(f"<p>{part}</p>" for part in text)))
        for kind, text in body
    ]


def programme_words(words):
    """The fields and inline records of a programme's translation, for ``translate()``."""
    children = {
        "fundings": words.get("fundings", []),
        "partners": [{"role": role} for role in words.get("partners", [])],
        "figures": [{"value": value, "label": label} for value, label in words.get("figures", [])],
        "sub_projects": [
            {"title": title, "summary": summary} for title, summary in words.get("sub_projects", [])
        ],
    }
    fields = {name: value for name, value in words.items() if name not in children}
    fields["body"] = blocks(words["body"])
    return {"children": {name: rows for name, rows in children.items() if rows}, **fields}
