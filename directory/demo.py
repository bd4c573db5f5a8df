"""Shared records of the demo: topics, target groups, districts, organisations, funders,
places and contacts named in the public texts of ``shared/sources``."""

from directory.models import (
    ContactPerson,
    District,
    Funder,
    Organisation,
    Place,
    TargetGroup,
    Topic,
)

# slug: German, English, Turkish, Arabic, Ukrainian
TOPICS = {
    "beratung": ("Beratung", "Advice", "Danışmanlık", "الاستشارة", "Консультації"),
    "eltern-staerken": (
        "Eltern stärken",
        "Parenting skills",
        "Ebeveynliği güçlendirmek",
        "تعزيز مهارات الوالدين",
        "Підтримка батьків",
    ),
    "gesundheit": ("Gesundheit", "Health", "Sağlık", "الصحة", "Здоров'я"),
    "bindung": (
        "Bindung und Beziehung",
        "Attachment and bonding",
        "Bağlanma ve ilişki",
        "الارتباط والعلاقة",
        "Прив'язаність і стосунки",
    ),
    "arbeit-und-ausbildung": (
        "Arbeit und Ausbildung",
        "Work and training",
        "İş ve meslek eğitimi",
        "العمل والتدريب المهني",
        "Робота й професійне навчання",
    ),
    "zusammenarbeit": (
        "Zusammenarbeit von Fachkräften",
        "Cooperation between professionals",
        "Uzmanlar arası işbirliği",
        "التعاون بين المختصين",
        "Співпраця фахівців",
    ),
}

TARGET_GROUPS = {
    "familien-mit-kleinkindern": (
        "Familien mit Babys und Kleinkindern",
        "Families with babies and toddlers",
        "Bebeği ve küçük çocuğu olan aileler",
        "العائلات التي لديها رضّع وأطفال صغار",
        "Сім'ї з немовлятами й малюками",
    ),
    "alleinerziehende": (
        "Alleinerziehende",
        "Single parents",
        "Tek ebeveynler",
        "الآباء والأمهات المنفردون بتربية أطفالهم",
        "Батьки, які самі виховують дітей",
    ),
    "familien-in-belastenden-lebenslagen": (
        "Familien in belastenden Lebenslagen",
        "Families under strain",
        "Zor koşullardaki aileler",
        "العائلات في ظروف حياتية صعبة",
        "Сім'ї у складних життєвих обставинах",
    ),
    "fachkraefte": ("Fachkräfte", "Professionals", "Uzmanlar", "المختصون", "Фахівці"),
}

LANGUAGES = ("de", "en", "tr", "ar", "uk")

DISTRICTS = [
    ("steglitz-zehlendorf", "Berlin Steglitz-Zehlendorf", "Berlin"),
    ("kassel", "Kassel", "Hessen"),
    ("ortenaukreis", "Ortenaukreis", "Baden-Württemberg"),
    ("baden-wuerttemberg", "Baden-Württemberg (landesweit)", "Baden-Württemberg"),
]

K = Organisation.Kind
ORGANISATIONS = [
    ("Bezirksamt Steglitz-Zehlendorf, Organisationseinheit QPK", K.MUNICIPALITY, "Berlin"),
    ("Techniker Krankenkasse", K.HEALTH_INSURER, "Hamburg"),
    ("Stadt Kassel, Frauenbüro", K.MUNICIPALITY, "Kassel"),
    (
        "Verband der Ersatzkassen (vdek), Landesvertretung Hessen",
        K.HEALTH_INSURER,
        "Frankfurt am Main",
    ),
    ("Familienzentrum des AKGG in Wehlheiden", K.FAMILY_CENTRE, "Kassel"),
    ("Familienzentrum des DKBS in Rothenditmold", K.FAMILY_CENTRE, "Kassel"),
    (
        "Institut für Psychosomatische Medizin und Psychotherapie, Universitätsklinikum Düsseldorf",
        K.RESEARCH,
        "Düsseldorf",
    ),
    ("Walter Blüchert Stiftung", K.FOUNDATION, "Gütersloh"),
    ("Jobcenter Stadt Kassel", K.JOBCENTRE, "Kassel"),
    ("Landratsamt Ortenaukreis", K.MUNICIPALITY, "Offenburg"),
    ("Jobcenter Ortenau", K.JOBCENTRE, "Offenburg"),
    ("Bundesministerium für Arbeit und Soziales", K.MINISTRY, "Berlin"),
    ("Nationales Zentrum Frühe Hilfen (NZFH)", K.MINISTRY, "Köln"),
    ("Kassenärztliche Vereinigung Baden-Württemberg (KVBW)", K.ASSOCIATION, "Stuttgart"),
]


