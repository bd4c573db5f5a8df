"""Step 3 of 3: locale and translation key are required, and unique together."""

import uuid

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("events", "0004_fill_download_locales")]

    operations = [
        migrations.AlterField(
            model_name="eventdownload",
            name="locale",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AlterField(
            model_name="eventdownload",
            name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterUniqueTogether(
            name="eventdownload",
            unique_together={("translation_key", "locale")},
        ),
    ]
