"""Turkish demo content: Kassel and Offenburg programmes, the wir2 course, opening, consent.

Written for the demo, to be reviewed by a native speaker.
"""

PROGRAMMES = {
    "alleinerziehende-in-kassel": {
        "title": "Kassel'de tek ebeveynli aileler için önleme ve destek",
        "teaser": (
            "Çocuklarını tek başına büyüten anneler ve babalar için bir pilot proje: yerel bir "
            "yardım ağı, iki aile merkezinde “wir2” bağlanma eğitimi ve işe ya da mesleki "
            "eğitime giden yolda destek."
        ),
        "body": [
            ("heading", "Neden Kassel?"),
            (
                "paragraph",
                [
                    (
                        "Kassel'de çocuklu hanelerin neredeyse dörtte birinde çocukları bir anne "
                        "ya da bir baba tek başına büyütüyor. Bu ailelerin birçoğu Jobcenter "
                        "(iş ve temel geçim desteği kurumu) desteğiyle geçiniyor. Bu durum "
                        "insanın gücünü ve sağlığını yıpratıyor."
                    ),
                    (
                        "Proje, sağlık sigortası kurumlarının ve belediyenin Önleme Yasası "
                        "(Präventionsgesetz) çerçevesinde nasıl birlikte çalışabileceğini "
                        "deniyor. Semtlerdeki aile merkezleri de böylece sağlığı geliştirme "
                        "çalışmalarının buluşma noktaları hâline geliyor."
                    ),
                ],
            ),
            ("heading", "Bundan sonra ne olacak?"),
            (
                "paragraph",
                [
                    (
                        "Pilot proje başarılı olursa “wir2” grupları iki aile merkezinde yeniden "
                        "düzenlenecek ve iki aile merkezinde daha başlayacak. Projeye; "
                        "ortaklardan, sağlık dairesinden (Gesundheitsamt) ve belediyenin sosyal "
                        "hizmetlerinden (Allgemeiner Sozialer Dienst) oluşan bir yönlendirme "
                        "grubu eşlik ediyor."
                    ),
                ],
            ),
        ],
        "legal_basis": (
            "§ 20a SGB V (Önleme Yasası, Präventionsgesetz), Hessen eyaleti çerçeve anlaşması "
            "(Landesrahmenvereinbarung Hessen)"
        ),
        "childcare_note": "İhtiyaç olursa normal saatlerin dışında da çocuk bakımı ayarlanır.",
        "fundings": [{"period_note": "pilot dönem"}],
        "partners": [
            "projeyi yönetiyor",
            "sağlık sigortası kurumları adına iş birliği",
            "Wehlheiden'de “wir2” eğitimini yürütüyor",
            "Rothenditmold'da “wir2” eğitimini yürütüyor",
            "“wir2” programının bilimsel temeli",
            "“wir2” programı",
            "Alt proje III",
        ],
        "figures": [
            ("%24,3", "Kassel'deki çocuklu hanelerde tek ebeveynli ailelerin payı"),
            ("yaklaşık %40", "bu hanelerden Jobcenter desteğiyle geçinenlerin payı"),
            ("20", "oturumluk bir program: “wir2” bağlanma eğitimi"),
        ],
        "sub_projects": [
            (
                "Alt proje I: Tek ebeveynler için etkili bir yardım ağı",
                (
                    "Aile merkezleri, aile ağları, Frühe Hilfen (erken destek), sağlık dairesi, "
                    "yerel aile ittifakı (Bündnis für Familien), tek ebeveynlerin kendi "
                    "kurdukları gruplar, Jobcenter ve vdek birlikte nelerin eksik olduğunu "
                    "tespit ediyor; buna uygun hizmetler ve bilgiler geliştiriyor."
                ),
            ),
            (
                "Alt proje II: “wir2” – tek ebeveynler için bağlanma eğitimi",
                (
                    "Bağlanma kuramına dayanan, 20 oturumluk bir ebeveyn eğitimi. Okul öncesi "
                    "ya da ilkokul çağında çocuğu olan anneler ve babalar için; Wehlheiden ve "
                    "Rothenditmold'daki aile merkezlerinde yapılıyor. Amacı ruhsal yükü "
                    "hafifletmek ve çocukla olan bağı güçlendirmek."
                ),
            ),
            (
                "Alt proje III: Temel geçim desteği (SGB II) alan ebeveynlere destek ve "
                "danışmanlık",
                (
                    "İşe ya da mesleki eğitime (yeniden) başlamak için denenmiş ve başarılı "
                    "olmuş yöntemler; bunlara ek olarak ihtiyaca göre yardımlar, örneğin normal "
                    "saatlerin dışında çocuk bakımı."
                ),
            ),
        ],
    },
    "gesundheit4punktzukunft": {
        "title": "Gesundheit4PunktZukunft – Offenburg'da aileler için koçluk",
        "teaser": (
            "Sistemik koçlar, sağlık sorunları nedeniyle çok zorlanan ailelere evlerinde eşlik "
            "ediyor. Offenburg'un merkezindeki açık danışma noktası ise sohbet, paylaşım ve "
            "hızlı danışmanlık sunuyor."
        ),
        "body": [
            ("heading", "Sağlık, bütün ailenin meselesi"),
            (
                "paragraph",
                [
                    (
                        "Proje, sağlığı yalnızca birinin ne kadar çabuk iş bulacağı sorusuyla "
                        "değil, bütün aile sistemiyle birlikte ele alıyor. Bir Jobcenter (iş ve "
                        "temel geçim desteği kurumu) için bu yeni bir yaklaşım. Gelecekte çok "
                        "zorlanan ailelerle nasıl çalışılabileceğini gösterebilir."
                    ),
                    (
                        "Açık danışma noktası Şubat 2023'te açıldı. Evde yapılan koçluğu "
                        "tamamlıyor: sohbet ve paylaşım için açık saatler, danışma saatleri ve "
                        "zamanla bir topluluğa dönüşmesi hedeflenen grup etkinlikleri sunuyor."
                    ),
                ],
            ),
        ],
        "fundings": [{"period_note": "beş yıl"}],
        "partners": [
            "eğitim, gençlik, sosyal işler ve istihdam birimi",
            "proje çerçevesi",
        ],
        "figures": [
            ("yaklaşık 30", "aile koçluk alıyor (Şubat 2023)"),
            ("4,1 milyon €", "beş yıllık finansman desteği"),
        ],
    },
}

