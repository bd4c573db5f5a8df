"""Free the places of registrations whose e-mail was not confirmed in time and give them to
the waiting list. Run it every few minutes (cron, a systemd timer, or the platform's
scheduler); places are counted correctly without it, but nobody moves up until it runs."""

from django.core.management.base import BaseCommand

from registrations.services import expire_holds


class Command(BaseCommand):
    help = "Expire unconfirmed registrations whose hold time has passed; promote waiting people."

    def handle(self, *args, **options):
        expired = expire_holds()
        if options["verbosity"]:
            self.stdout.write(f"{expired} registration(s) expired.")
