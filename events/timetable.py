"""A conference's timetable in the page's language at the German page's times.

The German page owns the agenda items, rounds and forums: their times, their round numbers
and their places. A translation shows its own titles and rooms where it has translated a
row; a row the German page gained later shows in German (``row.locale_id`` tells) rather
than missing. The page (``events.presenters``) and the calendar files (``events.ics``) read
the timetable through this one function, so they always agree.
"""

from django.db.models import F, Value

from events.models import AgendaItem, Forum, Speaker

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
    model = getattr(source, relation).model
    both = list(
        model.objects.filter(page_id__in={page.pk, source.pk}).prefetch_related(*prefetch)
    )  # one query for the German rows and the translation's
    german = [row for row in both if row.page_id == source.pk]
    if page.pk == source.pk:
        return german
    own = {row.translation_key: row for row in both if row.page_id == page.pk}
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


_SPEAKER_FIELDS = [field.attname for field in Speaker._meta.concrete_fields]


def with_people(agenda_items, forums):
    """Set ``speaker_list`` on each agenda item and ``moderator_list`` on each forum (by
    name): one query for both, where a prefetch per relation makes two."""
    agenda_items, forums = list(agenda_items), list(forums)
    for row in agenda_items:
        row.speaker_list = []
    for row in forums:
        row.moderator_list = []
    if not agenda_items and not forums:
        return
    columns = ["kind", "owner", *(f"speaker__{name}" for name in _SPEAKER_FIELDS)]
    speakers = (
        AgendaItem.speakers.through.objects.filter(agendaitem__in=agenda_items)
        .annotate(kind=Value("agenda"), owner=F("agendaitem_id"))
        .values_list(*columns)
    )
    moderators = (
        Forum.moderators.through.objects.filter(forum__in=forums)
        .annotate(kind=Value("forum"), owner=F("forum_id"))
        .values_list(*columns)
    )
    owners = {
        **{("agenda", row.pk): row.speaker_list for row in agenda_items},
        **{("forum", row.pk): row.moderator_list for row in forums},
    }
    for kind, owner, *values in speakers.union(moderators, all=True):
        owners[(kind, owner)].append(Speaker(**dict(zip(_SPEAKER_FIELDS, values, strict=True))))
    for people in owners.values():
        people.sort(key=lambda person: (person.name, person.pk))
