"""Data minimisation (DSGVO Art. 5): personal data of registrations is kept only as long as
the event needs it. This command anonymises registrations of events that ended more than
``--days`` days ago (default: REGISTRATION_RETENTION_DAYS, 90). What stays is what the
statistics need: the status, the language, the date, the forum chosen in each round and
whether the person arrived (their arrival then names nobody: not them, nor who let them in)."""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db.models import Max
from django.utils import timezone

from registrations.models import Attendance, Registration
from registrations.signals import registrations_anonymised


class Command(BaseCommand):
    help = "Anonymise registrations of events that ended more than --days days ago."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=getattr(settings, "REGISTRATION_RETENTION_DAYS", 90)
        )
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, days, dry_run, **options):
        cutoff = timezone.now() - timedelta(days=days)
        ended = (
            Registration.objects.exclude(email="")
            .values("page")
            .annotate(last=Max("page__sessions__ends_at"))
            .filter(last__lt=cutoff)
            .values_list("page", flat=True)
        )
        registrations = Registration.objects.filter(page__in=list(ended)).exclude(email="")
        count = registrations.count()
        if not dry_run:
            anonymise(registrations)
        self.stdout.write(
            f"{count} registration(s) {'would be' if dry_run else 'were'} anonymised."
        )


def anonymise(registrations):
    """Remove everything that identifies a person; keep status, language, dates, forums.
    Apps above tell what they keep about these events (``registrations.signals``)."""
    page_ids = set(registrations.values_list("page_id", flat=True))  # read before emptied
    Attendance.objects.filter(registration__in=registrations).update(checked_in_by=None)
    for registration in registrations.iterator():
        registration.name = ""
        registration.email = ""
        registration.organisation = ""
        registration.profession = ""
        registration.dietary_needs = ""
        registration.accessibility_needs = ""
        registration.childcare = ""
        registration.efn = ""
        registration.token = f"anonymised-{registration.pk}"
        registration.save()
    if page_ids:
        registrations_anonymised.send(sender=Registration, page_ids=page_ids)
