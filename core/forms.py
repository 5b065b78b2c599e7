"""The base of every filter form, public listings and admin dashboards alike."""

from django import forms
from django.utils.translation import gettext_lazy as _


class ListingFilterForm(forms.Form):
    """A plain GET filter form whose invalid values are ignored, never an error page.

    Subclasses declare optional ChoiceFields; `set_choices` fills them with "All" first.
    """

    def set_choices(self, name, choices):
        self.fields[name].choices = [("", _("All")), *choices]

    def valid_values(self):
        """The fields that validated and are set; the others are dropped as if absent."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value not in ("", None)}
