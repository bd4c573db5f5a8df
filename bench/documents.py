"""Benchmark: the conference day's PDFs for a Fachtagung of 260 participants.

    make bench                      # SQLite in a temporary test database
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test make bench

Builds a throw-away test database with one conference (nine forums in two rounds, like the
Hessian Fachtagung in Bad Nauheim), books 260 people with names in German, Turkish and
Arabic, checks them all in, and writes the badges (with QR codes), the attendance list of
the whole event and of one forum, and every certificate. Prints, for each, the wall time,
the processor time, the SQL queries and the size; pypdf reads each file back (page count).
"""

import io
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

PEOPLE = 260
NAMES = ["Jürgen Müßig", "Şükrü Yılmaz", "فاطمة الزهراء", "Olena Kovalenko", "Anna Schäfer"]


def seed():
    from registrations.models import Attendance, ConsentVersion, ForumChoice, Registration
    from registrations.tests.conftest import make_conference
    from tests.factories import EventIndexPageFactory, OwnSiteFactory, PlaceFactory

    home = OwnSiteFactory().root_page
    site = {"index": EventIndexPageFactory(parent=home), "home": home}
    forums = [(1, f"Forum {n}: Netzwerke im Gespräch", 40) for n in range(1, 6)]
    forums += [(2, f"Forum {n}: Praxis der Frühen Hilfen", 40) for n in range(6, 10)]
    page = make_conference(
        site,
        title="Fachtag Frühe Hilfen Hessen",
        capacity=PEOPLE,
        forums=forums,
        place=PlaceFactory(name="Kurhaus Bad Nauheim"),
        vnr="2760602026000100017",
        cme_points=6,
        certificate=True,
    )
    by_round = {1: [], 2: []}
    for forum in page.forums.order_by("sort_order"):
        by_round[forum.round_number].append(forum)
    consent = ConsentVersion.for_text(page.consent_text)
    people = Registration.objects.bulk_create(
        Registration(
            page=page,
            status="booked",
            name=f"{NAMES[n % len(NAMES)]} {n:03d}",
            email=f"p{n}@example.org",
            organisation="Jugendamt Wetteraukreis",
            efn="802760601234569" if n % 4 == 0 else "",
            language=["de", "tr", "ar", "uk", "en"][n % 5],
            consent=consent,
        )
        for n in range(PEOPLE)
    )
    ForumChoice.objects.bulk_create(
        ForumChoice(
            registration=person,
            round_number=number,
            forum=by_round[number][n % len(by_round[number])],
            forum_title=by_round[number][n % len(by_round[number])].title,
            seat=by_round[number][n % len(by_round[number])],
        )
        for n, person in enumerate(people)
        for number in (1, 2)
    )
    Attendance.objects.bulk_create(Attendance(registration=person) for person in people)
    return page, by_round[1][0], home.get_site()


def measure(label, write):
    from pypdf import PdfReader

    with CaptureQueriesContext(connection) as queries:
        wall, cpu = time.perf_counter(), time.process_time()
        content = write()
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    pages = len(PdfReader(io.BytesIO(content)).pages)
    print(
        f"{label:<34} {wall:6.2f} s wall {cpu:6.2f} s CPU {len(queries):5d} queries "
        f"{len(content) // 1024:6d} KB {pages:4d} pages"
    )


def main():
    from checkin.documents.badges import SIZES, badges_for, badges_pdf, booked
    from checkin.documents.certificates import branding, certificates_pdf, due_for
    from checkin.documents.lists import attendance_list_pdf

    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        page, forum, site = seed()
        print(f"{PEOPLE} participants, {connection.vendor}")
        measure(
            "badges 90x55 with QR codes",
            lambda: badges_pdf(page, badges_for(page, booked(page)), SIZES["90x55"], with_qr=True),
        )
        measure("attendance list, whole event", lambda: attendance_list_pdf(page))
        measure("attendance list, one forum", lambda: attendance_list_pdf(page, forum))
        measure(
            "certificates (5 languages)", lambda: certificates_pdf(due_for(page), branding(site))
        )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
