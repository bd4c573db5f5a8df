import itertools
from datetime import date, time, timedelta
from decimal import Decimal

from django.utils import timezone

from checkin.documents.badges import SIZES, badges_for, badges_pdf, booked
from checkin.documents.certificates import Branding, certificates_pdf, due_for
from checkin.documents.lists import attendance_list_pdf, course_list_pdf
from events.models import Forum, Session
from events.tests.conftest import make_course, weekly
from registrations.models import Attendance, ConsentVersion, ForumChoice, Registration
from registrations.tests.conftest import make_conference

OUT = "/tmp/pdfwork/out/"
n = itertools.count()


def person(page, name, language="de", organisation="", efn="", seats=()):
    r = Registration.objects.create(page=page, status="booked", name=name, email=f"p{next(n)}@example.org",
        organisation=organisation, efn=efn, language=language, consent=ConsentVersion.for_text("x"),
        email_confirmed_at=timezone.now())
    for f in seats:
        ForumChoice.objects.create(registration=r, round_number=f.round_number, forum=f, forum_title=f.title, seat=f)
    return r


def test_dump(calendar_site):
    page = make_conference(calendar_site, title="Fachtag Frühe Hilfen 2026: Gemeinsam stark von Anfang an", capacity=None,
        forums=[(1, "Forum 1: Väter in den Frühen Hilfen", None), (1, "Forum 2", None), (2, "Forum 3: Bindung und Sprache im ersten Lebensjahr", None)],
        place=calendar_site["wehlheiden"], vnr="2760602025123450001", cme_points=Decimal("6"), certificate=True)
    f = list(Forum.objects.filter(page=page).order_by("round_number", "sort_order"))
    people = [
        person(page, "Jürgen Müßig", organisation="Gesundheitsamt Region Kassel, Fachdienst Frühe Hilfen", efn="802760012345673", seats=[f[0], f[2]]),
        person(page, "Şükrü Yılmaz", "tr", organisation="Familienzentrum", seats=[f[1], f[2]]),
        person(page, "فاطمة الزهراء", "ar", organisation="مركز الأسرة", seats=[f[0]]),
        person(page, "Maximiliane Charlotte von Hohenstein-Bergheim-Wittgenstein", seats=[f[0]]),
    ]
    for p in people:
        Attendance.objects.create(registration=p)
    for key in SIZES:
        open(OUT + f"badges-{key}.pdf", "wb").write(badges_pdf(page, badges_for(page, booked(page)), SIZES[key], with_qr=True))
    open(OUT + "list.pdf", "wb").write(attendance_list_pdf(page, f[0]))
    brand = Branding(issuer="Stadt Kassel, Netzwerk Frühe Hilfen", place="Kassel", signer_name="Dr. Anna Beispiel", signer_role="Koordination Frühe Hilfen")
    open(OUT + "certs.pdf", "wb").write(certificates_pdf(due_for(page), brand))
    course = make_course(calendar_site, title="wir2 Bindungstraining", schedules=[{"place": calendar_site["wehlheiden"], "first_date": date.today() - timedelta(days=150), "start_time": time(18), "duration": 90, "recurrence": weekly(count=20)}], registration_enabled=True, certificate=True)
    sessions = list(Session.objects.filter(page=course).order_by("starts_at"))
    members = [person(course, f"Mutter {i} Öztürk") for i in range(8)]
    for i, m in enumerate(members):
        for s in sessions[: 12 + i]:
            Attendance.objects.create(registration=m, session=s)
    open(OUT + "course.pdf", "wb").write(course_list_pdf(course, None))
    open(OUT + "course-certs.pdf", "wb").write(certificates_pdf(due_for(course), brand))
