"""Every field editors fill in explains itself: a help text on every panel's field.

Walks the edit handlers of the project's page types, snippets and settings (inline records
included) and fails for an editable field with no help text, on the panel or the model field.
Wagtail's own standard fields (title, slug, SEO title, search description, scheduled
publishing, form builder fields …) are Wagtail's business and skipped.
"""

import pytest
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext
from wagtail.admin.panels import FieldPanel, InlinePanel, PanelGroup, get_edit_handler
from wagtail.contrib.settings.registry import registry as settings_registry
from wagtail.models import get_page_models
from wagtail.snippets.models import get_snippet_models

PROJECT_APPS = {"core", "home", "directory", "programmes", "events", "registrations", "press"}


def project_model(model):
    return model._meta.app_label in PROJECT_APPS


def wagtail_field_names(model):
    """Fields a model inherits from Wagtail's own classes (Page, AbstractEmailForm …)."""
    names = set()
    for cls in model.__mro__:
        meta = getattr(cls, "_meta", None)
        if meta is not None and cls.__module__.startswith(("wagtail.", "modelcluster.")):
            names.update(field.name for field in meta.get_fields())
    return names


def field_panels(panel):
    """(model, FieldPanel) for every field panel below ``panel``, inline records included."""
    if isinstance(panel, InlinePanel):
        yield from field_panels(panel.child_edit_handler)
    elif isinstance(panel, PanelGroup):
        for child in panel.children:
            yield from field_panels(child)
    elif isinstance(panel, FieldPanel):
        yield panel.model, panel


def edit_handlers():
    for model in get_page_models():
        if project_model(model) and model.is_creatable:
            yield model, model.get_edit_handler()
    for model in [*get_snippet_models(), *settings_registry]:
        if project_model(model):
            yield model, get_edit_handler(model)


def missing_help_texts():
    missing = []
    for model, handler in edit_handlers():
        for panel_model, panel in field_panels(handler):
            if panel.field_name in wagtail_field_names(panel_model):
                continue
            try:
                db_field = panel_model._meta.get_field(panel.field_name)
            except Exception:
                continue
            if not (str(panel.help_text).strip() or str(db_field.help_text).strip()):
                missing.append(f"{model.__name__}: {panel_model.__name__}.{panel.field_name}")
    return sorted(set(missing))


@pytest.mark.django_db
def test_every_editable_field_has_a_help_text():
    missing = missing_help_texts()
    assert not missing, "Fields without help text:\n" + "\n".join(missing)


def test_the_walk_finds_fields_in_tabs_groups_and_inline_records():
    """The check looks where editors look: tabs, field groups and inline records."""
    from events.models import EventPage

    found = {
        (model.__name__, panel.field_name)
        for model, panel in field_panels(EventPage.get_edit_handler())
    }
    assert ("EventPage", "teaser") in found  # first tab
    assert ("EventPage", "consent_text") in found  # registration tab
    assert ("EventPage", "status_note") in found  # a MultiFieldPanel
    assert ("Forum", "capacity") in found  # an inline record in a FieldRowPanel


def test_help_texts_show_in_the_editor_in_german(client, demo_site, django_user_model):
    from events.models import EventPage

    user = django_user_model.objects.create_superuser("admin-help", "a@example.org", "pw")
    client.force_login(user)
    page = EventPage.objects.filter(locale__language_code="de").first()
    html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    with translation.override("de"):
        for text in (
            "Tick to show the registration form on the page.",  # registration tab
            "Who leads the forum, chosen from the speakers.",  # inline forum
        ):
            assert escape(gettext(text)) in html
