"""Model fields shared by apps."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

# Languages of events and documents: the site's four languages first, then others in use.
WORKING_LANGUAGES = ["en", "fr", "es", "ar", "pt", "it", "de", "tr", "ru", "zh-hans"]


def language_label(code):
    """The language's name in the active language (Django's own translated names)."""
    return get_language_info(code)["name_translated"]


class LanguageListField(models.CharField):
    """A list of language codes, stored as "en,fr,ar", edited as checkboxes.

    Works the same on SQLite and PostgreSQL (no array type needed).
    """

    description = _("A list of languages")

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 200)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", list)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        return name, path, args, kwargs

    def from_db_value(self, value, expression, connection):
        return self.to_python(value)

    def to_python(self, value):
        if isinstance(value, list):
            return value
        if not value:
            return []
        return [code for code in value.split(",") if code]

    def get_prep_value(self, value):
        if isinstance(value, str):
            value = self.to_python(value)
        return ",".join(value or [])

    def value_to_string(self, obj):
        return self.get_prep_value(self.value_from_object(obj))

    def validate(self, value, model_instance):
        unknown = [code for code in value or [] if code not in WORKING_LANGUAGES]
        if unknown:
            raise ValidationError(_("Unknown language: %(codes)s") % {"codes": ", ".join(unknown)})
        if not self.blank and not value:
            raise ValidationError(self.error_messages["blank"], code="blank")

    def formfield(self, **kwargs):
        return forms.TypedMultipleChoiceField(
            choices=lambda: [(code, language_label(code)) for code in WORKING_LANGUAGES],
            required=not self.blank,
            label=self.verbose_name,
            help_text=self.help_text,
            widget=forms.CheckboxSelectMultiple,
        )
