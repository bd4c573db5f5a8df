"""External translators work on PO files: an editor downloads one from wagtail-localize's
editor, the translator fills in the msgstrs, the editor uploads it and publishes."""

import polib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import Page

from localization.tests.helpers import localize, published_on_commit
from programmes.models import ProgrammePage


def test_download_fill_upload_publish(client, editor, demo):
    programme = (
        ProgrammePage.objects.filter(locale__language_code="de", sub_projects__isnull=False)
        .distinct()
        .first()
    )
    Page.objects.filter(
        translation_key=programme.translation_key, locale__language_code="tr"
    ).delete()
    record, translated = localize(programme, "tr", editor)
    client.force_login(editor)

    response = client.get(reverse("wagtail_localize:download_pofile", args=[record.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/x-gettext-translation")
    assert response["Content-Disposition"].endswith("-tr.po")
    po = polib.pofile(response.content.decode())
    msgids = {entry.msgid for entry in po}
    assert programme.title in msgids
    assert programme.sub_projects.first().title in msgids  # inline records travel too

    # The external translator's work (here: a marker before every string).
    for entry in po:
        entry.msgstr = f"TR {entry.msgid}"
    upload = SimpleUploadedFile("programm-tr.po", str(po).encode(), "text/x-gettext-translation")
    edit_url = reverse("wagtailadmin_pages:edit", args=[translated.pk])
    response = client.post(
        reverse("wagtail_localize:upload_pofile", args=[record.pk]),
        {"file": upload, "next": edit_url},
    )
    assert response.status_code == 302

    with published_on_commit():
        record.save_target(user=editor, publish=True)
    client.logout()

    translated.refresh_from_db()
    response = client.get(translated.get_url())
    assert response.status_code == 200
    body = response.content.decode()
    assert f"TR {programme.title}" in body
    assert f"TR {programme.sub_projects.first().title}" in body
    assert '<html lang="tr"' in body


def test_a_po_file_for_another_translation_is_refused(client, editor, demo):
    first, second = ProgrammePage.objects.filter(locale__language_code="de").order_by("path")[:2]
    for page in (first, second):
        Page.objects.filter(
            translation_key=page.translation_key, locale__language_code="uk"
        ).delete()
    record_one, translated_one = localize(first, "uk", editor)
    record_two, _translated_two = localize(second, "uk", editor)
    client.force_login(editor)
    po = polib.pofile(
        client.get(
            reverse("wagtail_localize:download_pofile", args=[record_two.pk])
        ).content.decode()
    )
    for entry in po:
        entry.msgstr = "falsch"
    response = client.post(
        reverse("wagtail_localize:upload_pofile", args=[record_one.pk]),
        {"file": SimpleUploadedFile("x.po", str(po).encode()), "next": "/admin/"},
        follow=True,
    )
    assert response.status_code == 200
    with published_on_commit():
        record_one.save_target(user=editor, publish=True)
    translated_one.refresh_from_db()
    assert translated_one.title != "falsch"
