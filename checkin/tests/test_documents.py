"""Badges, attendance lists and certificates as PDF, read back as a printer would get them."""

import io
import itertools
from datetime import time, timedelta
from decimal import Decimal

import pytest
from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import formats, timezone, translation
from django.utils.translation import gettext
from PIL import Image
from pypdf import PdfReader
from wagtail.models import Locale

from checkin.documents.badges import SIZES, badges_for, badges_pdf, booked
from checkin.models import CertificateSettings
from core.models import PortalImage
from editorial.groups import EDITORS, setup
from events.models import CalendarPage, Forum, Session
from events.tests.conftest import make_course, weekly
from registrations.links import make_key, personal_url
from registrations.models import Attendance, ConsentVersion, ForumChoice, Registration
from registrations.tests.conftest import make_conference

from .test_checkin import organiser  # noqa: F401

VNR = "2760602025123450001"
EFN = "802760012345673"
ARABIC_NAME = "فاطمة الزهراء"
_numbers = itertools.count()


def person(page, name, *, language="de", organisation="", efn="", seats=(), status="booked"):
    """A registration as the form stores it, seated in ``seats`` (forums, one per round)."""
    registration = Registration.objects.create(
        page=page,
        status=status,
        name=name,
        email=f"person{next(_numbers)}@example.org",
        organisation=organisation,
        efn=efn,
        language=language,
        consent=ConsentVersion.for_text("Ich bin einverstanden."),
        email_confirmed_at=timezone.now(),
    )
    for forum in seats:
        ForumChoice.objects.create(
            registration=registration,
            round_number=forum.round_number,
            forum=forum,
            forum_title=forum.title,
            seat=forum,
        )
    return registration


@pytest.fixture
def fachtag(calendar_site):
    """An accredited Fachtag with three forums in two rounds and certificates."""
    return make_conference(
        calendar_site,
        title="Fachtag Frühe Hilfen",
        capacity=None,
        forums=[
            (1, "Forum 1: Väter in den Frühen Hilfen", None),
            (1, "Forum 2: Sprache", None),
            (2, "Forum 3: Bindung", None),
        ],
        place=calendar_site["wehlheiden"],
        vnr=VNR,
        cme_points=Decimal("6"),
        certificate=True,
    )


def forum(page, title):
    return Forum.objects.get(page=page, title=title)


@pytest.fixture
def people(fachtag):
    first, second, third = (
        forum(fachtag, "Forum 1: Väter in den Frühen Hilfen"),
        forum(fachtag, "Forum 2: Sprache"),
        forum(fachtag, "Forum 3: Bindung"),
    )
    return {
        "juergen": person(
            fachtag,
            "Jürgen Müßig",
            organisation="Gesundheitsamt Kassel",
            efn=EFN,
            seats=[first, third],
        ),
        "suekrue": person(
            fachtag,
            "Şükrü Yılmaz",
            language="tr",
            organisation="Familienzentrum Nord",
            seats=[second, third],
        ),
        "fatima": person(fachtag, ARABIC_NAME, language="ar", seats=[first]),
        "waiting": person(fachtag, "Wartende Weber", status="waiting"),
    }


def read(response):
    assert response.status_code == 200, response.content[:3000]
    assert response["Content-Type"] == "application/pdf"
    # Personal data: never kept by a browser or a cache (the admin adds its own no-cache).
    assert {"private", "no-store"} <= set(response["Cache-Control"].replace(" ", "").split(","))
    assert response["Content-Disposition"].startswith("attachment; filename=")
    return PdfReader(io.BytesIO(response.content))


def text_of(reader):
    return "\n".join(page.extract_text() for page in reader.pages)


def embedded_fonts(reader):
    """{font name without its subset prefix: embedded as a TrueType file?} of every page."""
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object()
            name = str(font["/BaseFont"]).split("+", 1)[-1]
            fonts[name] = "/FontFile2" in descendant["/FontDescriptor"].get_object()
    return fonts


def positions(page):
    """[(text, x in mm)] of every piece of text on ``page``."""
    found = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            found.append((text.strip(), (tm[4] * cm[0] + cm[4]) * 25.4 / 72))

    page.extract_text(visitor_text=visit)
    return found