def load(demo):
    for slug, names in TOPICS.items():
        topic = demo.record(Topic, {"slug": slug}, name=names[0])
        for language, name in zip(LANGUAGES[1:], names[1:], strict=True):
            demo.record_translation(topic, language, name=name)
    for slug, names in TARGET_GROUPS.items():
        group = demo.record(TargetGroup, {"slug": slug}, name=names[0])
        for language, name in zip(LANGUAGES[1:], names[1:], strict=True):
            demo.record_translation(group, language, name=name)

    districts = {
        slug: demo.record(District, {"slug": slug}, name=name, state=state)
        for slug, name, state in DISTRICTS
    }
    organisations = {
        name: demo.record(Organisation, {"name": name}, kind=kind, city=city)
        for name, kind, city in ORGANISATIONS
    }
    techniker = organisations["Techniker Krankenkasse"]
    if not techniker.website:
        techniker.website = "https://www.tk.de/"
        techniker.save()

    demo.record(Funder, {"name": "Techniker Krankenkasse"}, organisation=techniker)
    demo.record(
        Funder,
        {"name": "Gesetzliche Krankenkassen in Hessen, gemeinsam über den vdek"},
        organisation=organisations["Verband der Ersatzkassen (vdek), Landesvertretung Hessen"],
        funding_programme="Präventionsgesetz, § 20a SGB V",
    )
    demo.record(
        Funder,
        {"name": "Bundesministerium für Arbeit und Soziales"},
        organisation=organisations["Bundesministerium für Arbeit und Soziales"],
        funding_programme="Bundesmodellprogramm „rehapro“",
    )

    wehlheiden = demo.record(
        Place,
        {"name": "Familienzentrum Wehlheiden"},
        city="Kassel",
        district=districts["kassel"],
        accessibility_note="Bitte fragen Sie vorab nach dem Zugang; wir helfen gern.",
    )
    demo.record_translation(
        wehlheiden,
        "en",
        name="Family centre Wehlheiden",
        accessibility_note="Please ask about access beforehand; we are happy to help.",
    )
    rothenditmold = demo.record(
        Place,
        {"name": "Familienzentrum Rothenditmold"},
        city="Kassel",
        district=districts["kassel"],
    )
    demo.record_translation(rothenditmold, "en", name="Family centre Rothenditmold")
    drop_in = demo.record(
        Place,
        {"name": "Offene Anlaufstelle Gesundheit4PunktZukunft"},
        city="Offenburg",
        district=districts["ortenaukreis"],
    )
    demo.record_translation(drop_in, "en", name="Open drop-in centre Gesundheit4PunktZukunft")

    frauenbuero = demo.record(
        ContactPerson,
        {"name": "Frauenbüro der Stadt Kassel"},
        role="Projektleitung",
        organisation=organisations["Stadt Kassel, Frauenbüro"],
        email="frauenbuero@kassel.example",
    )
    demo.record_translation(
        frauenbuero, "en", name="Women's office of the City of Kassel", role="Project lead"
    )
    wenk = demo.record(
        ContactPerson,
        {"name": "Marcel Wenk"},
        role="Projektleiter Gesundheit4PunktZukunft",
    )
    demo.record_translation(wenk, "en", role="Project lead, Gesundheit4PunktZukunft")
