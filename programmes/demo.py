"""Demo programmes from the public texts in ``shared/sources`` (our own wording): family guides
in Berlin paediatric practices, the Kassel single-parents project with its three parts, the
Offenburg coaching programme and the interprofessional quality circles in Baden-Württemberg.
"""

from decimal import Decimal

from wagtail.rich_text import RichText

from directory.models import (
    ContactPerson,
    District,
    Funder,
    Organisation,
    Place,
    TargetGroup,
    Topic,
)
from localization.demo_content import BY_LANGUAGE, programme_words
from programmes.models import (
    ProgrammeFigure,
    ProgrammeFunding,
    ProgrammeIndexPage,
    ProgrammeLanguage,
    ProgrammePage,
    ProgrammePartner,
    SubProject,
)


def paragraph(*texts):
    return ("paragraph", RichText("".join(f"<p>{text}</p>" for text in texts)))


def heading(text):
    return ("heading", {"text": text, "level": "h2"})


def blocks(body):
    """A translation's ``body`` (``localization.demo_content``) as StreamField data."""
    return [heading(text) if kind == "heading" else paragraph(*text) for kind, text in body]


INDEX = {
    "de": {
        "title": "Angebote finden",
        "slug": "angebote",
        "introduction": RichText(
            "<p>Wählen Sie aus, was zu Ihrer Familie passt: Thema, Alter Ihres Kindes, Ort "
            "oder Sprache. Alle Angebote sind freiwillig, die meisten kostenlos.</p>"
        ),
    },
    "en": {
        "title": "Find support",
        "slug": "offers",
        "introduction": RichText(
            "<p>Choose what fits your family: topic, your child's age, place or language. All "
            "offers are voluntary, and most are free of charge.</p>"
        ),
    },
    "tr": {
        "title": "Destek bulun",
        "slug": "destek",
        "introduction": RichText(
            "<p>Ailenize uyanı seçin: konu, çocuğunuzun yaşı, yer veya dil. Tüm teklifler "
            "gönüllüdür, çoğu ücretsizdir. Henüz çevrilmemiş teklifler Almanca gösterilir.</p>"
        ),
    },
    "ar": {
        "title": "ابحثوا عن الدعم",
        "slug": "al-daam",
        "introduction": RichText(
            "<p>اختاروا ما يناسب عائلتكم: الموضوع، أو عمر طفلكم، أو المكان، أو اللغة. جميع "
            "العروض طوعية، ومعظمها مجاني. العروض التي لم تُترجم بعد تظهر باللغة الألمانية.</p>"
        ),
    },
    "uk": {
        "title": "Знайти підтримку",
        "slug": "pidtrymka",
        "introduction": RichText(
            "<p>Оберіть те, що підходить вашій родині: тема, вік дитини, місце чи мова. Усі "
            "пропозиції добровільні, більшість – безкоштовні. Ще не перекладені пропозиції "
            "показано німецькою.</p>"
        ),
    },
    "de-x-ls": {
        "title": "Angebote finden",
        "slug": "angebote",
        "introduction": RichText(
            "<p>Hier finden Sie Angebote für Familien. "
            "Sie können aussuchen: Welches Angebot passt zu Ihrer Familie? "
            "Alle Angebote sind freiwillig. Das bedeutet: Sie entscheiden selbst. "
            "Die meisten Angebote kosten kein Geld.</p>"
        ),
    },
}


