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
    """The admin form of every page: snippet selects limited to the page's language, and a
    slug held by a draft that was never published (a new page left behind, autosaved) said
    so, with links to continue it or delete it, instead of Wagtail's bare "already in use"."""

    def clean(self):
        cleaned_data = super().clean()
        slug = cleaned_data.get("slug") or self.data.get("slug")
        if self.has_error("slug") and slug and self.parent_page is not None:
            holder = self._draft_holding(slug)
            if holder is not None:
                self.errors["slug"] = self.error_class([draft_holds_slug_message(holder)])
        return cleaned_data

    def _draft_holding(self, slug):
        siblings = self.parent_page.get_children().filter(slug=slug)
        if self.instance.pk:
            siblings = siblings.exclude(pk=self.instance.pk)
        holder = siblings.first()
        if holder is None or holder.live or holder.first_published_at is not None:
            return None
        return holder

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


def draft_holds_slug_message(draft):
    """The slug error when a never-published draft holds the slug: which draft, when it was
    last edited, and links to continue it or delete it (in the editor's language)."""
    from django.urls import reverse
    from django.utils import formats
    from django.utils.html import format_html
    from django.utils.translation import gettext

    edited = draft.latest_revision_created_at or draft.last_published_at
    return format_html(
        gettext(
            "This slug is held by “{title}”, a draft never published (last edited {date}). "
            '<a href="{edit}">Continue that draft</a> or <a href="{delete}">delete it</a>, '
            "then save this page again; or choose another slug."
        ),
        title=draft.get_admin_display_title(),
        date=formats.date_format(edited, "SHORT_DATETIME_FORMAT") if edited else "—",
        edit=reverse("wagtailadmin_pages:edit", args=[draft.pk]),
        delete=reverse("wagtailadmin_pages:delete", args=[draft.pk]),
    )