COURSE = {
    "title": "wir2 – Kassel'de tek ebeveynler için bağlanma eğitimi",
    "teaser": (
        "Çocuklarını tek başına büyüten anneler ve babalar için 20 buluşma: çocukla aranızdaki "
        "bağ, duygular ve gündelik hayat üzerine, hep aynı grupla. Çocuk bakımı dahil."
    ),
    "body": [
        (
            "paragraph",
            [
                (
                    "Eğitim aynı anda iki aile merkezinde yapılıyor. Size uygun yeri ve saati "
                    "seçersiniz ve baştan sona bu grupta kalırsınız."
                ),
            ],
        ),
    ],
    "cost_note": "Buluşmalar sırasında çocuk bakımı",
    "exceptions": [
        "Tatil: Aile merkezi kapalı.",
        "Veli toplantısı nedeniyle bir saat sonra başlıyor.",
    ],
}

OPENING = {
    "title": "Offenburg'daki açık danışma noktasının açılış şenliği",
    "teaser": (
        "Uğrayın: Gesundheit4PunktZukunft ekibi yeni açık danışma noktasını tanıtıyor. "
        "Sorularınız için zaman, kahve ve çocuklar için oyunlar sizi bekliyor."
    ),
}

CONSENT = (
    "Etkinliği düzenleyenlerin, bu kayıt için verdiğim bilgileri saklamasını ve kullanmasını "
    "kabul ediyorum. Bilgilerim başkalarıyla paylaşılmaz ve etkinlikten üç ay sonra silinir."
)
