"""Demo content of the site frame: home pages in every language, about, the legal pages and
the organisation's settings. Facts come from the public texts in ``shared/sources``; the
wording is the portal's own."""

from datetime import date

from wagtail.rich_text import RichText

from core.models import OrganisationSettings
from home.models import (
    AccessibilityStatementPage,
    ContentPage,
    FormField,
    FormPage,
    HomePage,
    SignLanguagePage,
)


def paragraph(*paragraphs):
    return ("paragraph", RichText("".join(f"<p>{text}</p>" for text in paragraphs)))


def heading(text, level="h2"):
    return ("heading", {"text": text, "level": level})


HOME = {
    "de": {
        "title": "Startseite",
        "hero_heading": "Gut begleitet von Anfang an",
        "hero_text": (
            "Beratung, Kurse und offene Treffpunkte für Familien mit Kindern bis drei Jahre – "
            "in Ihrer Nähe und in Ihrer Sprache."
        ),
        "hero_link_text": "Mehr über uns",
        "introduction": RichText(
            "<p>Frühe Hilfen verbinden die Kinder- und Jugendhilfe mit dem Gesundheitswesen. "
            "Auf diesem Portal stellen Netzwerke ihre Angebote vor: Lotsinnen und Lotsen in "
            "Kinderarztpraxen in Berlin Steglitz-Zehlendorf, das Bindungstraining "
            "„wir2“ für Alleinerziehende in zwei Kasseler Familienzentren und eine offene "
            "Anlaufstelle mitten in Offenburg.</p>"
        ),
    },
    "en": {
        "title": "Home",
        "hero_heading": "Good support from the very start",
        "hero_text": (
            "Advice, courses and open meeting places for families with children up to the age "
            "of three – close to you and in your language."
        ),
        "hero_link_text": "More about us",
        "introduction": RichText(
            "<p>Early help (Frühe Hilfen) links youth services with health care. On this portal "
            "local networks present what they offer: family guides in paediatric practices in "
            "Berlin Steglitz-Zehlendorf, the attachment training “wir2” for single parents in "
            "two family centres in Kassel, and an open drop-in centre in the heart of "
            "Offenburg.</p>"
        ),
    },
    "tr": {
        "title": "Ana sayfa",
        "hero_heading": "En başından itibaren yanınızdayız",
        "hero_text": (
            "Üç yaşına kadar çocuğu olan aileler için danışmanlık, kurslar ve açık buluşma "
            "yerleri – size yakın ve kendi dilinizde."
        ),
        "hero_link_text": "Hakkımızda",
        "introduction": RichText(
            "<p>Erken Yardımlar (Frühe Hilfen), çocuk ve gençlik hizmetlerini sağlık "
            "hizmetleriyle bir araya getirir. Bu portalda yerel ağlar tekliflerini tanıtıyor: "
            "Berlin Steglitz-Zehlendorf'taki çocuk doktoru muayenehanelerinde aile "
            "rehberleri, Kassel'de iki aile merkezinde tek ebeveynler için “wir2” bağlanma "
            "eğitimi ve Offenburg'un merkezinde açık bir danışma noktası.</p>"
        ),
    },
    "ar": {
        "title": "الصفحة الرئيسية",
        "hero_heading": "مرافقة جيدة منذ البداية",
        "hero_text": (
            "استشارات ودورات ولقاءات مفتوحة للعائلات التي لديها أطفال حتى سن الثالثة – "
            "بالقرب منكم وبلغتكم."
        ),
        "hero_link_text": "تعرّفوا علينا",
        "introduction": RichText(
            "<p>تربط المساعدات المبكرة (Frühe Hilfen) بين خدمات رعاية الأطفال والشباب "
            "والرعاية الصحية. تعرض الشبكات المحلية عروضها على هذه البوابة: مرشدات ومرشدون "
            "للعائلات في عيادات أطباء الأطفال في برلين شتيغليتس-تسيلندورف، وبرنامج "
            "«wir2» لتقوية الارتباط للآباء والأمهات الذين يربّون أطفالهم وحدهم في مركزين "
            "للعائلات في كاسل، ومركز استقبال مفتوح في قلب أوفنبورغ.</p>"
        ),
    },
    "uk": {
        "title": "Головна",
        "hero_heading": "Надійний супровід від самого початку",
        "hero_text": (
            "Консультації, курси та відкриті зустрічі для сімей з дітьми до трьох років – "
            "поруч із вами та вашою мовою."
        ),
        "hero_link_text": "Більше про нас",
        "introduction": RichText(
            "<p>Рання допомога (Frühe Hilfen) поєднує службу у справах дітей і молоді з "
            "охороною здоров'я. На цьому порталі місцеві мережі представляють свої "
            "пропозиції: сімейні провідники в дитячих лікарських практиках у берлінському "
            "районі Штегліц-Целендорф, тренінг прив'язаності «wir2» для батьків-одинаків у "
            "двох сімейних центрах Касселя та відкритий пункт підтримки в центрі "
            "Оффенбурга.</p>"
        ),
    },
    # Leichte Sprache: one statement per sentence, active voice, no abbreviations, difficult
    # words explained, numbers as digits, long compounds split with a hyphen.
    "de-x-ls": {
        "title": "Start-Seite",
        "hero_heading": "Hilfe für Familien von Anfang an",
        "hero_text": (
            "Sie bekommen bald ein Baby? Oder Sie haben ein kleines Kind? "
            "Hier finden Sie Hilfe in Ihrer Nähe."
        ),
        "hero_link_text": "Mehr über uns",
        "introduction": RichText(
            "<p>Auf dieser Internet-Seite finden Sie Hilfe für Familien.</p>"
            "<p>Die Hilfe ist für Familien mit kleinen Kindern. "
            "Die Kinder sind 0 bis 3 Jahre alt. "
            "Die Hilfe ist auch für werdende Eltern. "
            "Werdende Eltern bekommen bald ein Baby.</p>"
            "<p>Die Hilfe heißt: <strong>Frühe Hilfen</strong>. "
            "Früh bedeutet hier: Die Hilfe kommt schon am Anfang. "
            "Dann sind die Sorgen noch klein.</p>"
            "<p>Bei den Frühen Hilfen arbeiten viele Menschen zusammen. Zum Beispiel:</p>"
            "<ul><li>Kinder-Ärztinnen und Kinder-Ärzte</li>"
            "<li>die Kinder- und Jugend-Hilfe</li>"
            "<li>Familien-Zentren</li></ul>"
            "<p>Die Hilfe ist freiwillig. Das bedeutet: Sie entscheiden selbst. "
            "Die meisten Angebote kosten kein Geld.</p>"
            "<p>Auf dieser Internet-Seite stellen Netzwerke ihre Angebote vor. "
            "Ein Netzwerk ist eine Gruppe. "
            "In der Gruppe arbeiten verschiedene Stellen zusammen. Zum Beispiel:</p>"
            "<ul>"
            "<li>In Berlin gibt es Lotsinnen und Lotsen. "
            "Die Lotsinnen und Lotsen arbeiten in Praxen von Kinder-Ärzten. "
            "Sie sprechen mit den Eltern. "
            "Sie zeigen den Eltern den Weg zur passenden Hilfe.</li>"
            "<li>In Kassel gibt es einen Kurs für Allein-Erziehende. "
            "Allein-Erziehende sind Mütter oder Väter. "
            "Sie kümmern sich allein um ihre Kinder. "
            "Der Kurs heißt: wir2.</li>"
            "<li>In Offenburg gibt es einen offenen Treff-Punkt. "
            "Dort treffen sich Familien. "
            "Und dort bekommen Familien Beratung.</li>"
            "</ul>"
        ),
    },
}

