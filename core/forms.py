"""The page editor's form, shared by the page types that refer to records of the directory."""

from django import forms
from django.db.models import Q
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import Locale, TranslatableMixin


class PortalPageForm(WagtailAdminPageForm):
    """Multi-selects of translatable records (topics, target groups, places, programmes)
    list each record once, in German, plus whatever the page already refers to.

    Pages refer to the German records whatever their own language: wagtail-localize copies
    these relations to a translation as they are, and visitors see each record in their
    language through its translation key. Listing every language made editors choose among
    "Bindung", "Bonding" and "Bağlanma" for the same topic."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        default = None
        for name, field in self.fields.items():
            if not isinstance(field, forms.ModelMultipleChoiceField):
                continue
            if not issubclass(field.queryset.model, TranslatableMixin):
                continue
            default = default or Locale.get_default()
            chosen = [getattr(item, "pk", item) for item in self.initial.get(name) or []]
            field.queryset = field.queryset.filter(Q(locale=default) | Q(pk__in=chosen))
