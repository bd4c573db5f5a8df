"""Press releases of the demo, one for each source text that is one, in our own words."""

from datetime import date

from directory.models import ContactPerson, Organisation, Topic
from events.models import CalendarPage
from home.demo import paragraph
from press.models import PressReleaseIndexPage, PressReleasePage
from programmes.models import ProgrammePage

RELEASES = [
    {
        "slug": "logik-lotsinnen-erstes-halbjahr",
        "date": date(2024, 1, 22),
        "dateline": "Berlin",
        "programme": "logik-lotsinnen-in-kinderarztpraxen",
        "event": None,
        "topics": ["beratung", "gesundheit"],
        "funding_note": "Gefördert durch die Techniker Krankenkasse",
        "de": {
            "title": "Lotsinnen in Kinderarztpraxen: fast 200 Beratungen im ersten halben Jahr",
            "teaser": (
                "In Steglitz-Zehlendorf beraten sozialpädagogische Lotsinnen Eltern direkt in "
                "vier Kinderarztpraxen und einer gynäkologischen Praxis. Die ersten Monate "
                "zeigen, wie groß der Bedarf ist."
            ),
            "body": [
                paragraph(
                    "Das Projekt LoGiK bringt Beratung dorthin, wo Familien ohnehin hingehen: "
                    "in die Praxis. Ob Schlafen, Essen, Streit in der Partnerschaft oder "
                    "Trotzphase, die Lotsinnen nehmen sich Zeit und vermitteln passende Hilfe "
                    "aus dem Netzwerk Frühe Hilfen."
                ),
                paragraph(
                    "Die Praxen berichten von spürbarer Entlastung; die Eltern schätzen die "
                    "Ruhe des Gesprächs. Das Bezirksamt führt das Projekt gemeinsam mit der "
                    "Techniker Krankenkasse durch."
                ),
            ],
        },
        "en": {
            "slug": "logik-family-guides-first-half-year",
            "title": (
                "Family guides in paediatric practices: almost 200 consultations in six months"
            ),
            "teaser": (
                "In Steglitz-Zehlendorf, social-work family guides advise parents right in four "
                "paediatric practices and one gynaecological practice. The first months show "
                "how great the need is."
            ),
            "funding_note": "Funded by Techniker Krankenkasse",
        },
    },
    {
        "slug": "zehn-jahre-qualitaetszirkel",
        "date": date(2020, 2, 13),
        "dateline": "Köln",
        "programme": None,
        "event": "jubilaeumstagung-qualitaetszirkel",
        "topics": ["zusammenarbeit"],
        "funding_note": "",
        "de": {
            "title": "Zehn Jahre interprofessionelle Qualitätszirkel Frühe Hilfen",
            "teaser": (
                "Was in Baden-Württemberg als Projekt begann, hat sich bewährt: Ärztinnen, "
                "Ärzte und Fachkräfte der Jugendhilfe lernen in Qualitätszirkeln voneinander. "
                "Eine Jubiläumstagung in Berlin zieht Bilanz."
            ),
            "body": [
                paragraph(
                    "Das Nationale Zentrum Frühe Hilfen und die Kassenärztliche Vereinigung "
                    "Baden-Württemberg laden am 22. April in die Landesvertretung "
                    "Baden-Württemberg in Berlin ein."
                )
            ],
        },
        "en": {
            "slug": "ten-years-of-quality-circles",
            "title": "Ten years of interprofessional quality circles in early help",
            "teaser": (
                "What began as a project in Baden-Württemberg has proved itself: doctors and "
                "youth services staff learn from each other in quality circles. A jubilee "
                "conference in Berlin takes stock."
            ),
        },
    },
    {
        "slug": "offene-anlaufstelle-offenburg-eroeffnet",
        "date": date(2023, 2, 28),
        "dateline": "Offenburg",
        "programme": "gesundheit4punktzukunft",
        "event": "offene-anlaufstelle-offenburg-eroeffnung",
        "topics": ["gesundheit", "beratung"],
        "funding_note": "Gefördert im Bundesmodellprogramm „rehapro“ des BMAS",
        "de": {
            "title": "Gesundheit4PunktZukunft eröffnet Offene Anlaufstelle in Offenburg",
            "teaser": (
                "Rund 30 Familien werden schon begleitet; jetzt gibt es einen Ort für offene "
                "Treffen und schnelle Beratung. Das Projekt wird mit 4,1 Millionen Euro über "
                "fünf Jahre gefördert."
            ),
            "body": [
                paragraph(
                    "Die Anlaufstelle ergänzt das aufsuchende Coaching: offene Zeiten zum "
                    "Austausch, Beratungszeiten und Gruppenangebote. Eine Steuerungsgruppe soll "
                    "die Zusammenarbeit über die Rechtskreise hinweg verankern."
                )
            ],
        },
        "en": {
            "slug": "open-drop-in-centre-offenburg-opened",
            "title": "Gesundheit4PunktZukunft opens a drop-in centre in Offenburg",
            "teaser": (
                "About 30 families are already being coached; now there is a place for open "
                "meetings and quick advice. The project receives 4.1 million euro over five "
                "years."
            ),
            "funding_note": "Funded by the federal model programme “rehapro” (BMAS)",
        },
    },
    {
        "slug": "fachtagung-hessen-2019",
        "date": date(2019, 5, 29),
        "dateline": "Wiesbaden",
        "programme": None,
        "event": "fachtagung-fruehe-hilfen-hessen-2019",
        "topics": ["zusammenarbeit", "gesundheit"],
        "funding_note": "",
        "contact": "Alice Engel",
        "de": {
            "title": "Fachtagung in Bad Nauheim: Jugendhilfe und Gesundheitswesen rücken zusammen",
            "teaser": (
                "260 Fachleute aus ganz Hessen diskutierten in neun Fachforen, wie Medizin und "
                "Frühe Hilfen Familien gemeinsam unterstützen. Wichtigstes Ergebnis: Hessen "
                "verfolgt das Gesundheitsziel „rund um die Geburt“ weiter."
            ),
            "body": [
                paragraph(
                    "In Hessen gibt es 33 Netzwerke Frühe Hilfen. Die Bundesstiftung Frühe "
                    "Hilfen unterstützt Bund, Länder und Kommunen mit 51 Millionen Euro; den "
                    "gesetzlichen Auftrag regelt das KKG."
                ),
                paragraph(
                    "In jedem hessischen Netzwerk besuchen ausgebildete Familienhebammen oder "
                    "Familien-Kinderkrankenpflegerinnen Familien zu Hause; das Land fördert "
                    "ihre Weiterbildung jedes Jahr."
                ),
            ],
        },
        "en": {
            "slug": "conference-hesse-2019",
            "title": "Conference in Bad Nauheim: youth services and health care move closer",
            "teaser": (
                "260 professionals from all over Hesse discussed in nine forums how medicine "
                "and early help can support families together. Main outcome: Hesse keeps "
                "working towards the health target “around birth”."
            ),
        },
    },
]