ABOUT = {
    "de": {
        "title": "Über uns",
        "slug": "ueber-uns",
        "introduction": (
            "Wir machen Angebote der Frühen Hilfen auffindbar: für Familien, die Unterstützung "
            "suchen, und für Fachkräfte, die zusammenarbeiten wollen."
        ),
        "body": [
            heading("Was Frühe Hilfen sind"),
            paragraph(
                "Frühe Hilfen sind freiwillige, kostenlose Angebote für werdende Eltern und "
                "Familien mit Kindern bis etwa drei Jahre. Sie setzen früh an, bevor aus "
                "Sorgen Krisen werden, und sie kommen dorthin, wo Familien ohnehin sind: in "
                "die Kinderarztpraxis, ins Familienzentrum, nach Hause.",
                "Den gesetzlichen Rahmen bildet das Gesetz zur Kooperation und Information im "
                "Kinderschutz (KKG). Die Bundesstiftung Frühe Hilfen unterstützt Bund, Länder "
                "und Kommunen beim Auf- und Ausbau der Netzwerke mit 51 Millionen Euro; "
                "allein in Hessen arbeiten 33 Netzwerke Frühe Hilfen.",
            ),
            heading("Wer hier veröffentlicht"),
            paragraph(
                "Netzwerkkoordinationen, Familienzentren, Krankenkassen, Kinderarztpraxen und "
                "Jugendämter stellen hier ihre Programme, Kurse und Fachtagungen vor. Jede "
                "Seite nennt, wer ein Angebot trägt, wer es fördert und wie Sie Kontakt "
                "aufnehmen.",
            ),
            heading("In Ihrer Sprache"),
            paragraph(
                "Viele Familien lesen lieber auf Englisch, Türkisch, Arabisch oder "
                "Ukrainisch. Wo eine Übersetzung fertig ist, wechseln Sie oben über das "
                "Sprachmenü. Fehlt eine Sprache, ist die Seite noch nicht übersetzt – die "
                "Redaktion arbeitet daran.",
            ),
        ],
    },
    "en": {
        "title": "About us",
        "slug": "about-us",
        "introduction": (
            "We make early-help offers easy to find: for families looking for support and for "
            "professionals who want to work together."
        ),
        "body": [
            heading("What early help is"),
            paragraph(
                "Early help (Frühe Hilfen) means voluntary, free support for parents-to-be and "
                "families with children up to about three years old. It starts early, before "
                "worries turn into crises, and it comes to where families already are: the "
                "paediatric practice, the family centre, their own home.",
                "Its legal basis is the German Act on Cooperation and Information in Child "
                "Protection (KKG). The federal Frühe Hilfen foundation supports the federal "
                "government, the states and local authorities with 51 million euros; "
                "the state of Hesse alone has 33 early-help networks.",
            ),
            heading("Who publishes here"),
            paragraph(
                "Network coordinators, family centres, health insurers, paediatric practices "
                "and youth welfare offices present their programmes, courses and conferences "
                "here. Every page says who runs an offer, who funds it and how to get in "
                "touch.",
            ),
            heading("In your language"),
            paragraph(
                "Many families prefer to read in English, Turkish, Arabic or Ukrainian. Where a "
                "translation is ready, switch to it with the language menu at the top. If a "
                "language is missing, the page has not been translated yet – the editors are "
                "working on it.",
            ),
        ],
    },
    "tr": {
        "title": "Hakkımızda",
        "slug": "hakkimizda",
        "introduction": (
            "Erken Yardımlar tekliflerini kolayca bulunur hâle getiriyoruz: destek arayan "
            "aileler ve birlikte çalışmak isteyen uzmanlar için."
        ),
        "body": [
            heading("Erken Yardımlar nedir?"),
            paragraph(
                "Erken Yardımlar, anne-baba adayları ve yaklaşık üç yaşına kadar çocuğu olan "
                "aileler için gönüllü ve ücretsiz desteklerdir. Kaygılar krize dönüşmeden "
                "erken başlar ve ailelerin zaten gittiği yerlere gelir: çocuk doktoruna, aile "
                "merkezine, eve.",
            ),
            heading("Kendi dilinizde"),
            paragraph(
                "Bir çeviri hazır olduğunda, üstteki dil menüsünden o dile geçebilirsiniz. Bir "
                "dil eksikse, sayfa henüz çevrilmemiştir.",
            ),
        ],
    },
    "ar": {
        "title": "من نحن",
        "slug": "man-nahnu",
        "introduction": (
            "نجعل عروض المساعدات المبكرة سهلة الوصول: للعائلات التي تبحث عن الدعم، "
            "وللمختصين الذين يريدون العمل معًا."
        ),
        "body": [
            heading("ما هي المساعدات المبكرة؟"),
            paragraph(
                "المساعدات المبكرة عروض طوعية ومجانية للآباء والأمهات المنتظرين وللعائلات "
                "التي لديها أطفال حتى سن الثالثة تقريبًا. تبدأ مبكرًا، قبل أن تتحول المخاوف "
                "إلى أزمات، وتصل إلى حيث توجد العائلات أصلًا: عيادة طبيب الأطفال، ومركز "
                "العائلات، والبيت.",
            ),
            heading("بلغتكم"),
            paragraph(
                "عندما تكون الترجمة جاهزة، يمكنكم الانتقال إليها من قائمة اللغات في الأعلى. "
                "وإذا كانت لغة ما غير موجودة، فهذا يعني أن الصفحة لم تُترجم بعد.",
            ),
        ],
    },
    "uk": {
        "title": "Про нас",
        "slug": "pro-nas",
        "introduction": (
            "Ми допомагаємо знайти пропозиції ранньої допомоги: сім'ям, які шукають "
            "підтримки, і фахівцям, які хочуть співпрацювати."
        ),
        "body": [
            heading("Що таке рання допомога?"),
            paragraph(
                "Рання допомога – це добровільна й безкоштовна підтримка для майбутніх батьків "
                "і сімей з дітьми приблизно до трьох років. Вона починається рано, ще до того, "
                "як турботи переростуть у кризу, і приходить туди, де сім'ї і так бувають: до "
                "педіатра, до сімейного центру, додому.",
            ),
            heading("Вашою мовою"),
            paragraph(
                "Коли переклад готовий, ви можете перейти на нього через меню мов угорі. Якщо "
                "мови немає в меню, сторінку ще не перекладено.",
            ),
        ],
    },
}

