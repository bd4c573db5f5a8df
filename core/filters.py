"""Filters in a query string (the offer finder, the calendar): validated, never fatal.

An unknown or malformed value is dropped and reported, so a stale or hand-edited link still
shows results with a message in the visitor's language instead of an error.
"""

from django import forms


class FilterForm(forms.Form):
    # {field name: the filter's name in a sentence, e.g. "topic"}
    FILTER_NAMES = {}

    def valid_filters(self):
        """The filters that were given and are valid."""
        self.is_valid()
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if value and name not in self.errors
        }

    def dropped(self):
        """(filter name, value) of each filter that was given but is not valid."""
        return [(self.FILTER_NAMES[name], self.data.get(name, "")) for name in self.errors]

    def active(self, filters, params):
        """Each active filter with its label and the query string that removes it."""
        labels = {}
        for name, value in filters.items():
            field = self.fields[name]
            if isinstance(field, forms.BooleanField):
                label = field.label
            else:
                label = dict(field.choices).get(value, value)
            remaining = params.copy()
            remaining.pop(name, None)
            remaining.pop("page", None)
            labels[name] = {"label": label, "remove_query": remaining.urlencode()}
        return labels
