"""The editors' groups, their permissions and the moderation workflow.

Four groups, named as the editors know them:

- "Redaktion": all content of every language, the shared records (snippets), images and
  documents, translations; approves what the moderation workflow brings. Not registrations.
- "Presse": press releases only. Presse drafts and submits them; the Redaktion publishes.
- "Veranstaltungsorganisation": the calendar (events, courses, speakers) and the
  registrations with their personal data and export.
- "Übersetzung": the translated trees (every language but German) and nothing else; the
  German source stays out of reach.

Wagtail's own groups "Editors" and "Moderators" (from its first migration) stay as they are,
but nobody should be put in them: they may edit everything below the root. Give people one
of the groups above instead.

``setup()`` is idempotent: it adds what is missing and never takes a permission away that
an admin granted by hand. ``manage.py setup_editorial`` runs it; run it after ``migrate``
and again after adding a language or a site.
"""

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)
from wagtail.snippets.models import get_snippet_models

from core.models import OrganisationSettings
from directory.models import ContactPerson, Topic
from events.models import EventIndexPage
from home.models import AccessibilityFeedback
from press.models import PressReleaseIndexPage
from programmes.models import ProgrammeIndexPage

EDITORS = "Redaktion"
PRESS = "Presse"
ORGANISERS = "Veranstaltungsorganisation"
TRANSLATORS = "Übersetzung"
GROUPS = [EDITORS, PRESS, ORGANISERS, TRANSLATORS]

WORKFLOW = "Freigabe durch die Redaktion"
APPROVAL_TASK = "Freigabe durch die Redaktion"

ALL_PAGE_PERMISSIONS = ["add", "change", "publish", "lock", "unlock", "bulk_delete"]
IMAGE_PERMISSIONS = ["add", "change", "choose", "delete"]

# (app label, codename) of model permissions.
ACCESS_ADMIN = ("wagtailadmin", "access_admin")
SUBMIT_TRANSLATION = ("wagtail_localize", "submit_translation")
REGISTRATION_PERMISSIONS = [
    ("registrations", "view_registration"),
    ("registrations", "change_registration"),
    ("registrations", "delete_registration"),
    # Who signs the certificates of attendance, with the signature image (checkin.models).
    ("checkin", "change_certificatesettings"),
]


def _permission(app_label, codename):
    if (app_label, codename) == SUBMIT_TRANSLATION:
        # Created by a data migration of wagtail-localize, so gone after a database flush
        # (as transactional tests do); recreate it as that migration does.
        content_type, _ = ContentType.objects.get_or_create(
            app_label="wagtail_localize", model="translation"
        )
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type,
            codename=codename,
            defaults={"name": "Can submit translations"},
        )
        return permission
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _model_permissions(model, actions):
    """``add``/``change``/… permissions of a model, e.g. ``add_place``."""
    meta = model._meta
    codenames = [f"{action}_{meta.model_name}" for action in actions]
    return list(
        Permission.objects.filter(content_type__app_label=meta.app_label, codename__in=codenames)
    )


def _page_permission(action):
    return _permission("wagtailcore", f"{action}_page")


def site_roots():
    """Every site's root page in every language (the German home and its translations)."""
    keys = Site.objects.values_list("root_page__translation_key", flat=True)
    return Page.objects.filter(translation_key__in=list(keys))


def translated_roots():
    """The home pages of every language but the source language."""
    return site_roots().exclude(locale__language_code=settings.LANGUAGE_CODE)


def index_pages(model):
    """Every page of an index type (e.g. the press page in every language)."""
    return model.objects.all()


