"""The German admin speaks German on every view an editor and an organiser use.

Walks those views in a real browser (the sidebar, the help menu and many labels are drawn by
JavaScript, from the admin's JavaScript catalogue) as a member of "Redaktion" and of
"Veranstaltungsorganisation", and fails on the English words found there before: Wagtail's
own strings that a second catalogue at Wagtail's address hid, the course editor's strings
that the recurrence widget's jquery.init.js wiped, and column headings of our own.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from editorial.groups import EDITORS, ORGANISERS
from events.models import CoursePage, EventPage, Forum
from programmes.models import ProgrammePage
from registrations import services
from registrations.models import Registration

PASSWORD = "Sprache-im-Test-2026"

# English words and phrases seen in the German admin (case-sensitive, whole words).
LEFTOVERS = [
    "Search",
    "Collapse all",
    "Expand all",
    "new items in this menu",
    "new item in this menu",
    "Dashboard",
    "Display status",
    "Forum titles",
    "Choices Forum",
    "Choices Seat",
    "Created at",
    "Not managed",
    "Add child page",
    "Sort by",
    "Filter by",
]
PATTERN = re.compile("|".join(rf"\b{re.escape(word)}\b" for word in LEFTOVERS))


def german_session(browser, site_url, username, group):
    user = get_user_model().objects.create_user(
        username, f"{username}@example.org", PASSWORD, is_staff=False
    )
    user.groups.add(Group.objects.get(name=group))
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="de-DE")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{site_url}/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    expect(page.get_by_role("link", name="Seiten")).to_be_visible()
    return context, page


def english_on(page, url):
    page.goto(url)
    page.wait_for_load_state("networkidle")
    expect(page.locator("html")).to_have_attribute("lang", "de")
    text = page.evaluate("document.body.innerText")
    return sorted(set(PATTERN.findall(text)))


@pytest.fixture
def registration_rows():
    """Two registrations for the jubilee conference, so the list shows its columns."""
    conference = EventPage.objects.get(
        slug="jubilaeumstagung-qualitaetszirkel", locale__language_code="de"
    )
    for number, name in enumerate(["Jana Schäfer", "Mehmet Öztürk"]):
        forums = {
            round_number: Forum.objects.filter(page_id=conference.pk, round_number=round_number)[
                number
            ]
            for round_number in (1, 2)
        }
        registration, _created = services.register(
            conference,
            details={"name": name, "email": f"person{number}@example.org"},
            forums=forums,
            language="de",
            consent_text=conference.consent_text,
        )
        services.confirm_email(registration)
    return Registration.objects.filter(page=conference)


def views(site_url, rows):
    programme = ProgrammePage.objects.filter(locale__language_code="de").first()
    course = CoursePage.objects.get(locale__language_code="de")
    conference = rows.first().page
    return {
        "dashboard": f"{site_url}/admin/",
        "page tree": f"{site_url}/admin/pages/{programme.get_parent().pk}/",
        "programme editor": f"{site_url}/admin/pages/{programme.pk}/edit/",
        "course editor": f"{site_url}/admin/pages/{course.pk}/edit/",
        "conference editor": f"{site_url}/admin/pages/{conference.pk}/edit/",
        "registrations": f"{site_url}/admin/registrations/",
        "registration": f"{site_url}/admin/registrations/inspect/{rows.first().pk}/",
        "translation report": f"{site_url}/admin/reports/translation-status/",
        "images": f"{site_url}/admin/images/",
        "snippets": f"{site_url}/admin/snippets/",
    }


@pytest.mark.parametrize(
    "username,group,names",
    [
        ("redakteurin", EDITORS, None),
        (
            "organisatorin",
            ORGANISERS,
            ["dashboard", "course editor", "conference editor", "registrations", "registration"],
        ),
    ],
)
def test_no_english_leftovers_in_the_german_admin(
    browser, site_url, registration_rows, username, group, names
):
    context, page = german_session(browser, site_url, username, group)
    try:
        found = {}
        for name, url in views(site_url, registration_rows).items():
            if names is not None and name not in names:
                continue
            english = english_on(page, url)
            if english:
                found[name] = english
        assert found == {}, f"English in the German admin: {found}"
    finally:
        context.close()
