"""Filters in a query string (the offer finder, the calendar): validated, never fatal.

An unknown or malformed value is dropped and reported, so a stale or hand-edited link still
shows results with a message in the visitor's language instead of an error.
"""

from django import forms
from django.core.paginator import Paginator
from django.forms.utils import flatatt
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join


class FilterSelect(forms.Select):
    """A select whose options are written in Python. Django renders each option through a
    template of its own: for the calendar's 300 programmes that took longer than the rest of
    the page. Same markup, flat choices only (filters have no groups)."""

    def render(self, name, value, attrs=None, renderer=None):
        selected = set(self.format_value(value))
        options = format_html_join(
            "\n",
            '<option value="{}"{}>{}</option>',
            (
                (key, " selected" if str(key) in selected else "", label)
                for key, label in self.choices
            ),
        )
        attributes = flatatt(self.build_attrs(self.attrs, attrs))
        return format_html('<select name="{}"{}>\n{}\n</select>', name, attributes, options)


class FilterForm(forms.Form):
    # {field name: the filter's name in a sentence, e.g. "topic"}
    FILTER_NAMES = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if type(field.widget) is forms.Select:
                widget = FilterSelect(attrs=field.widget.attrs)
                widget.choices = field.choices
                field.widget = widget

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


class ResultsPage:
    """One page of a filtered listing (finder, calendar, press), computed when first asked.

    Views hand it to their template, which keeps the rendered list as a fragment
    (``{% fragment %}``, core.cache): a kept list then costs no query. ``decorate`` turns the
    page's records into what the template shows (cards, calendar entries by day, …)."""

    def __init__(self, queryset, number, per_page, decorate=list):
        self.queryset, self.number, self.per_page = queryset, number, per_page
        self.decorate = decorate

    @cached_property
    def paginator(self):
        return Paginator(self.queryset, self.per_page)

    @cached_property
    def page(self):
        return self.paginator.get_page(self.number)

    @cached_property
    def items(self):
        return self.decorate(self.page.object_list)
