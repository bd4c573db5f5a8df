"""What a conference page holds beside its facts: speakers, the timetable (agenda items),
rounds of parallel forums, and downloads.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
)
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index

from .pages import EventPage


class Speaker(TranslatableMixin, index.Indexed, models.Model):
    name = models.CharField(_("name"), max_length=160)
    role = models.CharField(
        _("role"), max_length=200, blank=True, help_text=_("e.g. “Head of the youth office”")
    )
    organisation = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    photo = models.ForeignKey(
        "core.PortalImage",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel(
            "name", help_text=_("First and last name, with a title if the person uses one.")
        ),
        FieldPanel("role"),
        FieldPanel("organisation", help_text=_("Where the person works; shown below the name.")),
        FieldPanel(
            "photo", help_text=_("A portrait, if the person agrees. Its alt text names the person.")
        ),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")
        ordering = ["name"]

    def __str__(self):
        return self.name


class AgendaItem(TranslatableMixin, Orderable, ClusterableModel):
    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="agenda_items")
    starts_at = models.DateTimeField(_("from"))
    ends_at = models.DateTimeField(_("until"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=250)
    room = models.CharField(_("room"), max_length=120, blank=True)
    speakers = ParentalManyToManyField(Speaker, verbose_name=_("speakers"), blank=True)

    panels = [
        FieldRowPanel(
            [
                FieldPanel("starts_at", help_text=_("When this item begins.")),
                FieldPanel("ends_at", help_text=_("Leave empty if it has no fixed end.")),
            ]
        ),
        FieldPanel("title", help_text=_("e.g. “Welcome and introduction”")),
        FieldPanel("room", help_text=_("e.g. “Main hall”")),
        FieldPanel(
            "speakers", help_text=_("Chosen from the speakers, which are kept once for all events.")
        ),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("agenda item")
        unique_together = [("translation_key", "locale")]


class Round(TranslatableMixin, Orderable):
    """A time slot in which forums run in parallel; participants choose one forum per round."""

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="rounds")
    number = models.PositiveSmallIntegerField(_("number"), default=1)
    title = models.CharField(_("title"), max_length=120, help_text=_("e.g. “First round”"))
    starts_at = models.DateTimeField(_("from"))
    ends_at = models.DateTimeField(_("until"))

    panels = [
        FieldRowPanel(
            [
                FieldPanel(
                    "number",
                    help_text=_("1 for the first round, 2 for the second, …; forums refer to it."),
                ),
                FieldPanel("title"),
            ]
        ),
        FieldRowPanel(
            [
                FieldPanel("starts_at", help_text=_("When the round begins.")),
                FieldPanel("ends_at", help_text=_("When the round ends.")),
            ]
        ),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("round")
        unique_together = [("translation_key", "locale")]

    def __str__(self):
        return self.title


class Forum(TranslatableMixin, Orderable, ClusterableModel):
    """One forum in one round. A forum offered in two rounds is two rows, each with its own
    places and its own results, as conferences publish them."""

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="forums")
    round_number = models.PositiveSmallIntegerField(
        _("round"), default=1, help_text=_("The number of the round it runs in.")
    )
    title = models.CharField(_("title"), max_length=250)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    room = models.CharField(_("room"), max_length=120, blank=True)
    capacity = models.PositiveIntegerField(
        pgettext_lazy("seats in a forum", "places"),
        null=True,
        blank=True,
        help_text=_("Leave empty for no limit."),
    )
    moderators = ParentalManyToManyField(Speaker, verbose_name=_("moderators"), blank=True)
    results = models.TextField(
        _("central results"),
        blank=True,
        help_text=_("After the event: the forum's central results, one per line."),
    )

    panels = [
        FieldRowPanel([FieldPanel("round_number"), FieldPanel("capacity")]),
        FieldPanel("title", help_text=_("e.g. “Forum 1: Working with fathers”")),
        FieldPanel("description", help_text=_("What the forum is about, in a few sentences.")),
        FieldPanel("room", help_text=_("e.g. “Room 2.14”")),
        FieldPanel("moderators", help_text=_("Who leads the forum, chosen from the speakers.")),
        FieldPanel("results"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("forum")
        verbose_name_plural = _("forums")
        unique_together = [("translation_key", "locale")]

    def __str__(self):
        return self.title

    @property
    def result_lines(self):
        return [line.strip() for line in self.results.splitlines() if line.strip()]


class EventDownload(TranslatableMixin, Orderable):
    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="downloads")
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("document"), on_delete=models.CASCADE
    )
    title = models.CharField(
        _("title"), max_length=200, blank=True, help_text=_("Leave empty to use the file's title.")
    )

    panels = [
        FieldPanel("document", help_text=_("The file to download, e.g. the programme as a PDF.")),
        FieldPanel("title"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("download")


# --- recurring courses ---------------------------------------------------------------------
