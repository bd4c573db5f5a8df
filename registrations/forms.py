"""The public registration form, built for one page: the optional questions its editors
chose, and one forum per round for a conference."""

from django import forms
from django.utils import formats
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from core.i18n import language_attributes, localized_map
from events.models import Forum, Round
from registrations.efn import EFNField
from registrations.services import Wish, course_groups

OPTIONAL_FIELDS = {
    "organisation": "ask_organisation",
    "profession": "ask_profession",
    "dietary_needs": "ask_dietary_needs",
    "accessibility_needs": "ask_accessibility_needs",
    "childcare": "ask_childcare",
    "efn": "asks_efn",
}


def group_labels(groups, page, source, html=False):
    """{schedule key: how a person recognises the group}: its place (in the language of
    ``page``), first day and time. With ``html``, as HTML in which the place's name is
    isolated and marked with its language (a German name in an Arabic sentence)."""
    localized = localized_map([g.place for g in groups if g.place], page.locale)
    labels = {}
    for group in groups:
        place = localized.get(group.place.translation_key) if group.place else None
        place = place or source.place
        parts = {
            "place": place.name if place else page.title,
            "weekday": formats.date_format(group.first_date, "l"),
            "date": formats.date_format(group.first_date, "DATE_FORMAT"),
            "time": formats.time_format(group.start_time, "TIME_FORMAT"),
        }
        template = _("%(place)s: from %(weekday)s, %(date)s, at %(time)s")
        if html:
            parts = {name: conditional_escape(value) for name, value in parts.items()}
            parts["place"] = format_html(
                "<bdi{}>{}</bdi>", language_attributes(place or page), parts["place"]
            )
            labels[group.key] = mark_safe(conditional_escape(template) % parts)
        else:
            labels[group.key] = template % parts
    return labels


def group_label(registration, page, source):
    """The course group of ``registration``, named as the form names it in the language of
    ``page``, or None."""
    groups = [g for g in course_groups(source) if g.key == registration.group_key]
    return group_labels(groups, page, source)[groups[0].key] if groups else None


class RegistrationForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=160)
    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        help_text=_("We send you a link to confirm your registration."),
    )
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    profession = forms.CharField(label=_("Profession"), max_length=200, required=False)
    dietary_needs = forms.CharField(label=_("Dietary needs"), max_length=300, required=False)
    accessibility_needs = forms.CharField(
        label=_("Accessibility needs"),
        max_length=300,
        required=False,
        help_text=_("e.g. step-free access, sign language interpreting"),
    )
    childcare = forms.CharField(
        label=_("Childcare needed?"),
        max_length=300,
        required=False,
        help_text=_("If yes: how many children, and how old?"),
    )
    efn = EFNField(
        label=_("Your EFN (doctors, for the CME points)"),
        help_text=_(
            "The 15-digit number on the barcode stickers of your Ärztekammer. Type it or "
            "scan it with a barcode scanner."
        ),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    consent = forms.BooleanField(label=_("I agree."), required=True)
    # Spam protection: a field people never see, and the signed time the form was shown.
    website = forms.CharField(required=False, label=_("Leave this field empty"))
    started = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, data=None, *, page, source, availability, **kwargs):
        super().__init__(data, **kwargs)
        self.page = page
        self.source = source
        self.availability = availability
        for name, switch in OPTIONAL_FIELDS.items():
            if not getattr(source, switch):
                del self.fields[name]
        self.rounds = []
        self._forums = {}
        if hasattr(page, "rounds"):
            self._add_forum_fields()
        self.groups = []
        self._groups = {}
        self._add_group_field()

    def _add_group_field(self):
        """A course that meets in several groups (schedules: places and times of their own)
        asks which one; each has its places and its waiting list."""
        groups = self.availability.groups  # read with the places left
        if not groups:
            return
        labels = group_labels(groups, self.page, self.source, html=True)
        for group in groups:
            left = self.availability.group_left(group.key)
            option = {
                "value": str(group.key),
                "group": group,
                "label": labels[group.key],
                "left": left,
                "full": left is not None and left <= 0,
            }
            self._groups[option["value"]] = option
            self.groups.append(option)
        self.fields["group"] = forms.ChoiceField(
            label=_("Your group"),
            choices=[(o["value"], o["label"]) for o in self.groups],
            widget=forms.RadioSelect,
            error_messages={
                "required": _("Please choose the group you want to join."),
                "invalid_choice": _("Please choose one of the groups of this course."),
            },
        )

    def chosen_group(self):
        """The course group chosen (a schedule of the default-language page), or None."""
        option = self._groups.get(self.cleaned_data.get("group") or "")
        return option["group"] if option else None

    def _add_forum_fields(self):
        rounds = list(Round.objects.filter(page_id=self.page.pk).order_by("sort_order"))
        shown = list(Forum.objects.filter(page_id=self.page.pk).order_by("sort_order"))
        # Capacity and bookings belong to the default-language forums.
        sources = {f.translation_key: f for f in Forum.objects.filter(page_id=self.source.pk)}
        for slot in rounds:
            options = []
            for forum in shown:
                source_forum = sources.get(forum.translation_key)
                if forum.round_number != slot.number or source_forum is None:
                    continue
                left = self.availability.forum_left(source_forum.pk)
                options.append(
                    {
                        "value": str(forum.translation_key),
                        "forum": forum,
                        "source": source_forum,
                        "left": left,
                        "full": left is not None and left <= 0,
                    }
                )
            if not options:
                continue
            name, second = f"forum_{slot.number}", f"second_{slot.number}"
            self.fields[name] = forms.ChoiceField(
                label=slot.title,
                choices=[(o["value"], o["forum"].title) for o in options],
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Please choose one forum in this round."),
                    "invalid_choice": _("Please choose one of the forums of this round."),
                },
            )
            if len(options) > 1:
                self.fields[second] = forms.ChoiceField(
                    label=_("Second choice"),
                    help_text=_("Where you would go if your first choice is full."),
                    required=False,
                    choices=[("", _("No second choice"))]
                    + [(o["value"], o["forum"].title) for o in options],
                    error_messages={
                        "invalid_choice": _("Please choose one of the forums of this round."),
                    },
                )
            self._forums[slot.number] = {o["value"]: o for o in options}
            self.rounds.append(
                {
                    "round": slot,
                    "field": self[name],
                    "second": self[second] if second in self.fields else None,
                    "options": options,
                    "any_full": any(o["full"] for o in options),
                }
            )

    def chosen_forums(self):
        """{round number: ``Wish`` of forums of the default-language page} for the valid
        choices."""
        wishes = {}
        for number, options in self._forums.items():
            first = options.get(self.cleaned_data.get(f"forum_{number}"))
            if first is None:
                continue
            second = options.get(self.cleaned_data.get(f"second_{number}") or "")
            wishes[number] = Wish(first["source"], second["source"] if second else None)
        return wishes

    def clean(self):
        """A full forum cannot be the only choice where the round has others: it needs a
        second forum (where the person is placed while waiting for the first). Without a
        waiting list, a full forum alone, or a full second forum, is refused."""
        cleaned = super().clean()
        group = self._groups.get(cleaned.get("group") or "")
        if group and group["full"] and not self.source.waiting_list:
            self.add_error("group", _("This group is full."))
        for number, options in self._forums.items():
            first = options.get(cleaned.get(f"forum_{number}"))
            second = options.get(cleaned.get(f"second_{number}") or "")
            if first is None:
                continue
            if second is not None and second["value"] == first["value"]:
                self.add_error(
                    f"second_{number}", _("Please choose another forum as your second choice.")
                )
            elif first["full"] and second is None and f"second_{number}" in self.fields:
                self.add_error(
                    f"forum_{number}",
                    _("This forum is full: please choose a second forum in this round too."),
                )
            elif first["full"] and second is None and not self.source.waiting_list:
                self.add_error(f"forum_{number}", _("This forum is full."))
            elif (
                first["full"] and second is not None and second["full"]
            ) and not self.source.waiting_list:
                self.add_error(f"second_{number}", _("This forum is full too."))
        return cleaned

    @property
    def detail_fields(self):
        """The fields about the person (name, e-mail, the questions asked), in order."""
        names = ["name", "email", *OPTIONAL_FIELDS]
        return [self[name] for name in names if name in self.fields]

    def details(self):
        fields = ["name", "email", *[n for n in OPTIONAL_FIELDS if n in self.fields]]
        return {name: self.cleaned_data[name] for name in fields}
