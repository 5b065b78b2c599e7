"""Translatable snippets shown in the visitor's language, fetched in bulk."""

from django.conf import settings
from django.db.models import F
from django.utils import translation
from wagtail.models import DraftStateMixin

from core.i18n import locale_languages


def localize_instances(instances):
    """The active language's live version of each translatable instance, in one query per
    model; every display of a chosen snippet goes through this.

    An instance already live in the language is shown as it is, without a query.
    Without a live version in the language (not translated yet, or a translation still in
    review), the instance itself is shown if it is live, else the default language's live
    version, else the instance as it is. Order is kept.
    """
    instances = [instance for instance in instances if instance is not None]
    if not instances:
        return []
    language = translation.get_language()
    languages = {language, settings.LANGUAGE_CODE}
    locale_language = locale_languages()
    by_model = {}
    for instance in instances:
        if locale_language.get(instance.locale_id) == language and getattr(instance, "live", True):
            continue  # already the version shown (a page's snippets are of its language)
        by_model.setdefault(type(instance), set()).add(instance.translation_key)
    live = {}
    for model, keys in by_model.items():
        queryset = model.objects.filter(
            translation_key__in=keys, locale__language_code__in=languages
        ).annotate(language_code=F("locale__language_code"))
        if issubclass(model, DraftStateMixin):
            queryset = queryset.filter(live=True)
        for item in queryset:
            live[(model, item.translation_key, item.language_code)] = item
    return [_shown_version(instance, language, live) for instance in instances]


def _shown_version(instance, language, live):
    key = (type(instance), instance.translation_key)
    if (*key, language) in live:
        return live[(*key, language)]
    if getattr(instance, "live", True):
        return instance
    return live.get((*key, settings.LANGUAGE_CODE), instance)


def localized_snippet_map(instances):
    """{(model, translation_key): instance in the active language} for these instances."""
    instances = [instance for instance in instances if instance is not None]
    localized = localize_instances(instances)
    return {
        (type(original), original.translation_key): version
        for original, version in zip(instances, localized, strict=True)
    }


def localized_from_context(instances, parent_context):
    """The active language's versions of snippets chosen in a block.

    Uses the page's bulk resolution (`localized_snippets` in the context) when there is one.
    """
    instances = [instance for instance in instances if instance is not None]
    mapping = (parent_context or {}).get("localized_snippets")
    if mapping is None:
        return localize_instances(instances)
    return [mapping.get((type(i), i.translation_key), i) for i in instances]
