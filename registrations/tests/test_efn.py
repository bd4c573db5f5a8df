"""Doctors give their EFN for the CME points of an accredited event: typed or scanned,
checked by its Luhn check digit, refused with the reason in the visitor's language."""

import pytest
from django.core.exceptions import ValidationError

from registrations.efn import validate_efn
from registrations.models import Registration
from registrations.tests.conftest import form_data, submit_url

VALID = "802760012345673"  # doctors (80), 276, chamber 001, doctor 234567, check digit 3


@pytest.fixture(autouse=True)
def _no_rate_limit(settings):
    settings.RATELIMIT_ENABLE = False


@pytest.mark.parametrize(
    "typed", [VALID, "80 276 001 234567 3", "80-276-001-234567-3", " 802760012345673\n"]
)
def test_a_valid_efn_is_accepted_as_typed_or_scanned(typed):
    assert validate_efn(typed) == VALID


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("802760012345674", "efn_check_digit"),  # the last digit mistyped
        ("802760012354673", "efn_check_digit"),  # two digits swapped
        ("80276001234567", "efn_format"),  # one digit missing
        ("123012345678900", "efn_format"),  # not German
        ("8O2760012345673", "efn_format"),  # the letter O for a zero
    ],
)
def test_a_wrong_efn_is_refused_with_its_reason(typed, code):
    with pytest.raises(ValidationError) as refused:
        validate_efn(typed)
    assert refused.value.code == code


@pytest.fixture
def accredited(conference):
    conference.vnr = "2760901234567890123"
    conference.cme_points = 6
    conference.save_revision().publish()
    return type(conference).objects.get(pk=conference.pk)


def test_only_an_accredited_event_asks_for_the_efn(client, conference):
    page_url = conference.url
    assert "EFN" not in client.get(page_url).content.decode()
    conference.vnr = "2760901234567890123"
    conference.save_revision().publish()
    html = client.get(page_url).content.decode()
    assert "Ihre EFN (Ärztinnen und Ärzte, für die Fortbildungspunkte)" in html
    assert 'name="efn"' in html and 'inputmode="numeric"' in html


def test_a_mistyped_efn_is_refused_in_the_visitors_language_and_nothing_is_stored(
    client, accredited
):
    response = client.post(submit_url(accredited), form_data(accredited, efn="802760012345674"))
    assert response.status_code == 400
    assert "letzte Ziffer" in response.content.decode()
    assert not Registration.objects.exists()
    response = client.post(submit_url(accredited), form_data(accredited, efn="80276"))
    assert response.status_code == 400
    assert "Eine EFN hat 15 Ziffern" in response.content.decode()
    assert 'value="80276"' in response.content.decode()  # kept for correcting


def test_a_scanned_efn_is_stored_clean(client, accredited):
    response = client.post(submit_url(accredited), form_data(accredited, efn="80 276 001 234567 3"))
    assert response.status_code in (200, 302)
    assert Registration.objects.get().efn == VALID


def test_an_efn_can_be_left_out_by_those_who_are_not_doctors(client, accredited):
    client.post(submit_url(accredited), form_data(accredited, efn=""))
    assert Registration.objects.get().efn == ""