def said(language, message, **values):
    """``message`` as the portal says it in ``language`` (the tests hold whether or not the
    catalogues translate it yet)."""
    with translation.override(language):
        return gettext(message) % values if values else gettext(message)


def language_of(response):
    return response.wsgi_request.LANGUAGE_CODE


def documents(page):
    return f"/admin/check-in/{page.pk}/documents/"


# --- badges ---------------------------------------------------------------------------------


def test_badges_name_everyone_booked_by_name_with_their_forums(organiser, fachtag, people):  # noqa: F811
    response = organiser.get(documents(fachtag) + "badges.pdf", {"size": "90x55", "qr": "on"})
    reader = read(response)
    assert response["Content-Disposition"] == (
        f'attachment; filename="namensschilder-{fachtag.slug}.pdf"'
    )
    assert len(reader.pages) == 1
    text = text_of(reader)
    assert "Jürgen Müßig" in text and "Şükrü Yılmaz" in text
    assert "Gesundheitsamt Kassel" in text and "Familienzentrum Nord" in text
    # Arabic is shaped and laid out right to left: a text extractor reads the words of the
    # line in visual order, each word whole (the glyphs map back to their letters).
    assert "فاطمة" in text and "الزهراء" in text
    assert "Wartende Weber" not in text  # on the waiting list: no badge
    # Sorted by name, whatever the accents: J, Ş (as S), then the Arabic name.
    assert text.index("Jürgen") < text.index("Şükrü") < text.index("فاطمة")
    # The forum of each round, with the round's time.
    assert "10:00 Forum 1: Väter in den Frühen Hilfen" in text
    assert "13:00 Forum 3: Bindung" in text
    assert "Forum 2: Sprache" in text
    fonts = embedded_fonts(reader)
    assert {"NotoSans", "NotoSansBold", "NotoSansArabicBold"} <= set(fonts)
    assert all(fonts.values())  # every font embedded, none left to the printer
    assert b"/FontFile2" in response.content


def test_the_qr_code_is_drawn_only_when_asked_for(organiser, fachtag, people):  # noqa: F811
    plain = organiser.get(documents(fachtag) + "badges.pdf", {"size": "85x54"})
    with_qr = organiser.get(documents(fachtag) + "badges.pdf", {"size": "85x54", "qr": "on"})
    operators = [read(r).pages[0].get_contents().get_data().count(b" re") for r in (plain, with_qr)]
    # Each dark run of modules is one filled rectangle: hundreds per code, three codes.
    assert operators[1] - operators[0] > 3 * 100


def test_a_long_name_shrinks_or_breaks_but_stays_whole(fachtag):
    name = "Maximiliane Charlotte von Hohenstein-Bergheim-Wittgenstein"
    person(fachtag, name)
    content = badges_pdf(fachtag, badges_for(fachtag, booked(fachtag)), SIZES["90x55"])
    text = PdfReader(io.BytesIO(content)).pages[0].extract_text()
    assert "Maximiliane Charlotte von" in text and "Hohenstein-Bergheim-Wittgenstein" in text


def test_one_badge_for_one_person_at_a_free_position(organiser, fachtag, people):  # noqa: F811
    response = organiser.get(
        documents(fachtag) + "badges.pdf",
        {"size": "105x74", "registration": people["suekrue"].pk, "start": "8"},
    )
    reader = read(response)
    assert response["Content-Disposition"] == 'attachment; filename="namensschild-sukru-ylmaz.pdf"'
    text = text_of(reader)
    assert "Şükrü Yılmaz" in text and "Jürgen" not in text
    [(_, x)] = [(t, x) for t, x in positions(reader.pages[0]) if "Şükrü" in t]
    assert x > 105  # position 8 of a 2 × 4 sheet: the right column


