"""Public holidays and school holidays of a place's Land, for the course editor's preview.

The ``holidays`` package (MIT licence) knows Germany's public holidays per Land and, as its
``school`` category, the school holidays the Länder publish (from 2025 to about 2029; a Land
or year it has no data for simply shows none). A place's Land comes from its district's
"federal state", written as editors write it ("Hessen", "Baden-Württemberg") or as a code.
"""

from dataclasses import dataclass

import holidays
from django.utils.translation import get_language

STATES = {
    "baden-württemberg": "BW",
    "bayern": "BY",
    "berlin": "BE",
    "brandenburg": "BB",
    "bremen": "HB",
    "hamburg": "HH",
    "hessen": "HE",
    "mecklenburg-vorpommern": "MV",
    "niedersachsen": "NI",
    "nordrhein-westfalen": "NW",
    "rheinland-pfalz": "RP",
    "saarland": "SL",
    "sachsen": "SN",
    "sachsen-anhalt": "ST",
    "schleswig-holstein": "SH",
    "thüringen": "TH",
}
CODES = set(STATES.values())
PUBLIC = "public"
SCHOOL = "school"
# The package's own translations of the holidays' names; German otherwise.
NAME_LANGUAGES = {"de": "de", "uk": "uk", "en": "en_US"}


@dataclass(frozen=True)
class DayOff:
    kind: str  # PUBLIC or SCHOOL
    name: str


def state_code(name):
    """The Land's code ("HE") for a state as written on a district, or ``None``."""
    cleaned = " ".join((name or "").split()).strip()
    if cleaned.upper() in CODES:
        return cleaned.upper()
    return STATES.get(cleaned.lower().replace(" ", "-"))


def days_off(state, years):
    """``{date: [DayOff, …]}`` for the given years: public holidays first, then school
    holidays. Without a Land, the holidays kept in every Land."""
    language = NAME_LANGUAGES.get((get_language() or "de").split("-")[0], "de")
    years = sorted(set(years))
    found = {}
    if state:
        public = holidays.country_holidays("DE", subdiv=state, years=years, language=language)
        school = holidays.country_holidays(
            "DE", subdiv=state, years=years, language=language, categories=(SCHOOL,)
        )
    else:
        public = holidays.country_holidays("DE", years=years, language=language)
        school = {}
    for kind, calendar in ((PUBLIC, public), (SCHOOL, school)):
        for day, names in calendar.items():
            for name in names.split("; "):
                found.setdefault(day, []).append(DayOff(kind, name))
    return found
