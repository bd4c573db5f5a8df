"""The calendar of the demo: the Hessian Fachtagung 2019 with its nine forums and results, the
jubilee conference of the quality circles on 22 April in Berlin, the opening celebration of
the Offenburg drop-in centre, and the Kassel attachment training in two family centres.

Facts come from ``shared/sources``; the wording is ours. Upcoming dates are placed relative
to the day the demo is loaded, so the calendar is never empty.
"""

from datetime import date, datetime, time, timedelta

import recurrence

from directory.models import District, Organisation, Place, Topic
from events.models import (
    AgendaItem,
    Audience,
    CalendarLanguage,
    CalendarOrganiser,
    CourseException,
    CoursePage,
    CourseSchedule,
    EventIndexPage,
    EventPage,
    Forum,
    Round,
)
from events.schedules import local
from home.demo import paragraph
from localization.demo_content import BY_LANGUAGE
from programmes.demo import blocks
from programmes.models import ProgrammePage

INDEX = {
    "de": {
        "slug": "kalender",
        "title": "Kalender",
        "introduction": (
            "<p>Kurse für Eltern, offene Treffpunkte und Fachtagungen: hier finden Sie alle "
            "Termine. Abonnieren Sie den Kalender, dann sind Sie immer auf dem neuesten Stand.</p>"
        ),
    },
    "en": {
        "slug": "calendar",
        "title": "Calendar",
        "introduction": (
            "<p>Courses for parents, open meeting places and professional conferences: every "
            "date in one place. Subscribe to the calendar and it stays up to date by itself.</p>"
        ),
    },
    "tr": {
        "slug": "takvim",
        "title": "Takvim",
        "introduction": (
            "<p>Anne ve babalar için kurslar, açık buluşma yerleri ve uzman toplantıları: tüm "
            "tarihler burada. Takvime abone olun, her zaman güncel kalsın.</p>"
        ),
    },
    "ar": {
        "slug": "taqwim",
        "title": "التقويم",
        "introduction": (
            "<p>دورات للآباء والأمهات، ولقاءات مفتوحة، ومؤتمرات للمختصين: تجدون هنا جميع "
            "المواعيد. اشتركوا في التقويم، فيبقى محدّثًا من تلقاء نفسه.</p>"
        ),
    },
    "uk": {
        "slug": "kalendar",
        "title": "Календар",
        "introduction": (
            "<p>Курси для батьків, відкриті зустрічі та фахові конференції: усі дати в одному "
            "місці. Підпишіться на календар, і він оновлюватиметься сам.</p>"
        ),
    },
}

HESSEN_FORUMS = [
    (
        "Rund um die Geburt – das Nationale Gesundheitsziel",
        "Around birth – the national health target",
        "Hessen setzt das Gesundheitsziel um.\nMutter und Baby stehen im Mittelpunkt.",
        "Im Mittelpunkt stehen Mutter und Kind.",
    ),
    (
        "Rund um die Geburt: Vorsorge, Nachsorge, Fürsorge",
        "Around birth: prevention, aftercare, care",
        "Bedarfe früh erkennen und Vernetzung stärken.",
        "Austausch zwischen Politik und Berufsverbänden fest verankern.",
    ),
    (
        "Frühgeborene und Mehrlingsgeburten",
        "Premature and multiple births",
        "Hilfen schon während der Schwangerschaft planen.",
        "Die Familie gibt den Weg vor.\nHilfen richten sich nach dem Bedarf.",
    ),
    (
        "Frühkindliche Entwicklungs- und Regulationsstörungen",
        "Early developmental and regulatory disorders",
        "Der Wille zur Kooperation ist da; es fehlen Strukturen, die sie tragen.",
        "Manches lässt sich vor Ort nicht lösen: Es braucht politische Verantwortung.",
    ),
    (
        "Psychisch kranke Eltern und interdisziplinäre Zusammenarbeit",
        "Parents with mental illness and interdisciplinary cooperation",
        "Die Mutter-Kind-Bindung politisch stärker verankern; Frühe Hilfen und Medizin vernetzen.",
        "Psychische Erkrankungen entstigmatisieren, damit Hilfe angenommen wird.",
    ),
    (
        "Medizinischer Kinderschutz – Übergänge vom Gesundheitswesen zum Kinderschutz",
        "Medical child protection – from health care to child protection",
        "Jugendhilfe und Gesundheitswesen arbeiten gut zusammen.",
        "Eltern sind Beteiligte im Unterstützungssystem, nicht nur Empfänger.",
    ),
    (
        "Gelungene Übergänge zwischen Gesundheitswesen und Frühen Hilfen",
        "Good transitions between health care and early help",
        "SGB VIII und SGB V geben einen gemeinsamen gesetzlichen Auftrag.",
        "Es braucht engagierte Menschen mit einer Vision.",
    ),
    (
        "Lotsensysteme: die Perspektiven der Fachdisziplinen erweitern",
        "Guide systems: widening the disciplines' perspectives",
        "Vernetzung braucht Zeit und einen gesetzlichen Rahmen, in dem sich alle wiederfinden.",
        "",
    ),
    (
        "Potenziale kommunaler Gesundheitsstrategien",
        "What municipal health strategies can do",
        "Frühe Hilfen als Teil einer kommunalen Gesundheitsstrategie.",
        "Frühe Hilfen als gemeinsame Haltung: Familien unterstützen.",
    ),
]