def test_badge_options_out_of_range_are_refused_with_the_reason(organiser, fachtag, people):  # noqa: F811
    wrong_size = organiser.get(documents(fachtag) + "badges.pdf", {"size": "a3"})
    assert wrong_size.status_code == 400
    with translation.override(language_of(wrong_size)):
        invalid = forms.ChoiceField.default_error_messages["invalid_choice"] % {"value": "a3"}
    assert invalid in wrong_size.content.decode()
    too_far = organiser.get(documents(fachtag) + "badges.pdf", {"size": "90x55", "start": "11"})
    assert too_far.status_code == 400
    reason = said(language_of(too_far), "A sheet of this size has %(count)s positions.", count=10)
    assert reason in too_far.content.decode()
    someone_else = person(make_conference_twin(fachtag), "Fremde Person")
    foreign = organiser.get(
        documents(fachtag) + "badges.pdf", {"size": "90x55", "registration": someone_else.pk}
    )
    assert foreign.status_code == 400
    with translation.override(language_of(foreign)):
        invalid = forms.ModelChoiceField.default_error_messages["invalid_choice"]
    assert str(invalid) in foreign.content.decode()


def make_conference_twin(page):
    home = page.get_parent().get_parent()
    site = {"index": page.get_parent(), "home": home}
    return make_conference(site, title="Anderer Fachtag", capacity=None, forums=[])


def test_260_badges_with_qr_codes_fill_26_sheets(fachtag):
    """(How long they take: bench/documents.py.)"""
    forums = list(Forum.objects.filter(page=fachtag).order_by("round_number", "sort_order"))
    consent = ConsentVersion.for_text("Ich bin einverstanden.")
    registrations = Registration.objects.bulk_create(
        Registration(
            page=fachtag,
            status="booked",
            name=f"Teilnehmerin {number:03d} Öztürk-Müller",
            email=f"t{number}@example.org",
            organisation="Jugendamt Kassel",
            language="de",
            consent=consent,
        )
        for number in range(260)
    )
    ForumChoice.objects.bulk_create(
        ForumChoice(
            registration=registration,
            round_number=seat.round_number,
            forum=seat,
            forum_title=seat.title,
            seat=seat,
        )
        for number, registration in enumerate(registrations)
        for seat in (forums[number % 2], forums[2])
    )
    content = badges_pdf(
        fachtag, badges_for(fachtag, booked(fachtag)), SIZES["90x55"], with_qr=True
    )
    reader = PdfReader(io.BytesIO(content))
    assert len(reader.pages) == 26
    assert "Teilnehmerin 259 Öztürk-Müller" in reader.pages[25].extract_text()


# --- attendance lists ------------------------------------------------------------------------


def test_a_forums_list_to_sign_has_what_the_aerztekammer_asks(organiser, fachtag, people):  # noqa: F811
    first = forum(fachtag, "Forum 1: Väter in den Frühen Hilfen")
    response = organiser.get(documents(fachtag) + "attendance-list.pdf", {"forum": first.pk})
    reader = read(response)
    text = text_of(reader)
    assert "Fachtag Frühe Hilfen" in text
    assert "FZ Wehlheiden" in text
    assert VNR in text and said(language_of(response), "CME points: %(points)s", points="6") in text
    assert "Forum 1: Väter in den Frühen Hilfen" in text and "10:00–11:00" in text
    assert "Jürgen Müßig" in text and EFN in text and "فاطمة" in text
    assert "Şükrü" not in text  # seated in forum 2
    assert "EFN" in text
    assert text.count("Fachtag Frühe Hilfen") == len(reader.pages)


def test_a_long_list_repeats_its_heading_and_counts_its_pages(organiser, fachtag):  # noqa: F811
    first = forum(fachtag, "Forum 1: Väter in den Frühen Hilfen")
    for number in range(40):
        person(fachtag, f"Person {number:02d}", seats=[first])
    response = organiser.get(documents(fachtag) + "attendance-list.pdf")
    reader = read(response)
    language = language_of(response)
    assert len(reader.pages) >= 2
    pages = [page.extract_text() for page in reader.pages]
    total = len(pages)
    for number, text in enumerate(pages, start=1):
        assert "Fachtag Frühe Hilfen" in text and VNR in text
        assert said(language, "Signature") in text  # the table's heading row
        assert said(language, "Page %(page)s of %(pages)s", page=number, pages=total) in text
    everyone = "\n".join(pages)
    assert "Person 00" in everyone and "Person 39" in everyone


