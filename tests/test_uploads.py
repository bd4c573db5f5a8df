"""Image uploads are limited in size and pixels: the admin answers with a form error, stores
nothing and never crashes (WAGTAILIMAGES_MAX_UPLOAD_SIZE, WAGTAILIMAGES_MAX_IMAGE_PIXELS)."""

import io
import struct
import zlib

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from wagtail.images import get_image_model
from wagtail.users.models import UserProfile


def png_chunk(kind, data):
    return (
        struct.pack(">I", len(data))
        + kind
        + data
        + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    )


def png_claiming(width, height):
    """A tiny PNG whose header (IHDR, valid CRC) claims ``width`` × ``height`` pixels."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8 bit RGB
    pixels = zlib.compress(b"\x00\x00\x00\x00")  # one filter byte and one pixel: far too few
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + png_chunk(b"IDAT", pixels)
        + png_chunk(b"IEND", b"")
    )


def real_png(width=40, height=30):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (200, 120, 40)).save(buffer, "PNG")
    return buffer.getvalue()


def upload(admin_client, name, content):
    # The admin speaks German unless the editor chose otherwise: this one reads English.
    user = get_user_model().objects.get(username="admin")
    UserProfile.objects.update_or_create(user=user, defaults={"preferred_language": "en"})
    return admin_client.post(
        "/admin/images/add/",
        {
            "title": "Versuch",
            "file": SimpleUploadedFile(name, content, content_type="image/png"),
            "description": "Ein orangefarbenes Rechteck",
            "collection": 1,
        },
    )


def test_the_crafted_header_claims_what_it_should():
    data = png_claiming(20000, 20000)
    assert len(data) < 100
    assert struct.unpack(">II", data[16:24]) == (20000, 20000)
    # Pillow reads the header, believes it and calls it a decompression bomb.
    with pytest.raises(Image.DecompressionBombError):
        Image.open(io.BytesIO(data))


@pytest.mark.django_db
def test_a_tiny_png_claiming_20000_by_20000_pixels_is_refused(admin_client, demo):
    before = get_image_model().objects.count()
    response = upload(admin_client, "riesig.png", png_claiming(20000, 20000))
    assert response.status_code == 200
    errors = response.context["form"].errors["file"]
    assert any("pixels" in error for error in errors), errors
    assert get_image_model().objects.count() == before


@pytest.mark.django_db
def test_an_oversize_file_is_refused(admin_client, demo, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 50 * 1024
    content = real_png() + b"\x00" * (60 * 1024)  # trailing bytes after IEND
    before = get_image_model().objects.count()
    response = upload(admin_client, "gross.png", content)
    assert response.status_code == 200
    errors = response.context["form"].errors["file"]
    assert any("too big" in error for error in errors), errors
    assert get_image_model().objects.count() == before


@pytest.mark.django_db
def test_a_file_that_is_no_image_is_refused(admin_client, demo):
    before = get_image_model().objects.count()
    response = upload(admin_client, "kein-bild.png", b"<script>alert(1)</script>")
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert get_image_model().objects.count() == before


@pytest.mark.django_db
def test_a_proper_image_is_stored(admin_client, demo):
    before = get_image_model().objects.count()
    response = upload(admin_client, "rechteck.png", real_png())
    assert response.status_code == 302
    assert get_image_model().objects.count() == before + 1
    image = get_image_model().objects.latest("pk")
    assert (image.width, image.height) == (40, 30)


@pytest.mark.django_db
def test_an_svg_image_is_refused(admin_client, demo):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" onload="alert(1)"/>'
    before = get_image_model().objects.count()
    response = upload(admin_client, "bild.svg", svg)
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert get_image_model().objects.count() == before