CONSENT = {
    "de": (
        "Ich bin einverstanden, dass die Veranstalter meine Angaben für diese Anmeldung "
        "speichern und nutzen. Sie werden nicht weitergegeben und drei Monate nach der "
        "Veranstaltung gelöscht."
    ),
    "en": (
        "I agree that the organisers store and use my details for this registration. They "
        "are not passed on and are deleted three months after the event."
    ),
}
# The jubilee conference is accredited: doctors' EFNs and arrivals go to the Ärztekammer.
CONSENT_ACCREDITED = {
    "de": (
        "Ich bin einverstanden, dass die Veranstalter meine Angaben für diese Anmeldung "
        "speichern und nutzen und beim Einlass meine Ankunft erfassen. Ärztinnen und Ärzte: "
        "Meine EFN und meine Teilnahme werden für die Fortbildungspunkte an die "
        "Landesärztekammer übermittelt. Sonst werden die Angaben nicht weitergegeben und drei "
        "Monate nach der Veranstaltung gelöscht. Die Rückmeldung nach der Veranstaltung ist "
        "freiwillig und anonym."
    ),
    "en": (
        "I agree that the organisers store and use my details for this registration and record "
        "my arrival at the door. Doctors: my EFN and my attendance are passed to the medical "
        "chamber for the CME points. Otherwise my details are not passed on and are deleted "
        "three months after the event. The feedback after the event is voluntary and anonymous."
    ),
}


def _next_weekday(start, weekday):
    return start + timedelta(days=(weekday - start.weekday()) % 7 or 7)


def _at(day, hour, minute=0):
    return local(datetime.combine(day, time(hour, minute)))


def load(demo):
    home = demo.home
    index = demo.page(
        home,
        EventIndexPage,
        slug=INDEX["de"]["slug"],
        show_in_menus=True,
        **{k: v for k, v in INDEX["de"].items() if k != "slug"},
    )
    for language, fields in INDEX.items():
        if language != "de":
            demo.translate(index, language, **fields)

    de = demo.locales["de"]
    topics = {t.slug: t for t in Topic.objects.filter(locale=de)}
    places = _places(demo)
    today = date.today()

    _hessen_conference(demo, index, topics, places)
    _jubilee_conference(demo, index, topics, places, today)
    _offenburg_opening(demo, index, topics, places, today)
    _kassel_course(demo, index, topics, places, today)


HESSEN_MINISTRY = "Hessisches Ministerium für Soziales und Integration"


