"""Fixed vocabularies of the finder: the languages an offer can be held in, and age groups."""

from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

# Each language named in itself, as families look for their own. Codes are ISO 639-1 where one
# exists; "dgs" is German Sign Language.
OFFER_LANGUAGES = [
    ("de", "Deutsch"),
    ("en", "English"),
    ("tr", "Türkçe"),
    ("ar", "العربية"),
    ("uk", "Українська"),
    ("ru", "Русский"),
    ("fa", "فارسی"),
    ("pl", "Polski"),
    ("ro", "Română"),
    ("bg", "Български"),
    ("ku", "Kurdî"),
    ("fr", "Français"),
    ("es", "Español"),
    ("it", "Italiano"),
    ("sq", "Shqip"),
    ("ti", "ትግርኛ"),
    ("so", "Soomaali"),
    ("ps", "پښتو"),
    ("dgs", "Deutsche Gebärdensprache"),
]
OFFER_LANGUAGE_NAMES = dict(OFFER_LANGUAGES)
RTL_OFFER_LANGUAGES = {"ar", "fa", "ps"}


@dataclass(frozen=True)
class AgeGroup:
    slug: str
    label: str
    # Child's age in months, [start, end); None for pregnancy.
    start: int | None
    end: int | None

    def q(self):
        """Programmes for this age group (a programme without age data matches none)."""
        if self.start is None:
            return Q(for_pregnancy=True)
        return Q(age_from_months__isnull=False, age_from_months__lt=self.end) & (
            Q(age_to_months__isnull=True) | Q(age_to_months__gte=self.start)
        )

    def matches(self, programme):
        if self.start is None:
            return programme.for_pregnancy
        if programme.age_from_months is None or programme.age_from_months >= self.end:
            return False
        return programme.age_to_months is None or programme.age_to_months >= self.start


AGE_GROUPS = {
    group.slug: group
    for group in (
        AgeGroup("pregnancy", _("Pregnancy"), None, None),
        AgeGroup("0-1", _("Under 1 year"), 0, 12),
        AgeGroup("1-3", _("1 to 3 years"), 12, 36),
        AgeGroup("3-6", _("3 to 6 years"), 36, 72),
        AgeGroup("school", _("School age"), 72, 216),
    )
}
