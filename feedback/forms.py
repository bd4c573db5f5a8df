"""The survey: for each block (``services.Block``) a rating from 1 to 5 and a comment.

The event overall must be rated; a forum may be left out (someone who did not go), but a
comment on a forum asks for its rating too, since an answer without one would count nowhere.
"""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from feedback.services import RATINGS, scale

MAX_COMMENT = 2000


class SurveyForm(forms.Form):
    def __init__(self, *args, blocks, **kwargs):
        super().__init__(*args, **kwargs)
        self.blocks = blocks
        for block in blocks:
            self.fields[f"rating_{block.key}"] = forms.TypedChoiceField(
                choices=[(rating, str(rating)) for rating in RATINGS],
                coerce=int,
                empty_value=None,
                required=block.forum is None,
                error_messages={
                    "required": gettext_lazy("Please rate the event overall, from 1 to 5."),
                    "invalid_choice": gettext_lazy("Please choose a rating from 1 to 5."),
                },
            )
            self.fields[f"comment_{block.key}"] = forms.CharField(
                required=False,
                max_length=MAX_COMMENT,
                error_messages={
                    "max_length": gettext_lazy(
                        "Please keep your comment to at most %(limit_value)d characters."
                    )
                },
            )

    def clean(self):
        cleaned = super().clean()
        for block in self.blocks:
            rating, comment = f"rating_{block.key}", f"comment_{block.key}"
            if cleaned.get(comment) and cleaned.get(rating) is None and rating not in self.errors:
                self.add_error(rating, _("With a comment, please rate this part too, from 1 to 5."))
        return cleaned

    def answers(self):
        """(block, rating, comment) for every block that was rated."""
        return [
            (
                block,
                self.cleaned_data[f"rating_{block.key}"],
                self.cleaned_data[f"comment_{block.key}"],
            )
            for block in self.blocks
            if self.cleaned_data.get(f"rating_{block.key}") is not None
        ]

    def items(self):
        """What the template lays out per block: the block, its two fields, the options
        with the one chosen."""
        meanings = scale()
        items = []
        for block in self.blocks:
            rating, comment = self[f"rating_{block.key}"], self[f"comment_{block.key}"]
            chosen = str(rating.value() or "")
            items.append(
                {
                    "block": block,
                    "rating": rating,
                    "comment": comment,
                    "required": rating.field.required,
                    "options": [
                        {"value": value, "meaning": meaning, "checked": str(value) == chosen}
                        for value, meaning in meanings
                    ],
                }
            )
        return items