def _places(demo):
    demo.record(
        Organisation, {"name": HESSEN_MINISTRY}, kind=Organisation.Kind.MINISTRY, city="Wiesbaden"
    )
    wetterau = demo.record(
        District, {"slug": "wetteraukreis"}, name="Wetteraukreis", state="Hessen"
    )
    berlin = demo.record(District, {"slug": "berlin-mitte"}, name="Berlin Mitte", state="Berlin")
    bad_nauheim = demo.record(
        Place, {"name": "Tagungsort Bad Nauheim"}, city="Bad Nauheim", district=wetterau
    )
    demo.record_translation(bad_nauheim, "en", name="Conference venue Bad Nauheim")
    representation = demo.record(
        Place,
        {"name": "Vertretung des Landes Baden-Württemberg beim Bund"},
        street="Tiergartenstraße 15",
        postcode="10785",
        city="Berlin",
        district=berlin,
    )
    demo.record_translation(
        representation, "en", name="Representation of the State of Baden-Württemberg"
    )
    de = demo.locales["de"]
    return {
        "bad-nauheim": bad_nauheim,
        "berlin": representation,
        "offenburg": Place.objects.get(
            name="Offene Anlaufstelle Gesundheit4PunktZukunft", locale=de
        ),
        "wehlheiden": Place.objects.get(name="Familienzentrum Wehlheiden", locale=de),
        "rothenditmold": Place.objects.get(name="Familienzentrum Rothenditmold", locale=de),
    }


def _programme(demo, slug):
    return ProgrammePage.objects.filter(slug=slug, locale=demo.locales["de"]).first()


def _organisers(names):
    return [
        CalendarOrganiser(organisation=Organisation.objects.get(name=name), is_partner=partner)
        for name, partner in names
    ]


def _hessen_conference(demo, index, topics, places):
    day = date(2019, 5, 25)
    rounds = [
        Round(number=1, title="1. Durchlauf", starts_at=_at(day, 11), ends_at=_at(day, 12, 30)),
        Round(number=2, title="2. Durchlauf", starts_at=_at(day, 13, 30), ends_at=_at(day, 15)),
    ]
    forums = []
    for number in (1, 2):
        for title, _english, first, second in HESSEN_FORUMS:
            forums.append(
                Forum(round_number=number, title=title, results=first if number == 1 else second)
            )
    page = demo.page(
        index,
        EventPage,
        slug="fachtagung-fruehe-hilfen-hessen-2019",
        title="Fachtagung „Frühe Hilfen – Kooperation Jugendhilfe und Gesundheitswesen 2019“",
        teaser=(
            "Ein Tag in Bad Nauheim für Fachleute aus Jugendhilfe, Medizin und öffentlichem "
            "Gesundheitsdienst: neun Fachforen in zwei Durchläufen zur Zusammenarbeit rund um "
            "die Geburt."
        ),
        body=[
            paragraph(
                "Die überregionale Fachtagung stand unter dem Leitthema „Familien, Medizin, "
                "Jugendhilfe – Zukunftsmöglichkeiten einer intersektoralen Kooperation in den "
                "Frühen Hilfen“. Rund 260 Fachleute aus allen Regionen Hessens und den "
                "Nachbarländern nahmen teil."
            )
        ],
        start=_at(day, 9, 30),
        end=_at(day, 16, 30),
        place=places["bad-nauheim"],
        audience=Audience.PROFESSIONALS,
        topics=[topics["zusammenarbeit"], topics["gesundheit"]],
        languages=[CalendarLanguage(code="de")],
        organisers=_organisers([(HESSEN_MINISTRY, False)]),
        rounds=rounds,
        forums=forums,
        agenda_items=[
            AgendaItem(starts_at=_at(day, 9, 30), title="Begrüßung und Grußwort des Ministers"),
            AgendaItem(
                starts_at=_at(day, 10),
                ends_at=_at(day, 10, 45),
                title="Familien, Medizin, Jugendhilfe: Zukunft der intersektoralen Kooperation",
            ),
            AgendaItem(
                starts_at=_at(day, 11), ends_at=_at(day, 12, 30), title="Fachforen, 1. Durchlauf"
            ),
            AgendaItem(
                starts_at=_at(day, 13, 30), ends_at=_at(day, 15), title="Fachforen, 2. Durchlauf"
            ),
            AgendaItem(
                starts_at=_at(day, 15, 30),
                ends_at=_at(day, 16, 30),
                title="Ergebnisse und Ausblick",
            ),
        ],
        results_introduction=(
            "<p>Wichtigstes Ergebnis: Hessen stellt sich weiter dem nationalen Gesundheitsziel "
            "„Gesundheit rund um die Geburt“ und entwickelt mit Gesundheitswesen und Frühen "
            "Hilfen gemeinsame Wege, es umzusetzen. Die zentralen Ergebnisse der Foren:</p>"
        ),
        is_free=True,
    )
    english_forums = []
    for _number in (1, 2):
        for _title, english, _first, _second in HESSEN_FORUMS:
            english_forums.append({"title": english})
    demo.translate(
        page,
        "en",
        slug="early-help-conference-hesse-2019",
        title="Conference “Early help – youth services and health care working together 2019”",
        teaser=(
            "A day in Bad Nauheim for professionals from youth services, medicine and public "
            "health: nine forums in two rounds on working together around birth."
        ),
        body=[
            paragraph(
                "The conference's guiding theme was “Families, medicine, youth services – the "
                "future of cross-sector cooperation in early help”. About 260 professionals "
                "from every region of Hesse and the neighbouring states took part."
            )
        ],
        results_introduction=(
            "<p>The main outcome: Hesse keeps working towards the national health target "
            "“health around birth” and will find ways to reach it together with health care "
            "and early help. The central results of the forums:</p>"
        ),
        children={
            "rounds": [{"title": "First round"}, {"title": "Second round"}],
            "forums": english_forums,
            "agenda_items": [
                {"title": "Welcome and address by the minister"},
                {"title": "Families, medicine, youth services: the future of cross-sector work"},
                {"title": "Forums, first round"},
                {"title": "Forums, second round"},
                {"title": "Results and outlook"},
            ],
        },
    )