def test_an_event_without_accreditation_has_no_efn_column(organiser, calendar_site):  # noqa: F811
    page = make_conference(
        calendar_site, title="Elterncafé", capacity=None, forums=[(1, "Spielgruppe", None)]
    )
    person(page, "Anna Beispiel", organisation="Kita Sonnenschein")
    text = text_of(read(organiser.get(documents(page) + "attendance-list.pdf")))
    assert "Anna Beispiel" in text and "Kita Sonnenschein" in text
    assert "EFN" not in text and "VNR" not in text


def test_a_forum_of_another_event_is_not_found(organiser, fachtag, people):  # noqa: F811
    other = make_conference_twin(fachtag)
    Forum.objects.create(page=other, round_number=1, title="Fremdes Forum", locale=other.locale)
    stranger = Forum.objects.get(title="Fremdes Forum")
    url = documents(fachtag) + "attendance-list.pdf"
    assert organiser.get(url, {"forum": stranger.pk}).status_code == 404
    assert organiser.get(url, {"forum": "x"}).status_code == 404


# --- courses ---------------------------------------------------------------------------------


@pytest.fixture
def wir2(calendar_site):
    """20 Tuesday evenings, the last one a week ago; certificate from 80 %."""
    first = timezone.localdate() - timedelta(days=7 * 20)
    return make_course(
        calendar_site,
        title="wir2 Bindungstraining",
        schedules=[
            {
                "place": calendar_site["rothenditmold"],
                "first_date": first,
                "start_time": time(18),
                "duration": 90,
                "recurrence": weekly(count=20),
            }
        ],
        registration_enabled=True,
        certificate=True,
        certificate_threshold=80,
    )


def attend(registration, sessions):
    for session in sessions:
        Attendance.objects.create(registration=registration, session=session)


def test_a_course_list_ticks_the_sessions_attended_across_column_blocks(organiser, wir2):  # noqa: F811
    sessions = list(Session.objects.filter(page=wir2).order_by("starts_at"))
    assert len(sessions) == 20
    mira = person(wir2, "Mira Şahin")
    olena = person(wir2, "Олена Коваленко", language="uk")
    attend(mira, sessions[:16])
    attend(olena, sessions[15:17])
    response = organiser.get(documents(wir2) + "course-list.pdf")
    reader = read(response)
    assert response["Content-Disposition"] == (
        f'attachment; filename="anwesenheitsliste-{wir2.slug}.pdf"'
    )
    assert len(reader.pages) == 2  # 20 sessions: two blocks of ten
    assert all(page.mediabox.width > page.mediabox.height for page in reader.pages)
    first, second = (page.extract_text() for page in reader.pages)
    assert "Mira Şahin" in first and "Олена Коваленко" in first and "Mira Şahin" in second
    day = lambda session: timezone.localtime(session.starts_at).strftime("%d.%m.")  # noqa: E731
    assert day(sessions[0]) in first and day(sessions[9]) in first
    assert day(sessions[10]) in second and day(sessions[19]) in second
    blocks = "Sessions %(first)s–%(last)s of %(count)s"
    assert said(language_of(response), blocks, first=1, last=10, count=20) in first
    assert said(language_of(response), blocks, first=11, last=20, count=20) in second
    assert first.count("✓") == 10 and second.count("✓") == 6 + 2
    assert embedded_fonts(reader)["NotoSansSymbols2"]


def test_a_course_list_is_only_for_a_course_and_its_own_groups(organiser, wir2, fachtag):  # noqa: F811
    assert organiser.get(documents(fachtag) + "course-list.pdf").status_code == 404
    url = documents(wir2) + "course-list.pdf"
    assert organiser.get(url, {"group": "not-a-group"}).status_code == 404


# --- certificates ----------------------------------------------------------------------------


@pytest.fixture
def signed(calendar_site):
    """Certificate settings with a signature image and a logo."""
    buffer = io.BytesIO()
    Image.new("RGB", (300, 100), "navy").save(buffer, format="PNG")
    signature = PortalImage.objects.create(
        title="Unterschrift",
        description="Unterschrift",
        file=SimpleUploadedFile("unterschrift.png", buffer.getvalue(), content_type="image/png"),
    )
    chosen = CertificateSettings.for_site(calendar_site["home"].get_site())
    chosen.organiser_name = "Stadt Kassel, Netzwerk Frühe Hilfen"
    chosen.issue_place = "Kassel"
    chosen.signer_name = "Dr. Anna Beispiel"
    chosen.signer_role = "Koordination Frühe Hilfen"
    chosen.signature = signature
    chosen.save()
    return chosen


