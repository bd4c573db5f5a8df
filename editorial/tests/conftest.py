import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from wagtail.fields import StreamField
from wagtail.models import Locale
from wagtail.test.utils import WagtailTestUtils
from wagtail.test.utils.form_data import querydict_from_html

from editorial.groups import setup


@pytest.fixture
def groups(demo_site):
    """The editors' groups as ``load_demo`` (through ``setup_editorial``) leaves them."""
    return setup()


@pytest.fixture
def login(groups):
    """``login("Presse")``: a test client logged in as a new member of that group only."""

    def make(*group_names):
        name = "-".join(group_names) or "nobody"
        user = get_user_model().objects.create_user(
            f"{name.lower()}-{get_user_model().objects.count()}", "editor@example.org", "pw"
        )
        user.groups.set([Group.objects.get(name=group_name) for group_name in group_names])
        client = Client()
        client.force_login(user)
        client.user = user
        return client

    return make


def edit_url(page):
    return f"/admin/pages/{page.pk}/edit/"


def edit_form_data(client, page, **changes):
    """What the browser would send from the page's edit form, as the editor sees it.

    The form's inputs are read from the real edit view. Stream fields are built in the
    browser by JavaScript; the pages these tests edit have empty ones, posted as such.
    """
    response = client.get(edit_url(page))
    assert response.status_code == 200
    html = response.content.decode()
    data = querydict_from_html(html, form_id="page-edit-form")
    form = WagtailTestUtils.get_soup(html).find("form", id="page-edit-form")
    for select in form.find_all("select", multiple=True):
        if not select.find_all("option", selected=True):
            data.pop(select["name"], None)  # nothing chosen is nothing sent
    for key in [key for key in data if "__prefix__" in key]:
        del data[key]
    for field in page.specific_class._meta.get_fields():
        if isinstance(field, StreamField):
            data.setdefault(f"{field.name}-count", "0")
    for key, value in changes.items():
        data[key] = value
    return data


def german():
    return Locale.objects.get(language_code="de")