LEGAL = {
    "imprint": {
        "de": {
            "title": "Impressum",
            "slug": "impressum",
            "introduction": "Angaben gemäß § 5 Digitale-Dienste-Gesetz (DDG).",
            "body": [
                heading("Anbieter"),
                paragraph(
                    "Frühe Hilfen Portal (Demo)<br>Musterstraße 1<br>10115 Berlin",
                    "Dies ist ein Demonstrationsangebot. Name und Anschrift sind Platzhalter, "
                    "die vor dem Betrieb durch die Angaben des Trägers ersetzt werden.",
                ),
                heading("Kontakt"),
                paragraph(
                    'E-Mail: <a href="mailto:kontakt@fruehe-hilfen.example">'
                    "kontakt@fruehe-hilfen.example</a>"
                ),
            ],
        },
        "en": {
            "title": "Imprint",
            "slug": "imprint",
            "introduction": "Legal notice under section 5 of the German Digital Services Act.",
            "body": [
                heading("Provider"),
                paragraph(
                    "Frühe Hilfen Portal (Demo)<br>Musterstraße 1<br>10115 Berlin, Germany",
                    "This is a demonstration site. Name and address are placeholders that the "
                    "operator replaces with its own details before going live.",
                ),
            ],
        },
    },
    "privacy": {
        "de": {
            "title": "Datenschutz",
            "slug": "datenschutz",
            "introduction": "Wie dieses Portal mit Ihren Daten umgeht.",
            "body": [
                heading("Keine Verfolgung beim Lesen"),
                paragraph(
                    "Wer das Portal nur liest, wird nicht verfolgt: Es gibt keine Analyse- "
                    "oder Werbedienste und keine Inhalte von Drittanbietern, die beim "
                    "Seitenaufruf geladen werden. Der Server speichert technische Protokolle "
                    "(Zeit, aufgerufene Adresse, gekürzte IP-Adresse) sieben Tage lang, um "
                    "Fehler und Angriffe zu erkennen."
                ),
                heading("Anmeldungen"),
                paragraph(
                    "Wenn Sie sich zu einem Kurs oder einer Fachtagung anmelden, speichern wir "
                    "nur die Angaben des Formulars, und nur so lange, wie die Veranstaltung es "
                    "erfordert. Sie erhalten eine Bestätigung per E-Mail und können die "
                    "Anmeldung jederzeit zurückziehen."
                ),
            ],
        },
        "en": {
            "title": "Privacy",
            "slug": "privacy",
            "introduction": "How this portal handles your data.",
            "body": [
                heading("No tracking while you read"),
                paragraph(
                    "Reading the portal is not tracked: there are no analytics or advertising "
                    "services and no third-party content loaded with a page. The server keeps "
                    "technical logs (time, address requested, shortened IP address) for seven "
                    "days to detect errors and attacks."
                ),
                heading("Registrations"),
                paragraph(
                    "When you register for a course or a conference, we store only what the "
                    "form asks for, and only as long as the event requires. You receive a "
                    "confirmation by e-mail and can withdraw at any time."
                ),
            ],
        },
    },
}


