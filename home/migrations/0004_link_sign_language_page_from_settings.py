"""The footer's link to the page in German Sign Language was found by a query on every page
view; it is now a field of the organisation settings like the imprint. Point it at the German
page the footer linked before, so a running site keeps its link."""

from django.db import migrations


def link(apps, schema_editor):
    settings_model = apps.get_model("core", "OrganisationSettings")
    page_model = apps.get_model("home", "SignLanguagePage")
    page = (
        page_model.objects.filter(live=True, locale__language_code="de").order_by("path").first()
    )
    if page is not None:
        settings_model.objects.filter(sign_language_page__isnull=True).update(
            sign_language_page=page
        )


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_organisation_sign_language_page"),
        ("home", "0003_sign_language_and_accessibility_statement"),
    ]

    operations = [migrations.RunPython(link, migrations.RunPython.noop)]
