from django.core.management.base import BaseCommand

from localization.fallbacks import synchronise


class Command(BaseCommand):
    help = (
        "Synchronise every language's page tree with German: each German page without a "
        "translation gets an alias (the German content in that language's frame). Safe to "
        "re-run; run it after adding a language."
    )

    def handle(self, *args, **options):
        created = synchronise()
        self.stdout.write(self.style.SUCCESS(f"Fallback pages created: {created}."))
