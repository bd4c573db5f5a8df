"""The doctors' Einheitliche Fortbildungsnummer (EFN), for CME points of accredited events.

An EFN has 15 digits: two for the profession (80 for doctors), 276 (Germany), three for the
Landesärztekammer, six for the doctor and a check digit by the Luhn algorithm over the whole
number (the same check as for payment cards); so the Bundesärztekammer's EIV describes it
(https://www.eiv-fobi.de, "Allgemeine Informationen zum EIV"). Doctors read it from the
barcode stickers their Ärztekammer sends; a barcode scanner types it like a keyboard,
sometimes with spaces, and typing people add spaces or hyphens where the card shows them.
Those are dropped; anything else is refused with the reason.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

LENGTH = 15
COUNTRY = "276"  # after the two digits of the profession
SEPARATORS = re.compile(r"[\s\-./]+")


def normalised(value):
    return SEPARATORS.sub("", value or "")


def luhn_valid(digits):
    total = 0
    for position, digit in enumerate(reversed(digits)):
        number = int(digit)
        if position % 2 == 1:
            number *= 2
            if number > 9:
                number -= 9
        total += number
    return total % 10 == 0


def validate_efn(value):
    """``value`` as a clean EFN, or a ValidationError that says what is wrong."""
    efn = normalised(value)
    if not efn.isdigit() or len(efn) != LENGTH or efn[2:5] != COUNTRY:
        raise ValidationError(
            _(
                "An EFN has 15 digits, with 276 in the third to fifth place, e.g. 80 276 001 "
                "234567 3. Please check the number on your barcode sticker."
            ),
            code="efn_format",
        )
    if not luhn_valid(efn):
        raise ValidationError(
            _(
                "This EFN is not valid: its last digit does not match the others (perhaps a "
                "typing error). Please check the number on your barcode sticker."
            ),
            code="efn_check_digit",
        )
    return efn


class EFNField(forms.CharField):
    """An optional EFN as people type or scan it; cleaned to its 15 digits, or ""."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 40)  # room for the spaces and hyphens people type
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        return validate_efn(value) if normalised(value) else ""