def certificate_url(registration):
    return personal_url(registration, "registration_certificate")


def test_the_organisers_get_every_certificate_due_in_one_pdf(organiser, fachtag, people, signed):  # noqa: F811
    for key in ("juergen", "suekrue", "fatima"):
        Attendance.objects.create(registration=people[key])
    reader = read(organiser.get(documents(fachtag) + "certificates.pdf"))
    pages = [page.extract_text() for page in reader.pages]
    assert len(pages) == 3  # one each; the waiting person was never checked in
    juergen, suekrue, fatima = pages
    assert "Jürgen Müßig" in juergen and "Fachtag Frühe Hilfen" in juergen
    assert VNR in juergen and EFN in juergen and said("de", "CME points") in juergen
    assert said("de", "Round %(number)s", number=1) + ": Forum 1: Väter" in juergen
    assert said("de", "Round %(number)s", number=2) + ": Forum 3: Bindung" in juergen
    assert "Stadt Kassel, Netzwerk Frühe Hilfen" in juergen
    assert "Dr. Anna Beispiel" in juergen and "Koordination Frühe Hilfen" in juergen
    with translation.override("de"):
        issued = formats.date_format(timezone.localdate(), "DATE_FORMAT")
    assert f"Kassel, {issued}" in juergen and "FZ Wehlheiden" in juergen
    assert "Şükrü Yılmaz" in suekrue and EFN not in suekrue
    assert "فاطمة" in fatima and "الزهراء" in fatima
    images = reader.pages[0]["/Resources"]["/XObject"].values()
    assert [image.get_object()["/Subtype"] for image in images] == ["/Image"]  # the signature
    assert {"NotoSans", "NotoSansBold", "NotoSansArabicBold"} <= set(embedded_fonts(reader))


def test_an_arabic_certificate_is_in_arabic_and_right_to_left(client, fachtag, people):
    arabic = fachtag.copy_for_translation(Locale.objects.get(language_code="ar"), copy_parents=True)
    arabic.save_revision().publish()
    CalendarPage.objects.filter(pk=arabic.pk).update(title="اليوم التخصصي للمساعدة المبكرة")
    Forum.objects.filter(
        page=arabic,
        translation_key=forum(fachtag, "Forum 1: Väter in den Frühen Hilfen").translation_key,
    ).update(title="الآباء في المساعدة المبكرة")
    Attendance.objects.create(registration=people["fatima"])
    Attendance.objects.create(registration=people["juergen"])

    fatima = read(client.get(certificate_url(people["fatima"]))).pages[0]
    text = fatima.extract_text()
    for word in ("اليوم", "التخصصي", "للمساعدة", "الآباء", "فاطمة", "الزهراء"):
        assert word in text
    assert "Fachtag Frühe Hilfen" not in text  # the title of the Arabic page
    juergen = read(client.get(certificate_url(people["juergen"]))).pages[0]

    def vnr_x(page):
        return min(x for text, x in positions(page) if VNR in text)

    # A value follows its label: from the left margin in German, set against the right
    # margin in Arabic.
    assert vnr_x(juergen) < 90 < vnr_x(fatima)


def test_a_participant_downloads_their_own_certificate_from_their_page(client, fachtag, people):
    juergen = people["juergen"]
    manage = personal_url(juergen, "registration_manage")
    assert certificate_url(juergen) not in client.get(manage).content.decode()
    Attendance.objects.create(registration=juergen)
    html = client.get(manage).content.decode()
    assert f'href="{certificate_url(juergen)}"' in html
    response = client.get(certificate_url(juergen))
    text = text_of(read(response))
    assert response["Content-Disposition"] == (
        f'attachment; filename="teilnahmebescheinigung-{fachtag.slug}.pdf"'
    )
    assert "Jürgen Müßig" in text and VNR in text and EFN in text
    assert "Şükrü" not in text