class Setup:
    def __init__(self, log=None):
        self.log = log or (lambda message: None)

    def group(self, name):
        group, created = Group.objects.get_or_create(name=name)
        if created:
            self.log(f"  + group: {name}")
        return group

    def grant(self, group, permissions):
        group.permissions.add(*permissions)

    def grant_pages(self, group, pages, actions):
        for page in pages:
            for action in actions:
                GroupPagePermission.objects.get_or_create(
                    group=group, page=page, permission=_page_permission(action)
                )

    def grant_collection(self, group, model_label, actions):
        root = Collection.get_first_root_node()
        if root is None:
            return
        app_label, model_name = model_label.split(".")
        for action in actions:
            GroupCollectionPermission.objects.get_or_create(
                group=group,
                collection=root,
                permission=_permission(app_label, f"{action}_{model_name}"),
            )

    # --- the groups -----------------------------------------------------------------------
    def editors(self):
        group = self.group(EDITORS)
        self.grant(group, [_permission(*ACCESS_ADMIN), _permission(*SUBMIT_TRANSLATION)])
        for model in get_snippet_models():
            self.grant(group, _model_permissions(model, ["add", "change", "delete", "view"]))
        self.grant(group, _model_permissions(OrganisationSettings, ["change"]))
        # Barrier reports from the accessibility statement: read, and delete on request.
        self.grant(group, _model_permissions(AccessibilityFeedback, ["view", "delete"]))
        self.grant_pages(group, site_roots(), ALL_PAGE_PERMISSIONS)
        self.grant_collection(group, "wagtailimages.image", IMAGE_PERMISSIONS)
        self.grant_collection(group, "wagtaildocs.document", IMAGE_PERMISSIONS)
        return group

    def press(self):
        group = self.group(PRESS)
        self.grant(group, [_permission(*ACCESS_ADMIN)])
        # To pick a press contact and topics in the release's choosers.
        self.grant(group, _model_permissions(ContactPerson, ["view"]))
        self.grant(group, _model_permissions(Topic, ["view"]))
        # No "publish": releases go through the moderation workflow to the Redaktion.
        self.grant_pages(group, index_pages(PressReleaseIndexPage), ["add", "change"])
        self.grant_collection(group, "wagtailimages.image", ["add", "choose"])
        self.grant_collection(group, "wagtaildocs.document", ["add", "choose"])
        return group

    def organisers(self):
        group = self.group(ORGANISERS)
        self.grant(group, [_permission(*ACCESS_ADMIN)])
        self.grant(group, [_permission(*codename) for codename in REGISTRATION_PERMISSIONS])
        events = [model for model in get_snippet_models() if model._meta.app_label == "events"]
        for model in events:
            self.grant(group, _model_permissions(model, ["add", "change", "delete", "view"]))
        self.grant_pages(group, index_pages(EventIndexPage), ["add", "change", "publish"])
        self.grant_collection(group, "wagtailimages.image", ["add", "choose"])
        self.grant_collection(group, "wagtaildocs.document", ["add", "choose"])
        return group

    def translators(self):
        group = self.group(TRANSLATORS)
        self.grant(group, [_permission(*ACCESS_ADMIN), _permission(*SUBMIT_TRANSLATION)])
        self.grant_pages(group, translated_roots(), ["change", "publish"])
        self.grant_collection(group, "wagtailimages.image", ["choose"])
        return group

    # --- the moderation workflow ------------------------------------------------------------
    def workflow(self, approvers):
        task = GroupApprovalTask.objects.filter(name=APPROVAL_TASK).first()
        if task is None:
            task = GroupApprovalTask.objects.create(name=APPROVAL_TASK)
            self.log(f"  + task: {APPROVAL_TASK}")
        task.groups.add(approvers)
        workflow, created = Workflow.objects.get_or_create(name=WORKFLOW)
        if created:
            self.log(f"  + workflow: {WORKFLOW}")
        if not WorkflowTask.objects.filter(workflow=workflow, task=task).exists():
            WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
        for model in (ProgrammeIndexPage, PressReleaseIndexPage):
            for page in index_pages(model):
                # A workflow an admin assigned to the section by hand is left alone.
                WorkflowPage.objects.get_or_create(page=page, defaults={"workflow": workflow})
        return workflow


@transaction.atomic
def setup(log=None):
    """Create or complete the groups and the moderation workflow. Returns the groups."""
    steps = Setup(log)
    groups = {
        EDITORS: steps.editors(),
        PRESS: steps.press(),
        ORGANISERS: steps.organisers(),
        TRANSLATORS: steps.translators(),
    }
    steps.workflow(approvers=groups[EDITORS])
    return groups