ACCESSIBILITY = {
    "de": {
        "title": "Erklärung zur Barrierefreiheit",
        "slug": "barrierefreiheit",
        "introduction": (
            "Wir wollen, dass alle Menschen dieses Portal nutzen können, und richten uns nach "
            "der Barrierefreie-Informationstechnik-Verordnung (BITV 2.0). Diese Erklärung gilt "
            "für alle Seiten des Portals in allen Sprachen."
        ),
        "non_accessible_content": RichText(
            "<p>Seiten lassen sich vollständig mit der Tastatur bedienen, bis 200 % vergrößern "
            "und auf einem 320 Pixel breiten Bildschirm lesen. Arabische Seiten werden von "
            "rechts nach links dargestellt. Noch nicht barrierefrei sind:</p>"
            "<ul><li>Videos in Deutscher Gebärdensprache: Sie sind in Vorbereitung.</li>"
            "<li>Leichte Sprache: Bisher gibt es die Startseite und ein Angebot in Leichter "
            "Sprache, noch nicht alle Seiten.</li>"
            "<li>Übersetzungen: Nicht jede Seite ist schon in alle Sprachen des Portals "
            "übersetzt; sie erscheint dann auf Deutsch.</li></ul>"
        ),
        "alternatives": RichText(
            "<p>Sie brauchen eine Information in einer anderen Form? Schreiben Sie uns oder "
            "rufen Sie uns an. Wir schicken Ihnen die Information per E-Mail oder erklären sie "
            "Ihnen am Telefon.</p>"
        ),
        "method_note": (
            "Jede Seite wird bei jeder Änderung automatisch gegen die WCAG 2.1, Stufe AA, "
            "geprüft; dazu kommen Tests mit der Tastatur allein."
        ),
        "feedback_note": RichText(
            "<p>Ist Ihnen eine Barriere aufgefallen? Melden Sie sie uns mit dem Formular oder "
            "per E-Mail. Wir antworten innerhalb von sechs Wochen.</p>"
        ),
    },
    "en": {
        "title": "Accessibility statement",
        "slug": "accessibility",
        "introduction": (
            "We want everyone to be able to use this portal and follow the German accessibility "
            "regulation BITV 2.0. This statement covers every page of the portal in every "
            "language."
        ),
        "non_accessible_content": RichText(
            "<p>Every page works with the keyboard alone, can be zoomed to 200 % and read on a "
            "screen 320 pixels wide. Arabic pages run right to left. Not yet accessible are:</p>"
            "<ul><li>Videos in German Sign Language: they are in preparation.</li>"
            "<li>Easy-to-read German (Leichte Sprache): so far the home page and one programme, "
            "not yet every page.</li>"
            "<li>Translations: not every page has been translated into every language of the "
            "portal yet; such pages appear in German.</li></ul>"
        ),
        "alternatives": RichText(
            "<p>Do you need information in another form? Write to us or call us. We will send "
            "it to you by e-mail or explain it on the phone.</p>"
        ),
        "method_note": (
            "Every page is checked automatically against WCAG 2.1, level AA, with every "
            "change, and tested with the keyboard alone."
        ),
        "feedback_note": RichText(
            "<p>Have you found a barrier? Tell us with the form or by e-mail. We reply within "
            "six weeks.</p>"
        ),
    },
    "ar": {
        "title": "بيان إمكانية الوصول",
        "slug": "imkaniyat-al-wusul",
        "introduction": (
            "نريد أن يتمكن الجميع من استخدام هذه البوابة، ونلتزم باللائحة الألمانية لتقنية "
            "المعلومات الخالية من العوائق (BITV 2.0). يسري هذا البيان على جميع صفحات البوابة "
            "بجميع اللغات."
        ),
        "non_accessible_content": RichText(
            "<p>يمكن استخدام جميع الصفحات بلوحة المفاتيح وحدها، وتكبيرها حتى 200 %، وقراءتها "
            "على شاشة بعرض 320 بكسل. تُعرض الصفحات العربية من اليمين إلى اليسار. أما ما لم "
            "يصبح خاليًا من العوائق بعد فهو:</p>"
            "<ul><li>مقاطع الفيديو بلغة الإشارة الألمانية: قيد الإعداد.</li>"
            "<li>اللغة الألمانية المبسّطة (Leichte Sprache): تتوفر حتى الآن الصفحة الرئيسية "
            "وعرض واحد، وليس كل الصفحات.</li>"
            "<li>الترجمات: لم تُترجم كل الصفحات بعد إلى جميع لغات البوابة، وتظهر عندها "
            "باللغة الألمانية.</li></ul>"
        ),
        "alternatives": RichText(
            "<p>هل تحتاجون إلى معلومة بشكل آخر؟ اكتبوا لنا أو اتصلوا بنا. سنرسلها إليكم "
            "بالبريد الإلكتروني أو نشرحها لكم عبر الهاتف.</p>"
        ),
        "method_note": (
            "تُفحص كل صفحة تلقائيًا عند كل تغيير وفق WCAG 2.1 بالمستوى AA، وتُختبر باستخدام "
            "لوحة المفاتيح وحدها."
        ),
        "feedback_note": RichText(
            "<p>هل لاحظتم عائقًا؟ أخبرونا عبر النموذج أو بالبريد الإلكتروني. نرد خلال ستة "
            "أسابيع.</p>"
        ),
    },
}

