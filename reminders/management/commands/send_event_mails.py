"""Send the reminders, follow-ups and session notices that are due. Run it every 15 minutes
(cron or a systemd timer, docs/reminders.md); running it twice, or on two machines at the
same moment, sends nothing twice. The e-mails are queued: the task worker sends them."""

from django.core.management.base import BaseCommand

from reminders.services import send_due


class Command(BaseCommand):
    help = "Queue the reminder, follow-up and session-change e-mails that are due now."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Only count what is due; send nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        counts = send_due(dry_run=dry_run)
        if options["verbosity"]:
            done = "due (dry run, nothing sent)" if dry_run else "queued"
            self.stdout.write(
                f"{counts.reminders} reminder(s), {counts.follow_ups} follow-up(s), "
                f"{counts.notices} session notice(s) {done}."
            )
