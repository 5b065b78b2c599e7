"""Pages hold snippets of their own language.

A page's themes, partners and agenda references are chosen among the snippets of the
page's locale. Two paths could still attach another language's snippet: an editor's
form (an old tab, a crafted POST) and wagtail-localize, which copies many-to-many fields
from the source page as they are. Both pass through here:

- the admin form offers the page's language only, replaces a snippet of another language
  by its translation, and refuses one that has no translation yet with a message that
  names it;
- the model's `clean()` (run by every page save and revision) makes the same replacement
  and keeps a snippet that has no translation yet, which displays fall back on
  (`core.snippets.localize_instances`) until a translator translates it.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import TranslatableMixin


def snippet_relations(model):
    """The names of `model`'s many-to-many fields to translatable snippets."""
    return [
        field.name
        for field in model._meta.get_fields()
        if isinstance(field, ParentalManyToManyField)
        and issubclass(field.related_model, TranslatableMixin)
    ]


def translations_in(instances, locale_id):
    """{instance's pk: its version in the locale} for the instances that have one."""
    instances = list(instances)
    if not instances:
        return {}
    model = type(instances[0])
    found = {
        item.translation_key: item
        for item in model.objects.filter(
            locale_id=locale_id, translation_key__in={i.translation_key for i in instances}
        )
    }
    return {
        instance.pk: found[instance.translation_key]
        for instance in instances
        if instance.translation_key in found
    }


def in_page_locale(page):
    """Replace, in memory, the page's snippets of another language by their translation.

    Only relations held in memory are looked at (assigned by a form, a copy or
    wagtail-localize's sync): those loaded from the database passed here when saved.
    """
    if page.locale_id is None:
        return
    in_memory = getattr(page, "_cluster_related_objects", {})
    for name in snippet_relations(type(page)):
        if name not in in_memory:
            continue
        chosen = list(getattr(page, name).all())
        foreign = [item for item in chosen if item.locale_id != page.locale_id]
        if not foreign:
            continue
        translations = translations_in(foreign, page.locale_id)
        kept = []
        for item in chosen:
            item = translations.get(item.pk, item)
            if item not in kept:
                kept.append(item)
        setattr(page, name, kept)


class SnippetsInLocaleField(forms.ModelMultipleChoiceField):
    """Offers the snippets of one locale (and those the page already holds of another).

    A snippet of another language is replaced by its translation; one without a
    translation is refused, unless the page already held it (then it stays until it is
    translated, as wagtail-localize's sync leaves it).
    """

    def __init__(self, queryset, *, locale, held=(), **kwargs):
        self.locale = locale
        self.any_locale = queryset
        self.held = {item.pk for item in held if item.locale_id != locale.pk}
        offered = queryset.filter(Q(locale=locale) | Q(pk__in=self.held))
        super().__init__(offered.select_related("locale"), **kwargs)

    def label_from_instance(self, obj):
        if obj.locale_id == self.locale.pk:
            return super().label_from_instance(obj)
        return format_lazy("{} ({})", obj, obj.locale.get_display_name())

    def _check_values(self, value):
        chosen = list(forms.ModelMultipleChoiceField(self.any_locale)._check_values(value))
        foreign = [item for item in chosen if item.locale_id != self.locale.pk]
        translations = translations_in(foreign, self.locale.pk)
        untranslated = [i for i in foreign if i.pk not in translations and i.pk not in self.held]
        if untranslated:
            raise ValidationError(
                _(
                    "%(names)s: not available in %(language)s yet. Choose among the "
                    "%(language)s ones, or have it translated first."
                ),
                code="other_language",
                params={
                    "names": ", ".join(str(item) for item in untranslated),
                    "language": self.locale.get_display_name(),
                },
            )
        pks = [translations.get(item.pk, item).pk for item in chosen]
        return self.any_locale.filter(pk__in=pks)


class PageForm(WagtailAdminPageForm):
    """The admin form of every page: snippet selects limited to the page's language."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        locale = self.instance.locale if self.instance.locale_id else None
        if locale is None:
            return
        for name in snippet_relations(type(self.instance)):
            field = self.fields.get(name)
            if field is None:
                continue
            held = getattr(self.instance, name).all() if self.instance.pk else ()
            self.fields[name] = SnippetsInLocaleField(
                field.queryset,
                locale=locale,
                held=list(held),
                required=field.required,
                widget=field.widget,
                label=field.label,
                help_text=field.help_text,
            )