SIGN_LANGUAGE = {
    "title": "Deutsche Gebärdensprache (DGS)",
    "slug": "gebaerdensprache",
    "introduction": RichText(
        "<p>Hier finden Sie bald Videos in Deutscher Gebärdensprache. Sie erklären, was Frühe "
        "Hilfen sind und wie Sie Angebote in Ihrer Nähe finden. Zu jedem Video gibt es den "
        "Text zum Nachlesen und eine Datei zum Herunterladen.</p>"
        "<p>Die Videos sind in Vorbereitung. Bis dahin finden Sie das Wichtigste in <a "
        'href="/de-x-ls/" hreflang="de-x-ls">Leichter Sprache</a>.</p>'
    ),
}


def load(demo):
    hero_image = demo.image(
        "Familie im Familienzentrum (Illustration)",
        description="Bunte, sich überlagernde Kreise in Grün- und Blautönen",
        credit="Illustration: Frühe Hilfen Portal",
    )

    root = demo.page_root()
    demo.make_room_for(root, "home")
    home = demo.page(root, HomePage, slug="home", hero_image=hero_image, **HOME["de"])
    demo.site_root(home)
    demo.home = home

    about = demo.page(
        home,
        ContentPage,
        slug=ABOUT["de"]["slug"],
        show_in_menus=True,
        **_without_slug(ABOUT["de"]),
    )
    if demo.is_new(home):
        home.hero_link_page = about
        home.save_revision().publish()

    legal = {
        key: demo.page(home, ContentPage, slug=texts["de"]["slug"], **_without_slug(texts["de"]))
        for key, texts in LEGAL.items()
    }

    for language, fields in HOME.items():
        if language != "de":
            demo.translate(home, language, **fields)
    for language, fields in ABOUT.items():
        # The shorter Turkish, Arabic and Ukrainian "about" pages were written freely, not
        # sentence by sentence: they stay outside wagtail-localize (the report says so).
        if language == "en":
            demo.translate(about, language, **fields)
        elif language != "de":
            demo.translation(about, language, **fields)
    for key, texts in LEGAL.items():
        for language, fields in texts.items():
            if language != "de":
                # The English imprint is shorter than the German one (no German contact
                # block): written freely, outside wagtail-localize.
                add = demo.translation if key == "imprint" else demo.translate
                add(legal[key], language, **fields)

    statement = demo.page(
        home,
        AccessibilityStatementPage,
        slug=ACCESSIBILITY["de"]["slug"],
        conformance=AccessibilityStatementPage.Conformance.PARTIAL,
        method=AccessibilityStatementPage.Method.SELF,
        prepared_on=date(2026, 11, 2),
        reviewed_on=date(2026, 11, 27),
        **_without_slug(ACCESSIBILITY["de"]),
    )
    for language, fields in ACCESSIBILITY.items():
        if language != "de":
            demo.translate(statement, language, **fields)
    legal["sign_language"] = demo.page(home, SignLanguagePage, **SIGN_LANGUAGE)
    legal["accessibility"] = statement

    organisation = OrganisationSettings.for_site(demo.site)
    if not organisation.name:
        organisation.name = "Frühe Hilfen Portal"
        organisation.street = "Musterstraße 1"
        organisation.postcode = "10115"
        organisation.city = "Berlin"
        organisation.phone = "+49 30 1234 5678"
        organisation.email = "kontakt@fruehe-hilfen.example"
        organisation.imprint_page = legal["imprint"]
        organisation.privacy_page = legal["privacy"]
        organisation.accessibility_page = legal["accessibility"]
        organisation.sign_language_page = legal["sign_language"]
        organisation.save()

    _contact_form(demo, home)


