"""The hand-off: a translator marks a translation ready, a reviewer publishes it or sends it
back with a comment. Every step is a TranslationEvent (who, what, when)."""

from dataclasses import dataclass
from itertools import zip_longest

from django.core.exceptions import FieldDoesNotExist
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation, TranslationSource

from localization import notifications
from localization.models import TranslationEvent


def mark_ready(translation, user):
    event = TranslationEvent.objects.create(
        translation=translation, action=TranslationEvent.Action.READY, user=user
    )
    notifications.ready_for_review(translation, user)
    return event


def send_back(translation, user, comment):
    notifications.sent_back(translation, user, comment)
    return TranslationEvent.objects.create(
        translation=translation,
        action=TranslationEvent.Action.SENT_BACK,
        user=user,
        comment=comment,
    )


def translation_into(instance):
    """The enabled wagtail-localize translation whose target is `instance` (a page or
    snippet in its language), or None for a source or a version made by hand."""
    translation = (
        Translation.objects.filter(
            source__object_id=instance.translation_key,
            target_locale_id=instance.locale_id,
            enabled=True,
        )
        .select_related("source")
        .first()
    )
    if translation is None or translation.source.locale_id == instance.locale_id:
        return None
    return translation


def _field_label(model, path):
    name = path.split(".", 1)[0]
    try:
        label = str(model._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:  # a field gone from the model still has its name
        label = name
    return label[:1].upper() + label[1:]


def current_strings(translation):
    """[field path, source text, translation] of each string, in the order of the form."""
    segments = (
        translation.source.stringsegment_set.annotate_translation(translation.target_locale)
        .select_related("context", "string")
        .order_by("order")
    )
    return [
        [segment.context.path, segment.string.data, segment.translation or ""]
        for segment in segments
    ]


def untranslated_fields(translation, strings=None):
    """The names of the fields that still have a string without a translation in the
    target language, in the order of the form: publishing now shows their source text.
    `strings`: `current_strings(translation)` when the caller has them already."""
    model = translation.source.specific_content_type.model_class()
    names = []
    for path, _source, translated in current_strings(translation) if strings is None else strings:
        if translated:
            continue
        label = _field_label(model, path)
        if label not in names:
            names.append(label)
    return names


@dataclass
class StringChange:
    field: str
    source_before: str
    source_now: str
    translation_before: str
    translation_now: str


def changes_since_publication(translation):
    """What changed, string by string, since the translation was last published (source and
    translation, before and now), or None when no publication recorded its strings."""
    published = (
        translation.workflow_events.filter(
            action__in=[
                TranslationEvent.Action.PUBLISHED,
                TranslationEvent.Action.PUBLISHED_INCOMPLETE,
            ]
        )
        .values_list("strings", flat=True)
        .first()
    )
    if not published:  # never published, or before publications recorded their strings
        return None
    model = translation.source.specific_content_type.model_class()
    before, now = _by_field(published), _by_field(current_strings(translation))
    changes = []
    for path in dict.fromkeys([*now, *before]):  # the form's order, then removed fields
        old, new = list(before.get(path, [])), list(now.get(path, []))
        for pair in list(old):
            if pair in new:  # unchanged: the same source text with the same translation
                old.remove(pair)
                new.remove(pair)
        for (source_before, translated_before), (source_now, translated_now) in zip_longest(
            old, new, fillvalue=("", "")
        ):
            changes.append(
                StringChange(
                    _field_label(model, path),
                    source_before,
                    source_now,
                    translated_before,
                    translated_now,
                )
            )
    return changes


def _by_field(strings):
    by_field = {}
    for path, source, translated in strings:
        by_field.setdefault(path, []).append((source, translated))
    return by_field


def publish(translation, user):
    """Publish the translation; the page_published signal records the event for pages.

    Callers confirm first when `untranslated_fields()` is not empty: wagtail-localize fills
    untranslated strings with the source's text."""
    instance = translation.get_target_instance()
    translation.save_target(user=user, publish=True)
    if not isinstance(instance, Page):
        record_published(translation, user)


def record_published(translation, user):
    """The event of a publication, saying which fields went out untranslated, if any."""
    strings = current_strings(translation)
    missing = untranslated_fields(translation, strings)
    TranslationEvent.objects.create(
        translation=translation,
        action=(
            TranslationEvent.Action.PUBLISHED_INCOMPLETE
            if missing
            else TranslationEvent.Action.PUBLISHED
        ),
        user=user,
        comment=", ".join(missing),
        strings=strings,
    )


def sync(source, user):
    """Bring a source's translations up to date with it (new strings wait for translators).
    Nothing is published: each language waits for its reviewer."""
    source.update_from_db()
    record_synced(source, user)


def record_synced(source, user):
    """The sync's event on each translation; translators hear of the strings it left to do."""
    for translation in source.translations.filter(enabled=True):
        TranslationEvent.objects.create(
            translation=translation, action=TranslationEvent.Action.SYNCED, user=user
        )
        if untranslated_fields(translation):
            notifications.new_work([translation], changed=True)


@dataclass
class SourcePublished:
    """After a source page is published: its `source` (None before its first submission),
    the languages whose translations now lag behind it (`behind`) and those without a
    version of the page yet (`missing`), as Locales."""

    source: TranslationSource | None
    behind: list
    missing: list


def after_source_published(page):
    """What publishing `page` left its other languages in; None when `page` is itself a
    translation (its reviewer published it) or an alias."""
    if page.alias_of_id is not None:
        return None
    sources = TranslationSource.objects.filter(object_id=page.translation_key)
    source = sources.filter(locale_id=page.locale_id).first()
    if source is None and sources.exists():
        return None  # a translation of another language's source
    behind = []
    if source is not None:
        behind = [
            translation.target_locale
            for translation in source.translations.filter(enabled=True)
            .select_related("target_locale")
            .order_by("target_locale__language_code")
        ]
    present = Page.objects.filter(translation_key=page.translation_key).values("locale_id")
    missing = list(Locale.objects.exclude(pk__in=present).order_by("language_code"))
    return SourcePublished(source=source, behind=behind, missing=missing)
