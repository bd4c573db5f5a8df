"""Moderation: Presse submits a press release, the Redaktion approves it, then it is live."""

import pytest
from django.urls import reverse
from wagtail.models import WorkflowState

from editorial.groups import APPROVAL_TASK, EDITORS, PRESS, WORKFLOW
from editorial.tests.conftest import edit_form_data, edit_url, german
from press.models import PressReleaseIndexPage, PressReleasePage
from programmes.models import ProgrammeIndexPage, ProgrammePage


@pytest.fixture
def draft(groups):
    index = PressReleaseIndexPage.objects.get(locale=german())
    page = index.add_child(
        instance=PressReleasePage(
            title="Neue Lotsinnen in Kinderarztpraxen",
            slug="neue-lotsinnen",
            teaser="Zwei weitere Praxen machen mit.",
            live=False,
        )
    )
    page.save_revision()
    return page


def submit(client, page):
    data = edit_form_data(client, page, **{"action-submit": "1"})
    return client.post(edit_url(page), data)


def approve_url(page):
    state = page.current_workflow_task_state
    return reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", state.pk])


def test_every_programme_and_press_section_has_the_workflow(groups):
    sections = [*ProgrammeIndexPage.objects.all(), *PressReleaseIndexPage.objects.all()]
    languages = {section.locale.language_code for section in sections}
    assert {"de", "en", "tr", "ar", "uk"} <= languages
    for section in sections:
        assert section.get_workflow().name == WORKFLOW
    release = PressReleasePage.objects.filter(locale=german()).first()
    programme = ProgrammePage.objects.filter(locale__language_code="en").first()
    assert release.get_workflow().name == WORKFLOW
    assert programme.get_workflow().name == WORKFLOW
    task = release.get_workflow().tasks.get().specific
    assert task.name == APPROVAL_TASK
    assert list(task.groups.values_list("name", flat=True)) == [EDITORS]


def test_press_submits_and_the_editors_approve(login, draft):
    press = login(PRESS)
    response = submit(press, draft)
    assert response.status_code == 302, response.content.decode()[:2000]
    draft.refresh_from_db()
    assert not draft.live
    state = WorkflowState.objects.get(object_id=str(draft.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.current_task_state.task.name == APPROVAL_TASK
    assert state.requested_by == press.user
    # Not visible to the public yet.
    assert press.get(draft.get_parent().url + "neue-lotsinnen/").status_code == 404

    editors = login(EDITORS)
    dashboard = editors.get("/admin/").content.decode()
    assert "Neue Lotsinnen in Kinderarztpraxen" in dashboard  # "awaiting your review"
    response = editors.post(approve_url(draft), {"comment": "Passt."})
    assert response.status_code in (200, 302)
    draft.refresh_from_db()
    assert draft.live
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    public = editors.get(draft.url)
    assert public.status_code == 200
    assert "Neue Lotsinnen in Kinderarztpraxen" in public.content.decode()


def test_press_cannot_approve_its_own_release(login, draft):
    press = login(PRESS)
    submit(press, draft)
    draft.refresh_from_db()
    response = press.post(approve_url(draft), {"comment": ""})
    assert response.status_code in (302, 403)
    draft.refresh_from_db()
    assert not draft.live
    assert draft.workflow_in_progress