CONTACT_FIELDS = [
    # label (de), label (en), field type, required
    ("Ihr Name", "Your name", "singleline", True),
    ("Ihre E-Mail-Adresse", "Your e-mail address", "email", True),
    ("Ihre Nachricht", "Your message", "multiline", True),
]


def _contact_form(demo, home):
    page = demo.page(
        home,
        FormPage,
        slug="kontakt",
        title="Kontakt",
        intro=RichText(
            "<p>Sie haben eine Frage zu einem Angebot oder möchten selbst eines eintragen? "
            "Schreiben Sie uns. Wir antworten innerhalb von drei Werktagen.</p>"
        ),
        thank_you_text=RichText(
            "<p>Danke für Ihre Nachricht. Wir melden uns innerhalb von drei Werktagen.</p>"
        ),
        to_address="kontakt@fruehe-hilfen.example",
        subject="Nachricht über das Kontaktformular",
        form_fields=[
            FormField(label=label, field_type=kind, required=required)
            for label, _english, kind, required in CONTACT_FIELDS
        ],
    )
    # Outside wagtail-localize: it synchronises a form's fields (they are not translatable
    # models), so the English form would ask in German.
    demo.translation(
        page,
        "en",
        slug="contact",
        title="Contact",
        intro=RichText(
            "<p>A question about an offer, or one of your own to add? Write to us. We answer "
            "within three working days.</p>"
        ),
        thank_you_text=RichText(
            "<p>Thank you for your message. We will answer within three working days.</p>"
        ),
        children={
            "form_fields": [{"label": english} for _label, english, _kind, _req in CONTACT_FIELDS]
        },
    )


def _without_slug(fields):
    return {name: value for name, value in fields.items() if name != "slug"}