def _jubilee_conference(demo, index, topics, places, today):
    year = today.year if today < date(today.year, 4, 22) else today.year + 1
    day = date(year, 4, 22)
    titles = [
        ("Qualitätszirkel gründen: die ersten Schritte", 12),
        ("Am Fallbeispiel lernen", 4),
        ("Praxisteams einbinden", 10),
        ("Zirkel in anderen Bundesländern", 12),
        ("Kinderschutz und Frühe Hilfen im Zirkel", 4),
        ("Die nächsten zehn Jahre", 15),
    ]
    forums = [
        Forum(round_number=1 if n < 3 else 2, title=title, capacity=capacity)
        for n, (title, capacity) in enumerate(titles)
    ]
    page = demo.page(
        index,
        EventPage,
        slug="jubilaeumstagung-qualitaetszirkel",
        title="Jubiläumstagung: 10 Jahre interprofessionelle Qualitätszirkel Frühe Hilfen",
        teaser=(
            "Das NZFH und die Kassenärztliche Vereinigung Baden-Württemberg laden ein: ein "
            "Rückblick auf zehn Jahre Vernetzung und ein Blick nach vorn."
        ),
        body=[
            paragraph(
                "In den Qualitätszirkeln lernen Ärztinnen und Ärzte, Psychotherapeutinnen und "
                "Psychotherapeuten, Praxisteams und Fachkräfte der Kinder- und Jugendhilfe "
                "voneinander, an echten Fällen. Was vor zehn Jahren in Baden-Württemberg begann, "
                "gibt es heute auch in anderen Ländern."
            )
        ],
        start=_at(day, 10),
        end=_at(day, 16, 30),
        place=places["berlin"],
        audience=Audience.PROFESSIONALS,
        topics=[topics["zusammenarbeit"]],
        programmes=[p for p in [_programme(demo, "interprofessionelle-qualitaetszirkel")] if p],
        languages=[CalendarLanguage(code="de")],
        organisers=_organisers(
            [
                ("Nationales Zentrum Frühe Hilfen (NZFH)", False),
                ("Kassenärztliche Vereinigung Baden-Württemberg (KVBW)", False),
            ]
        ),
        registration_enabled=True,
        registration_capacity=60,
        waiting_list=True,
        ask_organisation=True,
        ask_profession=True,
        ask_dietary_needs=True,
        ask_accessibility_needs=True,
        # A demo number in the format of the Ärztekammern's (19 digits from 276).
        vnr="2760602026000100017",
        cme_points=6,
        # Everyone checked in gets a certificate of attendance with the points.
        certificate=True,
        consent_text=CONSENT_ACCREDITED["de"],
        rounds=[
            Round(
                number=1, title="1. Durchlauf", starts_at=_at(day, 11, 15), ends_at=_at(day, 12, 30)
            ),
            Round(
                number=2, title="2. Durchlauf", starts_at=_at(day, 13, 30), ends_at=_at(day, 14, 45)
            ),
        ],
        forums=forums,
        agenda_items=[
            AgendaItem(starts_at=_at(day, 10), ends_at=_at(day, 10, 30), title="Begrüßung"),
            AgendaItem(
                starts_at=_at(day, 10, 30),
                ends_at=_at(day, 11),
                title="Miteinander reden, voneinander lernen: zehn Jahre Qualitätszirkel",
            ),
            AgendaItem(
                starts_at=_at(day, 15), ends_at=_at(day, 16, 30), title="Podium und Ausblick"
            ),
        ],
        is_free=True,
    )
    demo.translate(
        page,
        "en",
        slug="jubilee-conference-quality-circles",
        consent_text=CONSENT_ACCREDITED["en"],
        title="Jubilee conference: 10 years of interprofessional quality circles in early help",
        teaser=(
            "The NZFH and the Association of Statutory Health Insurance Physicians of "
            "Baden-Württemberg invite you to look back on ten years of networking, and ahead."
        ),
        body=[
            paragraph(
                "In the quality circles, doctors, psychotherapists, practice teams and youth "
                "services staff learn from each other, on real cases. What began in "
                "Baden-Württemberg ten years ago now exists in other federal states too."
            )
        ],
        children={
            "rounds": [{"title": "First round"}, {"title": "Second round"}],
            "forums": [
                {"title": "Founding a quality circle: the first steps"},
                {"title": "Learning from a case"},
                {"title": "Involving practice teams"},
                {"title": "Circles in other federal states"},
                {"title": "Child protection and early help in the circle"},
                {"title": "The next ten years"},
            ],
            "agenda_items": [
                {"title": "Welcome"},
                {"title": "Talking together, learning from each other: ten years of circles"},
                {"title": "Panel and outlook"},
            ],
        },
    )


