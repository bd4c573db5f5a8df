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

from localization.demo_content import ar, tr, uk

BY_LANGUAGE = {"tr": tr, "ar": ar, "uk": uk}


def programme_words(words):
    """The fields and inline records of a programme's translation, for ``translate()``
    (its ``body`` as written: ``programmes.demo.blocks`` makes StreamField data of it)."""
    children = {
        "fundings": words.get("fundings", []),
        "partners": [{"role": role} for role in words.get("partners", [])],
        "figures": [{"value": value, "label": label} for value, label in words.get("figures", [])],
        "sub_projects": [
            {"title": title, "summary": summary} for title, summary in words.get("sub_projects", [])
        ],
    }
    fields = {name: value for name, value in words.items() if name not in children}
    return {"children": {name: rows for name, rows in children.items() if rows}, **fields}
