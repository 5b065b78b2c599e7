"""The hand-off: a translator marks a translation ready, a reviewer publishes it or sends it
back with a comment. Every step is a TranslationEvent (who, what, when)."""

from django.core.exceptions import FieldDoesNotExist
from wagtail.models import Page
from wagtail_localize.models import Translation

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


def untranslated_fields(translation):
    """The names of the fields that still have a string without a translation in the
    target language, in the order of the form: publishing now shows their source text."""
    model = translation.source.specific_content_type.model_class()
    names = []
    segments = (
        translation.source.stringsegment_set.annotate_translation(translation.target_locale)
        .filter(translation__isnull=True)
        .select_related("context")
        .order_by("order")
    )
    for segment in segments:
        name = segment.context.path.split(".", 1)[0]
        try:
            label = str(model._meta.get_field(name).verbose_name)
        except FieldDoesNotExist:  # a field gone from the model still has its name
            label = name
        label = label[:1].upper() + label[1:]
        if label not in names:
            names.append(label)
    return names


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
    missing = untranslated_fields(translation)
    TranslationEvent.objects.create(
        translation=translation,
        action=(
            TranslationEvent.Action.PUBLISHED_INCOMPLETE
            if missing
            else TranslationEvent.Action.PUBLISHED
        ),
        user=user,
        comment=", ".join(missing),
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
