"""Translatable snippets shown in the visitor's language, fetched in bulk."""

from django.utils import translation


def localize_instances(instances):
    """The active language's version of each translatable instance, in one query per model.

    Pages keep pointing at the snippets chosen in the source language (wagtail-localize
    copies many-to-many fields as they are), so every display goes through this.
    Instances without a translation are returned as they are. Order is kept.
    """
    instances = [instance for instance in instances if instance is not None]
    if not instances:
        return []
    language = translation.get_language()
    by_model = {}
    for instance in instances:
        by_model.setdefault(type(instance), set()).add(instance.translation_key)
    localized = {}
    for model, keys in by_model.items():
        queryset = model.objects.filter(translation_key__in=keys, locale__language_code=language)
        for item in queryset:
            localized[(model, item.translation_key)] = item
    return [localized.get((type(i), i.translation_key), i) for i in instances]


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