def programmes():
    """The four demo programmes: German fields, inline records and the English version."""
    return [
        {
            "slug": "logik-lotsinnen-in-kinderarztpraxen",
            "de": {
                "title": "LoGiK – Lotsinnen und Lotsen in Kinderarztpraxen",
                "teaser": (
                    "Sozialpädagogische Beratung direkt in der Kinderarztpraxis: mit Zeit für "
                    "alle Fragen rund um Schlafen, Essen, Trotz oder Streit in der Partnerschaft."
                ),
                "body": [
                    heading("Hilfe dort, wo Familien ohnehin hingehen"),
                    paragraph(
                        "In Steglitz-Zehlendorf sitzen Lotsinnen und Lotsen für Gesundes "
                        "Aufwachsen in vier Kinderarztpraxen und einer gynäkologischen Praxis. "
                        "Sie nehmen sich Zeit für Eltern, hören zu und vermitteln passende "
                        "Entlastung aus dem Netzwerk Frühe Hilfen – ohne Umweg über ein Amt.",
                        "Die Praxen berichten, dass sie im Alltag entlastet werden; Eltern "
                        "schätzen die Ruhe im Gespräch. Die Termine sind gefragt und oft "
                        "ausgebucht.",
                    ),
                ],
                "region_note": "vier Kinderarztpraxen und eine gynäkologische Praxis im Bezirk",
                "website": "https://www.stadtteilzentrum-steglitz.de/logik/",
                "for_pregnancy": True,
                "age_from_months": 0,
                "age_to_months": 36,
            },
            "district": "steglitz-zehlendorf",
            "topics": ["beratung", "eltern-staerken", "gesundheit"],
            "groups": ["familien-mit-kleinkindern", "familien-in-belastenden-lebenslagen"],
            "languages": ["de"],
            "places": [],
            "contact": None,
            "fundings": [
                (
                    "Techniker Krankenkasse",
                    {"period_note": "fünf Jahre"},
                    {"period_note": "five years"},
                )
            ],
            "partners": [
                (
                    "Bezirksamt Steglitz-Zehlendorf, Organisationseinheit QPK",
                    "führt das Projekt durch (Prävention im Gesundheitswesen)",
                    "runs the project (prevention in health care)",
                ),
            ],
            "figures": [
                (
                    "fast 200",
                    "Beratungsgespräche im ersten halben Jahr",
                    "almost 200",
                    "consultations in the first six months",
                ),
                (
                    "5",
                    "beteiligte Praxen: vier kinderärztliche, eine gynäkologische",
                    "5",
                    "practices taking part: four paediatric, one gynaecological",
                ),
            ],
            "sub_projects": [],
            "en": {
                "title": "LoGiK – family guides in paediatric practices",
                "slug": "logik-family-guides",
                "teaser": (
                    "Social-work advice right in the paediatric practice, with time for every "
                    "question about sleep, eating, tantrums or conflict between parents."
                ),
                "body": [
                    heading("Help where families go anyway"),
                    paragraph(
                        "In Berlin Steglitz-Zehlendorf, family guides work in four paediatric "
                        "practices and one gynaecological practice. They take time for parents, "
                        "listen, and connect them with the right support from the local "
                        "early-help network – without a detour through an office.",
                        "The practices say the guides take pressure off their daily work; "
                        "parents value the calm conversation. Appointments are in demand and "
                        "often fully booked.",
                    ),
                ],
                "region_note": "four paediatric practices and one gynaecological practice",
            },
        },
        {
            "slug": "alleinerziehende-in-kassel",
            "de": {
                "title": "Prävention und Unterstützung für Alleinerziehende in Kassel",
                "teaser": (
                    "Ein Pilotprojekt für alleinerziehende Mütter und Väter: Netzwerk, "
                    "Bindungstraining „wir2“ in zwei Familienzentren und Unterstützung beim "
                    "Weg in Arbeit oder Ausbildung."
                ),
                "body": [
                    heading("Warum Kassel"),
                    paragraph(
                        "In fast jedem vierten Kasseler Haushalt mit Kindern erzieht eine "
                        "Mutter oder ein Vater allein, und viele dieser Familien sind auf das "
                        "Jobcenter angewiesen. Das kostet Kraft und Gesundheit.",
                        "Das Projekt erprobt, wie Krankenkassen und Stadt nach dem "
                        "Präventionsgesetz zusammenarbeiten können. Die Familienzentren in den "
                        "Stadtteilen werden dabei zu Ankerpunkten für Gesundheitsförderung.",
                    ),
                    heading("Wie es weitergeht"),
                    paragraph(
                        "Bewährt sich der Pilot, sollen die „wir2“-Gruppen in beiden "
                        "Familienzentren wiederholt und in zwei weiteren angeboten werden. Die "
                        "Steuerungsgruppe aus Partnern, Gesundheitsamt und Allgemeinem Sozialen "
                        "Dienst begleitet das Projekt."
                    ),
                ],
                "legal_basis": "§ 20a SGB V (Präventionsgesetz), Landesrahmenvereinbarung Hessen",
                "age_from_months": 36,
                "age_to_months": 120,
                "childcare_note": "Kinderbetreuung auch zu Randzeiten wird bei Bedarf organisiert.",
            },
            "district": "kassel",
            "topics": ["eltern-staerken", "bindung", "arbeit-und-ausbildung", "gesundheit"],
            "groups": ["alleinerziehende"],
            "languages": ["de"],
            "places": ["Familienzentrum Wehlheiden", "Familienzentrum Rothenditmold"],
            "contact": "Frauenbüro der Stadt Kassel",
            "fundings": [
                (
                    "Gesetzliche Krankenkassen in Hessen, gemeinsam über den vdek",
                    {"period_note": "Pilotphase"},
                    {"period_note": "pilot phase"},
                )
            ],
            "partners": [
                ("Stadt Kassel, Frauenbüro", "leitet das Projekt", "leads the project"),
                (
                    "Verband der Ersatzkassen (vdek), Landesvertretung Hessen",
                    "Kooperation für die Krankenkassen",
                    "cooperation on behalf of the health insurers",
                ),
                (
                    "Familienzentrum des AKGG in Wehlheiden",
                    "führt „wir2“ in Wehlheiden durch",
                    "runs “wir2” in Wehlheiden",
                ),
                (
                    "Familienzentrum des DKBS in Rothenditmold",
                    "führt „wir2“ in Rothenditmold durch",
                    "runs “wir2” in Rothenditmold",
                ),
                (
                    "Institut für Psychosomatische Medizin und Psychotherapie, "
                    "Universitätsklinikum Düsseldorf",
                    "wissenschaftliche Grundlage von „wir2“",
                    "scientific basis of “wir2”",
                ),
                ("Walter Blüchert Stiftung", "Programm „wir2“", "“wir2” programme"),
                ("Jobcenter Stadt Kassel", "Teilprojekt III", "sub-project III"),
            ],
            "figures": [
                (
                    "24,3 %",
                    "der Kasseler Haushalte mit Kindern sind Alleinerziehende",
                    "24.3 %",
                    "of Kassel households with children are single-parent households",
                ),
                (
                    "ca. 40 %",
                    "dieser Haushalte sind auf das Jobcenter angewiesen",
                    "about 40 %",
                    "of these households depend on the jobcentre",
                ),
                (
                    "20",
                    "Sitzungen umfasst das Bindungstraining „wir2“",
                    "20",
                    "sessions make up the “wir2” attachment training",
                ),
            ],
            "sub_projects": [
                (
                    "Teilprojekt I: Netzwerk wirksamer Hilfen für Alleinerziehende",
                    "Familienzentren, Familiennetze, Frühe Hilfen, Gesundheitsamt, Bündnis für "
                    "Familien, Selbstorganisation Alleinerziehender, Jobcenter und vdek "
                    "erheben gemeinsam, was fehlt, und entwickeln passende Angebote und "
                    "Informationen.",
                    "Part I: a network of effective help for single parents",
                    "Family centres, family networks, early help, the health office, the local "
                    "alliance for families, single parents' self-organisation, the jobcentre "
                    "and vdek map what is missing and develop fitting offers and information.",
                ),
                (
                    "Teilprojekt II: „wir2“ – Bindungstraining für Alleinerziehende",
                    "Ein bindungstheoretisch fundiertes Elterntraining mit 20 Sitzungen für "
                    "Mütter und Väter mit Kindern im Vorschul- oder Grundschulalter, in den "
                    "Familienzentren Wehlheiden und Rothenditmold. Es soll seelisch entlasten "
                    "und die Beziehung zum Kind stärken.",
                    "Part II: “wir2” – attachment training for single parents",
                    "A parenting training grounded in attachment theory, 20 sessions for "
                    "mothers and fathers of pre-school or primary-school children, held in the "
                    "Wehlheiden and Rothenditmold family centres. It aims to ease emotional "
                    "strain and strengthen the bond with the child.",
                ),
                (
                    "Teilprojekt III: Unterstützung und Beratung im SGB-II-Bezug",
                    "Bewährte Maßnahmen für den (Wieder-)Einstieg in Arbeit oder Ausbildung, "
                    "ergänzt um Hilfen nach Bedarf, etwa Kinderbetreuung zu Randzeiten.",
                    "Part III: support and advice for parents receiving basic income support",
                    "Proven measures for (re)entering work or training, plus help as needed, "
                    "such as childcare outside regular hours.",
                ),
            ],
            "en": {
                "title": "Prevention and support for single parents in Kassel",
                "slug": "single-parents-kassel",
                "teaser": (
                    "A pilot project for single mothers and fathers: a local network, the "
                    "attachment training “wir2” in two family centres, and support on the way "
                    "into work or training."
                ),
                "body": [
                    heading("Why Kassel"),
                    paragraph(
                        "In almost one in four Kassel households with children, one parent "
                        "raises the children alone, and many of these families depend on the "
                        "jobcentre. That takes strength and health.",
                        "The project tests how health insurers and the city can work together "
                        "under the German Prevention Act. The neighbourhood family centres "
                        "become anchor points for health promotion.",
                    ),
                    heading("What comes next"),
                    paragraph(
                        "If the pilot succeeds, the “wir2” groups will run again in both family "
                        "centres and start in two more. A steering group of the partners, the "
                        "health office and the social services accompanies the project."
                    ),
                ],
                "legal_basis": "§ 20a SGB V (Prevention Act), Hesse framework agreement",
                "childcare_note": "Childcare, also outside regular hours, is arranged on request.",
            },
        },
        {
            "slug": "gesundheit4punktzukunft",
            "de": {
                "title": "Gesundheit4PunktZukunft – Coaching für Familien in Offenburg",
                "teaser": (
                    "Systemische Coaches begleiten gesundheitlich stark belastete Familien zu "
                    "Hause; eine offene Anlaufstelle mitten in Offenburg bietet Austausch und "
                    "schnelle Beratung."
                ),
                "body": [
                    heading("Gesundheit als Familiensache"),
                    paragraph(
                        "Das Projekt denkt Gesundheit vom ganzen Familiensystem her – nicht nur "
                        "von der Frage, wie jemand schnell in Arbeit kommt. Für ein Jobcenter "
                        "ist das neu, und es könnte zeigen, wie künftig mit stark belasteten "
                        "Familien gearbeitet wird.",
                        "Im Februar 2023 wurde die offene Anlaufstelle eröffnet. Sie ergänzt das "
                        "aufsuchende Coaching: mit offenen Zeiten zum Austausch, "
                        "Beratungszeiten und Gruppenangeboten, aus denen eine Gemeinschaft "
                        "wachsen soll.",
                    ),
                ],
                "age_from_months": 0,
                "age_to_months": None,
            },
            "district": "ortenaukreis",
            "topics": ["gesundheit", "beratung", "arbeit-und-ausbildung"],
            "groups": ["familien-in-belastenden-lebenslagen"],
            "languages": ["de"],
            "places": ["Offene Anlaufstelle Gesundheit4PunktZukunft"],
            "contact": "Marcel Wenk",
            "fundings": [
                (
                    "Bundesministerium für Arbeit und Soziales",
                    {"amount": Decimal("4100000"), "period_note": "fünf Jahre"},
                    {"period_note": "five years"},
                )
            ],
            "partners": [
                (
                    "Landratsamt Ortenaukreis",
                    "Dezernat für Bildung, Jugend, Soziales und Arbeitsförderung",
                    "department of education, youth, social affairs and employment",
                ),
                ("Jobcenter Ortenau", "Projektkontext", "project setting"),
            ],
            "figures": [
                (
                    "rund 30",
                    "Familien im Coaching (Februar 2023)",
                    "about 30",
                    "families in coaching (February 2023)",
                ),
                (
                    "4,1 Mio. €",
                    "Förderung über fünf Jahre",
                    "€4.1 million",
                    "funding over five years",
                ),
            ],
            "sub_projects": [],
            "en": {
                "title": "Gesundheit4PunktZukunft – coaching for families in Offenburg",
                "slug": "gesundheit4punktzukunft",
                "teaser": (
                    "Systemic coaches support families under heavy health strain at home; an "
                    "open drop-in centre in the heart of Offenburg offers exchange and quick "
                    "advice."
                ),
                "body": [
                    heading("Health as a family matter"),
                    paragraph(
                        "The project looks at health through the whole family system – not only "
                        "at how quickly someone finds work. For a jobcentre this is new, and it "
                        "could show how to work with families under heavy strain in future.",
                        "The open drop-in centre opened in February 2023. It complements the "
                        "home coaching with open hours for exchange, advice hours and group "
                        "activities from which a community is meant to grow.",
                    ),
                ],
            },
        },
        {
            "slug": "interprofessionelle-qualitaetszirkel",
            "de": {
                "title": "Interprofessionelle Qualitätszirkel Frühe Hilfen",
                "teaser": (
                    "Ärztinnen, Psychotherapeuten, Praxisteams und Fachkräfte der Kinder- und "
                    "Jugendhilfe lernen an Fallbeispielen voneinander – seit zehn Jahren in "
                    "Baden-Württemberg."
                ),
                "body": [
                    heading("Miteinander reden, voneinander lernen"),
                    paragraph(
                        "Die Qualitätszirkel bringen Gesundheitswesen und Kinder- und "
                        "Jugendhilfe an einen Tisch. Wer die Arbeit der anderen kennt, kann "
                        "Familien in schwierigen Lagen gezielter unterstützen.",
                        "Das Nationale Zentrum Frühe Hilfen und die Kassenärztliche Vereinigung "
                        "Baden-Württemberg haben den ersten Zirkel eingerichtet; inzwischen gibt "
                        "es das Format auch in anderen Bundesländern. Eine Vereinbarung von "
                        "Kassenärztlicher Vereinigung, Krankenkassen und kommunalen "
                        "Spitzenverbänden unterstützt die Zusammenarbeit.",
                    ),
                ],
                "is_free": False,
                "legal_basis": "KKG (Gesetz zur Kooperation und Information im Kinderschutz)",
            },
            "district": "baden-wuerttemberg",
            "topics": ["zusammenarbeit"],
            "groups": ["fachkraefte"],
            "languages": ["de"],
            "places": [],
            "contact": None,
            "fundings": [],
            "partners": [
                ("Nationales Zentrum Frühe Hilfen (NZFH)", "Initiator", "initiator"),
                (
                    "Kassenärztliche Vereinigung Baden-Württemberg (KVBW)",
                    "Initiator, Organisation der Zirkel",
                    "initiator, organises the circles",
                ),
            ],
            "figures": [
                (
                    "10 Jahre",
                    "Qualitätszirkel in Baden-Württemberg (2020)",
                    "10 years",
                    "of quality circles in Baden-Württemberg (2020)",
                ),
            ],
            "sub_projects": [],
            "en": {
                "title": "Interprofessional quality circles on early help",
                "slug": "interprofessional-quality-circles",
                "teaser": (
                    "Doctors, psychotherapists, practice teams and youth-services professionals "
                    "learn from each other through case studies – for ten years now in "
                    "Baden-Württemberg."
                ),
                "body": [
                    heading("Talk to each other, learn from each other"),
                    paragraph(
                        "The quality circles bring health care and youth services to one table. "
                        "Knowing how the others work makes it easier to support families in "
                        "difficult situations.",
                        "The National Centre for Early Help and the Association of Statutory "
                        "Health Insurance Physicians in Baden-Württemberg set up the first "
                        "circle; the format now exists in other states too.",
                    ),
                ],
                "legal_basis": "KKG (Act on Cooperation and Information in Child Protection)",
            },
        },
    ]


