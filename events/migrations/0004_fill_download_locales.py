"""Step 2 of 3: each download takes its page's locale. Records of a translated page share
the translation key of the German page's record at the same position, so wagtail-localize
treats them as translations of each other; every other record gets a key of its own."""

import uuid

from django.db import migrations

MODELS = ["EventDownload"]


def fill(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    for name in MODELS:
        model = apps.get_model("events", name)
        by_page = {}
        for record in model.objects.order_by("page_id", "sort_order", "id"):
            by_page.setdefault(record.page_id, []).append(record)
        pages = {
            page["id"]: page
            for page in Page.objects.filter(id__in=list(by_page)).values(
                "id", "locale_id", "translation_key"
            )
        }
        # The source of each translation group: its page with the lowest id (the German
        # page, created before its translations).
        source_page = {}
        for page_id in sorted(by_page):
            source_page.setdefault(pages[page_id]["translation_key"], page_id)
        for page_id in sorted(
            by_page, key=lambda pk: pk != source_page[pages[pk]["translation_key"]]
        ):
            source = by_page[source_page[pages[page_id]["translation_key"]]]
            for index, record in enumerate(by_page[page_id]):
                record.locale_id = pages[page_id]["locale_id"]
                if source is not by_page[page_id] and index < len(source):
                    record.translation_key = source[index].translation_key
                else:
                    record.translation_key = uuid.uuid4()
            model.objects.bulk_update(by_page[page_id], ["locale", "translation_key"])


class Migration(migrations.Migration):
    dependencies = [("events", "0003_translatable_downloads")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
