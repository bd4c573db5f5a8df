"""A conference's timetable in the page's language at the German page's times.

The German page owns the agenda items, rounds and forums: their times, their round numbers
and their places. A translation shows its own titles and rooms where it has translated a
row; a row the German page gained later shows in German (``row.locale_id`` tells) rather
than missing. The page (``events.presenters``) and the calendar files (``events.ics``) read
the timetable through this one function, so they always agree.
"""

# What the German row decides for every language.
OWNED_BY_SOURCE = {
    "agenda_items": ("starts_at", "ends_at"),
    "rounds": ("number", "starts_at", "ends_at"),
    "forums": ("round_number", "capacity"),
}


def in_language(page, source, relation, prefetch=()):
    """The rows of ``relation`` ("agenda_items", "rounds", "forums") of ``page``, in the
    German page's order: each the page's own translation where it exists, else the German
    row, with the German row's times and numbers."""
    german = list(getattr(source, relation).prefetch_related(*prefetch))
    if page.pk == source.pk:
        return german
    own = {row.translation_key: row for row in getattr(page, relation).prefetch_related(*prefetch)}
    rows = []
    for row in german:
        shown = own.get(row.translation_key)
        if shown is None:
            rows.append(row)
            continue
        for name in OWNED_BY_SOURCE[relation]:
            setattr(shown, name, getattr(row, name))
        rows.append(shown)
    return rows