def load(demo):
    home = demo.home
    index = demo.page(
        home,
        ProgrammeIndexPage,
        slug=INDEX["de"]["slug"],
        show_in_menus=True,
        **{k: v for k, v in INDEX["de"].items() if k != "slug"},
    )
    for language, fields in INDEX.items():
        if language != "de":
            demo.translate(index, language, **fields)

    for spec in programmes():
        image = demo.image(
            f"{spec['de']['title']} (Illustration)",
            description="Abstrakte, sich überlagernde Kreise in hellen Farben",
            credit="Illustration: Frühe Hilfen Portal",
        )
        page = demo.page(
            index,
            ProgrammePage,
            slug=spec["slug"],
            image=image,
            district=District.objects.get(slug=spec["district"]),
            contact=(
                ContactPerson.objects.get(name=spec["contact"], locale=demo.locales["de"])
                if spec["contact"]
                else None
            ),
            topics=list(Topic.objects.filter(slug__in=spec["topics"], locale=demo.locales["de"])),
            target_groups=list(
                TargetGroup.objects.filter(slug__in=spec["groups"], locale=demo.locales["de"])
            ),
            places=list(Place.objects.filter(name__in=spec["places"], locale=demo.locales["de"])),
            languages=[ProgrammeLanguage(code=code) for code in spec["languages"]],
            fundings=[
                ProgrammeFunding(funder=Funder.objects.get(name=name), **fields)
                for name, fields, _english in spec["fundings"]
            ],
            partners=[
                ProgrammePartner(organisation=Organisation.objects.get(name=name), role=role)
                for name, role, _english in spec["partners"]
            ],
            figures=[
                ProgrammeFigure(value=value, label=label)
                for value, label, _en_value, _en_label in spec["figures"]
            ],
            sub_projects=[
                SubProject(title=title, summary=summary)
                for title, summary, _en_title, _en_summary in spec["sub_projects"]
            ],
            status=ProgrammePage.Status.RUNNING,
            **spec["de"],
        )
        demo.translate(
            page,
            "en",
            children={
                "fundings": [english for _name, _fields, english in spec["fundings"]],
                "partners": [{"role": english} for _name, _role, english in spec["partners"]],
                "figures": [
                    {"value": value, "label": label} for _v, _l, value, label in spec["figures"]
                ],
                "sub_projects": [
                    {"title": title, "summary": summary}
                    for _t, _s, title, summary in spec["sub_projects"]
                ],
            },
            **spec["en"],
        )
        for language, content in BY_LANGUAGE.items():
            if spec["slug"] in content.PROGRAMMES:
                words = programme_words(content.PROGRAMMES[spec["slug"]])
                demo.translate(page, language, **{**words, "body": blocks(words["body"])})

    # One programme in Leichte Sprache (easy-to-read German), translated like a language.
    kassel = index.get_children().filter(slug=KASSEL_LEICHTE_SPRACHE["source"]).first()
    if kassel is not None:
        fields = {k: v for k, v in KASSEL_LEICHTE_SPRACHE.items() if k != "source"}
        demo.translation(kassel.specific, "de-x-ls", **fields)