def load(demo):
    home = demo.home
    index = demo.page(
        home, PressReleaseIndexPage, slug="presse", title="Presse", show_in_menus=True
    )
    for language, slug, title in [
        ("en", "press", "Press"),
        ("tr", "basin", "Basın"),
        ("ar", "sahafa", "الصحافة"),
        ("uk", "presa", "Преса"),
    ]:
        demo.translate(index, language, slug=slug, title=title)
    ministry = Organisation.objects.filter(
        name="Hessisches Ministerium für Soziales und Integration"
    ).first()
    engel = demo.record(
        ContactPerson,
        {"name": "Alice Engel"},
        role="Pressesprecherin",
        organisation=ministry,
        phone="+49 611 3219 3408",
        email="presse@hsm.hessen.de",
    )
    demo.record_translation(engel, "en", role="Press officer")
    de = demo.locales["de"]
    for spec in RELEASES:
        programme = ProgrammePage.objects.filter(slug=spec["programme"], locale=de).first()
        event = CalendarPage.objects.filter(slug=spec["event"], locale=de).first()
        page = demo.page(
            index,
            PressReleasePage,
            slug=spec["slug"],
            date=spec["date"],
            dateline=spec["dateline"],
            funding_note=spec["funding_note"],
            press_contact=engel if spec.get("contact") else None,
            topics=list(Topic.objects.filter(slug__in=spec["topics"], locale=de)),
            programmes=[programme] if programme else [],
            events=[event] if event else [],
            **spec["de"],
        )
        demo.translate(page, "en", **spec["en"])