def _offenburg_opening(demo, index, topics, places, today):
    day = _next_weekday(today + timedelta(days=14), 4)  # a Friday, two to three weeks ahead
    page = demo.page(
        index,
        EventPage,
        slug="offene-anlaufstelle-offenburg-eroeffnung",
        title="Eröffnungsfest der Offenen Anlaufstelle in Offenburg",
        teaser=(
            "Kommen Sie vorbei: Das Team von Gesundheit4PunktZukunft stellt die neue offene "
            "Anlaufstelle vor, mit Zeit für Fragen, Kaffee und Spielen für Kinder."
        ),
        start=_at(day, 15),
        end=_at(day, 18),
        place=places["offenburg"],
        audience=Audience.FAMILIES,
        topics=[topics["gesundheit"], topics["beratung"]],
        programmes=[p for p in [_programme(demo, "gesundheit4punktzukunft")] if p],
        languages=[CalendarLanguage(code="de"), CalendarLanguage(code="tr")],
        organisers=_organisers([("Landratsamt Ortenaukreis", False), ("Jobcenter Ortenau", True)]),
        is_free=True,
    )
    demo.translate(
        page,
        "en",
        slug="open-drop-in-centre-offenburg-opening",
        title="Opening party of the open drop-in centre in Offenburg",
        teaser=(
            "Drop by: the Gesundheit4PunktZukunft team introduces the new drop-in centre, with "
            "time for questions, coffee and games for children."
        ),
    )
    for language, content in BY_LANGUAGE.items():
        demo.translate(page, language, **content.OPENING)


