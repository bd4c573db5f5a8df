from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management import call_command
from django.core.management.base import BaseCommand

from core.demo_builder import DemoBuilder


def demo_modules():
    """Every installed app's ``demo`` module that defines ``load(demo)``, in app order."""
    for config in apps.get_app_configs():
        name = f"{config.name}.demo"
        if find_spec(name) is None:
            continue
        module = import_module(name)
        if callable(getattr(module, "load", None)):
            yield config, module


class Command(BaseCommand):
    help = (
        "Create the demo site (German pages with translations, images, settings). "
        "Safe to run again: what exists already is left as it is."
    )

    def handle(self, *args, **options):
        demo = DemoBuilder(stdout=self.stdout if options["verbosity"] > 1 else None)
        for config, module in demo_modules():
            self.stdout.write(f"Demo content: {config.verbose_name}")
            module.load(demo)
        # The editors' groups and the moderation workflow, on the pages just created.
        call_command("setup_editorial", verbosity=options["verbosity"], stdout=self.stdout)
        # Every page not translated into a language is shown there in German (an alias).
        call_command("sync_fallbacks", verbosity=options["verbosity"], stdout=self.stdout)
        # What the site search finds each page under (German stems, compound parts …).
        call_command("index_search_terms", verbosity=options["verbosity"], stdout=self.stdout)
        total = sum(demo.created.values())
        if total:
            summary = ", ".join(f"{count} × {kind}" for kind, count in sorted(demo.created.items()))
            self.stdout.write(self.style.SUCCESS(f"Created {summary}."))
        else:
            self.stdout.write(self.style.SUCCESS("Demo content is complete; nothing to add."))
