"""Where editors can create home and content pages, and that the admin forms accept them."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from core.demo_builder import DemoBuilder
from events.models import EventIndexPage
from home.models import (
    AccessibilityStatementPage,
    ContentPage,
    FormPage,
    HomePage,
    SignLanguagePage,
)
from press.models import PressReleaseIndexPage
from programmes.models import ProgrammeIndexPage


class PageTypeRulesTest(WagtailPageTestCase):
    def test_home_page_hangs_below_the_root_only(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertCanCreateAt(Page, HomePage)
        self.assertCanNotCreateAt(HomePage, HomePage)
        self.assertCanNotCreateAt(ContentPage, HomePage)

    def test_content_pages_nest_below_home_and_each_other(self):
        self.assertAllowedParentPageTypes(ContentPage, {HomePage, ContentPage})
        self.assertAllowedSubpageTypes(
            HomePage,
            {
                ContentPage,
                FormPage,
                SignLanguagePage,
                AccessibilityStatementPage,
                ProgrammeIndexPage,
                EventIndexPage,
                PressReleaseIndexPage,
            },
        )
        self.assertAllowedSubpageTypes(ContentPage, {ContentPage, FormPage})
        self.assertCanCreateAt(HomePage, ContentPage)
        self.assertCanCreateAt(ContentPage, ContentPage)
        self.assertCanNotCreateAt(Page, ContentPage)


class AdminFormsTest(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        demo = DemoBuilder()
        root = demo.page_root()
        demo.make_room_for(root, "home")
        cls.home = demo.page(root, HomePage, slug="home", title="Startseite")
        demo.site_root(cls.home)

    def setUp(self):
        # force_login: Django's Client.login authenticates without a request, which
        # django-axes (the login lockout) refuses, as it would any login it cannot attribute.
        self.client.force_login(self.create_test_user())

    def test_editor_creates_a_content_page_with_every_block(self):
        self.assertCanCreate(
            self.home,
            ContentPage,
            nested_form_data(
                {
                    "title": "Kontakt",
                    "slug": "kontakt-seite",
                    "introduction": "So erreichen Sie uns.",
                    "body": streamfield(
                        [
                            ("heading", {"text": "Telefon", "level": "h2"}),
                            ("paragraph", rich_text("<p>Montag bis Freitag, 9 bis 12 Uhr.</p>")),
                            (
                                "quote",
                                {"text": "Wir hören zu.", "name": "Team Frühe Hilfen", "role": ""},
                            ),
                            (
                                "link",
                                {"label": "Mehr", "page": "", "url": "https://www.example.org/"},
                            ),
                        ]
                    ),
                }
            ),
        )
        page = ContentPage.objects.get(slug="kontakt-seite", locale__language_code="de")
        self.assertEqual(
            [block.block_type for block in page.body], ["heading", "paragraph", "quote", "link"]
        )
        response = self.client.get("/de/kontakt-seite/")
        self.assertContains(response, '<h2 class="block-heading">Telefon</h2>', html=True)
        self.assertContains(response, "Wir hören zu.")

    def test_link_block_needs_exactly_one_target(self):
        data = nested_form_data(
            {
                "title": "Links",
                "slug": "links",
                "body": streamfield([("link", {"label": "Nirgendwohin", "page": "", "url": ""})]),
                "action-publish": "publish",
            }
        )
        url = f"/admin/pages/add/home/contentpage/{self.home.pk}/"
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 200)  # form shown again, with the error
        self.assertFalse(ContentPage.objects.filter(slug="links").exists())

    def test_home_page_renders(self):
        self.assertPageIsRenderable(self.home)

    def test_editor_creates_an_accessibility_statement(self):
        for page in AccessibilityStatementPage.objects.child_of(self.home):
            page.delete()  # the demo's: one per language tree
        self.assertCanCreate(
            self.home,
            AccessibilityStatementPage,
            nested_form_data(
                {
                    "title": "Erklärung zur Barrierefreiheit",
                    "slug": "barrierefreiheit",
                    "introduction": "Diese Erklärung gilt für das ganze Portal.",
                    "conformance": "partial",
                    "non_accessible_content": rich_text("<p>Einige PDF-Dateien.</p>"),
                    "alternatives": rich_text("<p>Wir schicken sie per E-Mail.</p>"),
                    "prepared_on": "2026-11-02",
                    "reviewed_on": "",
                    "method": "self",
                    "method_note": "",
                    "feedback_email": "",
                    "feedback_note": rich_text(""),
                    "enforcement_url": "https://www.schlichtungsstelle-bgg.de",
                }
            ),
        )
        page = AccessibilityStatementPage.objects.get(
            slug="barrierefreiheit", locale__language_code="de"
        )
        self.assertEqual(page.conformance, AccessibilityStatementPage.Conformance.PARTIAL)
        response = self.client.get(page.url)
        self.assertContains(response, "Einige PDF-Dateien.")
        self.assertContains(response, 'name="message"')
        # One statement per language tree.
        self.assertFalse(AccessibilityStatementPage.can_create_at(self.home))

    def test_editor_creates_a_sign_language_page(self):
        for page in SignLanguagePage.objects.child_of(self.home):
            page.delete()  # the demo's: one per language tree
        self.assertCanCreate(
            self.home,
            SignLanguagePage,
            nested_form_data(
                {
                    "title": "Gebärdensprache",
                    "slug": "gebaerdensprache",
                    "introduction": rich_text("<p>Videos folgen.</p>"),
                    "videos": streamfield([]),
                }
            ),
        )
        response = self.client.get("/de/gebaerdensprache/")
        self.assertContains(response, "Videos folgen.")
