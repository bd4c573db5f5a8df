"""Personal links: signed, unguessable, and good for one registration only.

A link carries the registration's id and its random 256-bit token, signed with the site's
secret. Forging one needs the secret; guessing one needs the token; neither reveals anything
about another participant.
"""

import secrets

from django.core import signing
from django.urls import reverse
from django.utils.translation import override

from registrations.models import Registration

SALT = "registrations.personal-link"


def make_key(registration):
    return signing.Signer(salt=SALT).sign(f"{registration.pk}.{registration.token}")


def registration_for_key(key):
    """The registration a link belongs to, or None for a forged, altered or stale link."""
    try:
        value = signing.Signer(salt=SALT).unsign(key)
        pk, token = value.split(".", 1)
        registration = Registration.objects.select_related("page").get(pk=int(pk))
    except (signing.BadSignature, ValueError, Registration.DoesNotExist):
        return None
    if not secrets.compare_digest(registration.token, token):
        return None
    return registration


def personal_url(registration, name):
    with override(registration.language):
        return reverse(name, kwargs={"key": make_key(registration)})