def _kassel_course(demo, index, topics, places, today):
    tuesday = _next_weekday(today + timedelta(days=7), 1)
    thursday = _next_weekday(today + timedelta(days=7), 3)

    def twenty_weekly(day):
        rule = recurrence.Rule(recurrence.WEEKLY, count=20, byday=[day])
        return recurrence.Recurrence(rrules=[rule])

    page = demo.page(
        index,
        CoursePage,
        slug="wir2-bindungstraining-kassel",
        title="wir2 – Bindungstraining für Alleinerziehende in Kassel",
        teaser=(
            "20 Treffen für Mütter und Väter, die ihre Kinder allein erziehen: über Bindung, "
            "Gefühle und Alltag, in einer festen Gruppe. Kinderbetreuung inklusive."
        ),
        body=[
            paragraph(
                "Das Training läuft in zwei Familienzentren zugleich. Sie wählen den Ort und "
                "die Zeit, die zu Ihnen passen, und bleiben in dieser Gruppe."
            )
        ],
        audience=Audience.FAMILIES,
        topics=[topics["bindung"], topics["eltern-staerken"]],
        programmes=[p for p in [_programme(demo, "alleinerziehende-in-kassel")] if p],
        languages=[CalendarLanguage(code="de")],
        organisers=_organisers(
            [
                ("Familienzentrum des AKGG in Wehlheiden", False),
                ("Familienzentrum des DKBS in Rothenditmold", False),
                ("Walter Blüchert Stiftung", True),
            ]
        ),
        schedules=[
            CourseSchedule(
                place=places["wehlheiden"],
                first_date=tuesday,
                start_time=time(18),
                duration=90,
                recurrence=twenty_weekly(recurrence.TU),
                capacity=12,  # each family centre's group has its own places
            ),
            CourseSchedule(
                place=places["rothenditmold"],
                first_date=thursday,
                start_time=time(9, 30),
                duration=90,
                recurrence=twenty_weekly(recurrence.TH),
                capacity=12,
            ),
        ],
        exceptions=[
            CourseException(
                date=tuesday + timedelta(weeks=3),
                place=places["wehlheiden"],
                action=CourseException.Action.CANCEL,
                reason="Ferien: Das Familienzentrum ist geschlossen.",
            ),
            CourseException(
                date=thursday + timedelta(weeks=5),
                place=places["rothenditmold"],
                action=CourseException.Action.MOVE,
                reason="Wegen eines Elternabends eine Stunde später.",
                new_start_time=time(10, 30),
            ),
        ],
        is_free=True,
        cost_note="Kinderbetreuung während der Treffen",
        registration_enabled=True,
        registration_capacity=24,
        waiting_list=True,
        ask_childcare=True,
        consent_text=CONSENT["de"],
    )
    demo.translate(
        page,
        "en",
        slug="wir2-attachment-training-kassel",
        title="wir2 – attachment training for single parents in Kassel",
        teaser=(
            "20 meetings for mothers and fathers raising their children alone: about bonding, "
            "feelings and everyday life, in a steady group. Childcare included."
        ),
        cost_note="Childcare during the meetings",
        consent_text=CONSENT["en"],
        body=[
            paragraph(
                "The training runs in two family centres at the same time. Choose the place and "
                "time that suit you, and stay in that group."
            )
        ],
        children={
            "exceptions": [
                {"reason": "Holidays: the family centre is closed."},
                {"reason": "One hour later because of a parents' evening."},
            ]
        },
    )
    for language, content in BY_LANGUAGE.items():
        words = content.COURSE
        demo.translate(
            page,
            language,
            title=words["title"],
            teaser=words["teaser"],
            body=blocks(words["body"]),
            cost_note=words["cost_note"],
            consent_text=content.CONSENT,
            children={"exceptions": [{"reason": reason} for reason in words["exceptions"]]},
        )
