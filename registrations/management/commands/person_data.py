"""Answer a person's request under DSGVO Art. 15 and 17: show everything stored about an
e-mail address, and delete it on request (places freed, the waiting list moves up)."""

import json

from django.core.management.base import BaseCommand

from registrations.models import Registration
from registrations.services import cancel


class Command(BaseCommand):
    help = "Print (and with --delete, erase) all registrations of one e-mail address."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--delete", action="store_true")

    def handle(self, *args, email, delete, **options):
        registrations = Registration.objects.filter(email__iexact=email.strip())
        data = [
            {
                "event": str(r.page),
                "status": r.status,
                "name": r.name,
                "email": r.email,
                "organisation": r.organisation,
                "profession": r.profession,
                "dietary_needs": r.dietary_needs,
                "accessibility_needs": r.accessibility_needs,
                "childcare": r.childcare,
                "efn": r.efn,
                "language": r.language,
                "forums": [c.forum_title for c in r.choices.all()],
                "consent": r.consent.text,
                "registered": r.created_at.isoformat(),
                "confirmed": r.email_confirmed_at.isoformat() if r.email_confirmed_at else None,
                "arrived": [
                    {
                        "forum": a.forum.title if a.forum else None,
                        "session": a.session.starts_at.isoformat() if a.session else None,
                        "at": a.arrived_at.isoformat(),
                    }
                    for a in r.attendances.all()
                ],
                # The feedback app's marker (its answers name nobody); read by the relation's
                # name, since registrations must not import feedback.
                "feedback_given": hasattr(r, "feedback_response"),
            }
            for r in registrations.select_related("page", "consent").prefetch_related(
                "attendances__forum", "attendances__session"
            )
        ]
        self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
        if delete:
            for registration in registrations:
                cancel(registration)  # frees the place for the waiting list first
            deleted, _ = registrations.delete()
            self.stderr.write(f"{len(data)} registration(s) deleted.")