def ls_paragraph(*sentences):
    """Leichte Sprache: each statement on a line of its own."""
    return ("paragraph", RichText("<p>" + "<br>".join(sentences) + "</p>"))


# The Kassel programme in Leichte Sprache: short sentences with one statement each, active
# voice, no abbreviations, difficult words explained, numbers as digits, long compounds split
# with a hyphen ("Familien-Zentrum"). Facts as in the German text and shared/sources.
KASSEL_LEICHTE_SPRACHE = {
    "source": "alleinerziehende-in-kassel",
    "title": "Hilfe für Allein-Erziehende in Kassel",
    "slug": "allein-erziehende-in-kassel",
    "teaser": (
        "Ein Projekt für Mütter und Väter in Kassel. Sie erziehen ihre Kinder allein. "
        "Im Projekt gibt es einen Kurs. Der Kurs heißt: wir2."
    ),
    "body": [
        heading("Für wen ist das Projekt?"),
        ls_paragraph(
            "Das Projekt ist für Allein-Erziehende.",
            "Allein-Erziehende sind Mütter oder Väter.",
            "Sie kümmern sich allein um ihre Kinder.",
        ),
        ls_paragraph(
            "In Kassel gibt es viele Allein-Erziehende.",
            "Fast 1 von 4 Familien mit Kindern hat nur 1 Eltern-Teil.",
            "Ungefähr 4 von 10 Allein-Erziehenden bekommen Unterstützung vom Job-Center.",
            "Das Job-Center ist ein Amt.",
            "Das Job-Center hilft Menschen ohne Arbeit.",
            "Das alles kostet viel Kraft.",
            "Das kann krank machen.",
        ),
        heading("Der Kurs wir2"),
        ls_paragraph(
            "wir2 ist ein Kurs für Allein-Erziehende.",
            "Der Kurs hat 20 Treffen.",
            "Die Kinder gehen in den Kinder-Garten oder in die Grund-Schule.",
            "Der Kurs soll die Mütter und Väter stärken.",
            "Die Mütter und Väter sollen weniger Sorgen haben.",
            "Und die Beziehung zum Kind soll besser werden.",
        ),
        ls_paragraph(
            "Den Kurs gibt es in 2 Familien-Zentren.",
            "Ein Familien-Zentrum ist ein Treff-Punkt für Familien im Stadt-Teil.",
            "Das eine Familien-Zentrum ist in Wehlheiden.",
            "Das andere Familien-Zentrum ist in Rothenditmold.",
        ),
        heading("Wer macht mit?"),
        ls_paragraph(
            "Die Stadt Kassel leitet das Projekt.",
            "Genauer: Das Frauen-Büro der Stadt Kassel leitet das Projekt.",
            "Die Kranken-Kassen in Hessen bezahlen das Projekt.",
            "Das Job-Center macht auch mit.",
            "Das Job-Center hilft bei der Suche nach Arbeit oder Ausbildung.",
        ),
        heading("Wie geht es weiter?"),
        ls_paragraph(
            "Das Projekt ist ein Versuch.",
            "Vielleicht klappt der Versuch gut.",
            "Dann gibt es den Kurs wir2 noch einmal.",
            "Und dann gibt es den Kurs auch in 2 weiteren Familien-Zentren.",
        ),
    ],
    "legal_basis": (
        "Paragraf 20a im Sozial-Gesetz-Buch 5. Das Gesetz heißt: Präventions-Gesetz. "
        "Prävention bedeutet: vorbeugen."
    ),
    "childcare_note": (
        "Sie brauchen Betreuung für Ihr Kind? Auch früh am Morgen oder am Abend? "
        "Dann sagen Sie es uns. Das Projekt organisiert die Betreuung."
    ),
    "children": {
        "fundings": [{"period_note": "Versuchs-Zeit"}],
        "partners": [
            {"role": "leitet das Projekt"},
            {"role": "arbeitet für die Kranken-Kassen mit"},
            {"role": "macht den Kurs wir2 in Wehlheiden"},
            {"role": "macht den Kurs wir2 in Rothenditmold"},
            {"role": "liefert das Wissen für den Kurs wir2"},
            {"role": "Programm wir2"},
            {"role": "macht den Teil 3 vom Projekt"},
        ],
        "figures": [
            {"value": "fast 1 von 4", "label": "Familien mit Kindern in Kassel: 1 Eltern-Teil"},
            {
                "value": "ungefähr 4 von 10",
                "label": "Allein-Erziehenden bekommen Geld vom Job-Center",
            },
            {"value": "20", "label": "Treffen hat der Kurs wir2"},
        ],
        "sub_projects": [
            {
                "title": "Teil 1: Ein Netzwerk für Allein-Erziehende",
                "summary": (
                    "Viele Stellen arbeiten zusammen. Zum Beispiel: Familien-Zentren, das "
                    "Gesundheits-Amt und das Job-Center. Sie schauen gemeinsam: Welche Hilfe "
                    "fehlt noch? Dann planen sie neue Angebote."
                ),
            },
            {
                "title": "Teil 2: Der Kurs wir2",
                "summary": (
                    "wir2 ist ein Kurs für Allein-Erziehende. Der Kurs hat 20 Treffen. Der Kurs "
                    "soll die Mütter und Väter stärken. Und er soll die Beziehung zum Kind "
                    "stärken."
                ),
            },
            {
                "title": "Teil 3: Hilfe bei Arbeit und Ausbildung",
                "summary": (
                    "Das Job-Center hilft bei der Suche nach Arbeit oder Ausbildung. Es hilft "
                    "auch bei anderen Dingen. Zum Beispiel: Betreuung für das Kind früh am "
                    "Morgen oder am Abend."
                ),
            },
        ],
    },
}