def test_no_certificate_for_someone_not_checked_in(client, fachtag, people):
    response = client.get(certificate_url(people["suekrue"]))
    assert response.status_code == 403
    assert response["Content-Type"].startswith("text/html")
    assert language_of(response) == "tr"  # the personal link is in their language
    not_checked_in = (
        "You were not checked in at the event, so we cannot certify your attendance. If you "
        "took part, please contact the organisers."
    )
    assert said("tr", not_checked_in) in response.content.decode()
    waiting = client.get(certificate_url(people["waiting"]))
    assert waiting.status_code == 403
    only_booked = "A certificate of attendance is issued only for a booked place."
    assert said("de", only_booked) in waiting.content.decode()


def test_a_forged_or_altered_key_finds_no_certificate(client, fachtag, people):
    juergen = people["juergen"]
    Attendance.objects.create(registration=juergen)
    key = make_key(juergen)
    forged = key[:-3] + ("abc" if not key.endswith("abc") else "xyz")
    assert client.get(f"/de/registration/certificate/{forged}/").status_code == 404
    other = f"{people['suekrue'].pk}.{juergen.token}:" + key.rsplit(":", 1)[1]
    assert client.get(f"/de/registration/certificate/{other}/").status_code == 404


def test_a_course_certificate_needs_the_share_of_sessions(client, wir2):
    sessions = list(Session.objects.filter(page=wir2).order_by("starts_at"))
    enough = person(wir2, "Mira Şahin")
    short = person(wir2, "Jonas Becker")
    attend(enough, sessions[:16])  # 80 %
    attend(short, sessions[:15])  # 75 %
    text = text_of(read(client.get(certificate_url(enough))))
    assert "Mira Şahin" in text and "wir2 Bindungstraining" in text
    assert said("de", "%(attended)s of %(planned)s", attended=16, planned=20) in text
    assert "24" in text  # hours: 16 evenings of 90 minutes
    assert "FZ Rothenditmold" in text
    refused = client.get(certificate_url(short))
    assert refused.status_code == 403
    below = (
        "You attended %(attended)s of %(planned)s sessions (%(share)s %%). The certificate "
        "needs at least %(threshold)s %% of the sessions."
    )
    reason = said("de", below, attended=15, planned=20, share=75, threshold=80)
    assert reason in refused.content.decode()


def test_no_certificates_due_sends_the_organiser_back_with_the_reason(organiser, fachtag, people):  # noqa: F811
    response = organiser.get(documents(fachtag) + "certificates.pdf", follow=True)
    assert response.redirect_chain[-1][0] == documents(fachtag)
    reason = said(
        language_of(response), "No certificate is due yet: nobody has met its conditions so far."
    )
    assert reason in response.content.decode()


# --- the documents page and who may see it ---------------------------------------------------


def test_the_documents_page_offers_every_document(organiser, fachtag, people):  # noqa: F811
    html = organiser.get(documents(fachtag)).content.decode()
    assert f'action="{documents(fachtag)}badges.pdf"' in html
    for key in SIZES:
        assert f'value="{key}"' in html
    assert 'name="qr"' in html
    first = forum(fachtag, "Forum 1: Väter in den Frühen Hilfen")
    assert f"attendance-list.pdf?forum={first.pk}" in html
    assert f'href="{documents(fachtag)}certificates.pdf"' in html
    assert "Jürgen Müßig, Gesundheitsamt Kassel" in html  # one person's badge
    assert "Wartende Weber" not in html
    events = organiser.get("/admin/check-in/").content.decode()
    assert f'href="{documents(fachtag)}"' in events


def test_the_documents_of_a_course_offer_its_list_per_group(organiser, wir2):  # noqa: F811
    html = organiser.get(documents(wir2)).content.decode()
    assert f'href="{documents(wir2)}course-list.pdf"' in html
    assert "FZ Rothenditmold" in html


@pytest.mark.parametrize(
    "suffix",
    ["", "badges.pdf?size=90x55", "attendance-list.pdf", "course-list.pdf", "certificates.pdf"],
)
def test_documents_are_for_organisers_only(client, fachtag, people, suffix):
    url = documents(fachtag) + suffix
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/admin/login/")
    setup()
    editor = get_user_model().objects.create_user("redakteurin", "r@example.org", "x")
    editor.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(editor)
    refused = client.get(url)
    assert (refused.status_code, refused["Location"]) == (302, "/admin/")
