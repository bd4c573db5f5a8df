"""Registering someone at the door (*Nachmeldung*): what the organiser asks, in a few fields."""

from django import forms
from django.utils.translation import gettext_lazy as _

from events.models import Forum
from registrations.efn import EFNField


class WalkInForm(forms.Form):
    prefix = "walk_in"  # the door page has a search field too
    name = forms.CharField(label=_("Name"), max_length=160)
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        help_text=_("Optional. With an address, the person gets the booking e-mail."),
    )
    efn = EFNField(
        label=_("EFN (doctors, for the CME points)"),
        help_text=_("15 digits: type it or scan the barcode sticker."),
    )
    consent = forms.BooleanField(
        label=_("The person has read the consent text and agrees."),
        required=True,
    )

    def __init__(self, *args, page, availability, **kwargs):
        super().__init__(*args, **kwargs)
        self.page = page
        if not page.asks_efn:
            del self.fields["efn"]
        self.rounds = {}
        for forum in Forum.objects.filter(page=page).order_by("round_number", "sort_order"):
            self.rounds.setdefault(forum.round_number, []).append(forum)
        for number, forums in sorted(self.rounds.items()):
            choices = [("", _("no forum"))]
            for forum in forums:
                full = not availability.has_seat(forum.pk)
                label = f"{forum.title} ({_('full')})" if full else forum.title
                choices.append((str(forum.pk), label))
            self.fields[f"forum_{number}"] = forms.ChoiceField(
                label=_("Forum, round %(number)s") % {"number": number},
                choices=choices,
                required=False,
            )

    def chosen_forums(self):
        by_id = {str(f.pk): f for forums in self.rounds.values() for f in forums}
        return {
            number: by_id[self.cleaned_data[f"forum_{number}"]]
            for number in self.rounds
            if self.cleaned_data.get(f"forum_{number}") in by_id
        }
