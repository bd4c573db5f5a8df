"""Demo participants of the jubilee conference, some of them checked in, so that organisers
trying the portal see the door, the badges, the attendance lists, the certificates and the
EFN list for the Ärztekammer at once.

The people are invented; their EFNs are well-formed (80, 276, check digit) but belong to
nobody. Their arrival is recorded on the morning of the conference, also while it is still
ahead: a demo shows what the day looks like. Loaded only once: a conference that has
registrations already (the demo's or real ones) is left as it is.
"""

from datetime import datetime, time, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from events.models import EventPage, Forum
from registrations.models import Attendance, ConsentVersion, ForumChoice, Registration

SLUG = "jubilaeumstagung-qualitaetszirkel"

# name, organisation, profession, language, EFN, forum in round 1 and 2 (by position),
# minutes after 9:30 they arrived (None: not there yet)
PEOPLE = [
    (
        "Dr. Jürgen Müßig",
        "Kinderarztpraxis Müßig, Freiburg",
        "Kinderarzt",
        "de",
        "802760601234569",
        0,
        3,
        2,
    ),
    (
        "Dr. Şükrü Yılmaz",
        "Praxis am Marktplatz, Mannheim",
        "Kinderarzt",
        "tr",
        "802760607654323",
        1,
        4,
        7,
    ),
    (
        "Dr. Fatima Al-Zahra",
        "Kinderklinik Karlsruhe",
        "Kinderärztin",
        "ar",
        "802760601111114",
        0,
        5,
        12,
    ),
    ("Olena Kovalenko", "Jugendamt Stuttgart", "Sozialarbeiterin", "uk", "", 2, 3, 15),
    ("Anna-Lena Schäfer", "Frühe Hilfen Ortenaukreis", "Koordinatorin", "de", "", 0, 5, 21),
    (
        "Dr. Peter Weiß",
        "Psychotherapeutische Praxis Weiß, Ulm",
        "Psychotherapeut",
        "de",
        "802760602222225",
        1,
        3,
        None,
    ),
    ("Maria González", "Familienhebammen Heidelberg", "Familienhebamme", "de", "", 2, 4, None),
]


def load(demo):
    if settings.PORTAL_DEMO_PARTICIPANTS:
        add_participants(demo)


def add_participants(demo):
    page = EventPage.objects.filter(slug=SLUG, locale__language_code="de").first()
    if page is None or Registration.objects.filter(page=page).exists():
        return
    forums = list(Forum.objects.filter(page=page).order_by("round_number", "sort_order", "pk"))
    if len(forums) < 6:
        return
    consent = ConsentVersion.for_text(page.consent_text)
    doors_open = timezone.make_aware(
        datetime.combine(timezone.localtime(page.start).date(), time(9, 30))
    )
    with transaction.atomic():
        for name, organisation, profession, language, efn, first, second, minutes in PEOPLE:
            registration = Registration.objects.create(
                page_id=page.pk,
                status=Registration.Status.BOOKED,
                name=name,
                email=f"{_address(name)}@example.org",
                organisation=organisation,
                profession=profession,
                efn=efn,
                language=language,
                consent=consent,
                email_confirmed_at=timezone.now(),
            )
            for forum in (forums[first], forums[second]):
                ForumChoice.objects.create(
                    registration=registration,
                    round_number=forum.round_number,
                    forum=forum,
                    forum_title=forum.title,
                    seat=forum,
                )
            if minutes is not None:
                Attendance.objects.create(
                    registration=registration, arrived_at=doors_open + timedelta(minutes=minutes)
                )
            demo._count("Anmeldung (Demo)", name)


def _address(name):
    plain = name.replace("Dr. ", "").lower()
    for letter, spelled in (("ü", "ue"), ("ö", "oe"), ("ä", "ae"), ("ß", "ss"), ("ş", "s")):
        plain = plain.replace(letter, spelled)
    plain = plain.replace("ı", "i").replace("á", "a")
    return "".join(c if c.isalnum() else "." for c in plain)
