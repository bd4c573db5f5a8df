from django.core.management.base import BaseCommand

from editorial.groups import GROUPS, WORKFLOW, setup


class Command(BaseCommand):
    help = (
        "Create the editors' groups (Redaktion, Presse, Veranstaltungsorganisation, "
        "Übersetzung) with their permissions, and the moderation workflow on the programme "
        "and press sections. Safe to run again; run it after `migrate` and after adding a "
        "language or a site."
    )

    def handle(self, *args, **options):
        verbose = options["verbosity"] > 1
        setup(log=self.stdout.write if verbose else None)
        if options["verbosity"]:
            self.stdout.write(
                self.style.SUCCESS(f"Groups {', '.join(GROUPS)} and workflow “{WORKFLOW}” ready.")
            )
