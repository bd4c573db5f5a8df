"""Downloads of events become translatable, so wagtail-localize offers their titles to
translators. Step 1 of 3: the new columns, still empty."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0002_calendarpage_ask_accessibility_needs_and_more"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AddField(
            model_name="eventdownload",
            name="locale",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AddField(
            model_name="eventdownload",
            name="translation_key",
            field=models.UUIDField(editable=False, null=True),
        ),
    ]
