"""The admin form of translatable snippets: what must be unique in a language is checked
before saving, with a message, never an IntegrityError (a 500).

Wagtail's snippet forms have no `locale` field (the view sets it on the instance), so
Django's own validation skips every unique constraint that names `locale`: one footer per
language (`core.models.FooterContent`), one slug per language (themes, partners, agenda
references, glossary terms). `TranslatableSnippetForm` checks those constraints itself,
whatever the model declares; `core.snippet_admin` hides "Add" when a one-per-language
snippet exists in every language.
"""

from django.db import models
from django.forms import ValidationError
from django.utils.translation import get_language, gettext
from wagtail.admin.forms import WagtailAdminModelForm


def locale_constraints(model):
    """The field names of `model`'s unconditional unique constraints that include `locale`,
    e.g. [("locale",)] for one per language, [("locale", "slug")] for a slug per language."""
    return [
        tuple(constraint.fields)
        for constraint in model._meta.constraints
        if isinstance(constraint, models.UniqueConstraint)
        and "locale" in constraint.fields
        and constraint.condition is None
        and not constraint.expressions
    ]


def one_per_locale(model):
    """Whether `model` allows one instance per language (a unique constraint on `locale`)."""
    return ("locale",) in locale_constraints(model)


def locales_without(model):
    """The locales that have no instance of `model` yet, in the order of their ids."""
    from wagtail.models import Locale

    return Locale.objects.exclude(pk__in=model._default_manager.values("locale_id")).order_by("pk")


class TranslatableSnippetForm(WagtailAdminModelForm):
    """Refuses, with a message in the editor's language, what a unique constraint on the
    snippet's language would refuse at saving."""

    def clean(self):
        cleaned_data = super().clean()
        instance = self.instance
        if instance.locale_id is None:
            return cleaned_data
        model = type(instance)
        for fields in locale_constraints(model):
            values = {"locale_id": instance.locale_id}
            for name in fields:
                if name == "locale":
                    continue
                value = cleaned_data.get(name) if name in self.fields else getattr(instance, name)
                if value in (None, ""):
                    break  # the field's own error says so
                values[name] = value
            else:
                existing = model._default_manager.filter(**values).exclude(pk=instance.pk).first()
                if existing is not None:
                    self._refuse(fields, existing)
        return cleaned_data

    def _refuse(self, fields, existing):
        language = language_in_sentence(existing.locale)
        others = [name for name in fields if name != "locale" and name in self.fields]
        if not others:
            self.add_error(
                None,
                ValidationError(
                    gettext(
                        "Only one “%(model)s” per language: the one in %(language)s already "
                        "exists. Edit it instead of adding another."
                    )
                    % {"model": model_name(existing), "language": language},
                    code="one_per_locale",
                ),
            )
            return
        for name in others:
            self.add_error(
                name,
                ValidationError(
                    gettext("Already used in %(language)s by “%(object)s”: choose another.")
                    % {"language": language, "object": existing},
                    code="unique_in_locale",
                ),
            )


def model_name(instance):
    """A model's (or an instance's model's) name in the active language."""
    return str(instance._meta.verbose_name)


# Languages whose names are common nouns, written in lower case inside a sentence (Django's
# catalogs give them capitalised, as labels: "Anglais", "Inglés").
LOWER_CASE_LANGUAGE_NAMES = ("fr", "es")


def language_in_sentence(locale):
    """The locale's language named in the active language, as written inside a sentence."""
    name = locale.language_name_localized
    return name.lower() if get_language() in LOWER_CASE_LANGUAGE_NAMES else name
