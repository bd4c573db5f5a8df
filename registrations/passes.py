"""Check-in codes: what a participant's QR code carries, and the code read back at the door.

The code names the registration by its number and its ``pass_version``, signed with the
site's secret: no name or address in clear, impossible to forge or to change into another
participant's, and revocable (raising ``pass_version`` makes every code shown or printed
before useless). It is not the personal link: whoever reads a badge cannot open the
person's page.

The QR image is drawn by segno (BSD licence; pure Python, SVG for the page, PNG for the
e-mail).
"""

import io

import segno
from django.core import signing
from django.db.models import F

from registrations.models import Registration

SALT = "registrations.check-in-pass"
PREFIX = "FH1:"  # tells our codes from any other QR code held up to the camera


def pass_code(registration):
    value = f"{registration.pk}.{registration.pass_version}"
    return PREFIX + signing.Signer(salt=SALT).sign(value)


def registration_for_pass(code):
    """The registration a scanned code belongs to, or None for a foreign, forged or revoked
    code (e.g. the code of a badge reported lost)."""
    code = (code or "").strip()
    if not code.startswith(PREFIX):
        return None
    try:
        value = signing.Signer(salt=SALT).unsign(code.removeprefix(PREFIX))
        pk, version = (int(part) for part in value.split(".", 1))
        registration = Registration.objects.select_related("page").get(pk=pk)
    except (signing.BadSignature, ValueError, Registration.DoesNotExist):
        return None
    if registration.pass_version != version:
        return None
    return registration


def revoke(registration):
    """Make the registration's earlier codes useless; the next one shown is new."""
    Registration.objects.filter(pk=registration.pk).update(pass_version=F("pass_version") + 1)
    registration.refresh_from_db(fields=["pass_version"])


def qr_svg(code, *, title):
    """The code as an inline SVG image named ``title``: dark on a light square with the
    quiet zone scanners need, also on a page in dark mode."""
    svg = segno.make_qr(code, error="m").svg_inline(
        scale=6, border=4, dark="#000", light="#fff", title=title, svgclass="pass-qr"
    )
    return svg.replace("<svg ", '<svg role="img" ', 1)


def qr_png(code):
    output = io.BytesIO()
    segno.make_qr(code, error="m").save(output, kind="png", scale=8, border=4)
    return output.getvalue()
