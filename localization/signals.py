from django.dispatch import receiver
from wagtail.signals import page_published
from wagtail_localize.models import Translation

from localization.workflow import record_published


@receiver(page_published)
def record_translation_published(sender, instance, revision, **kwargs):
    """A translation published from wagtail-localize's editor ends its review too."""
    translation = Translation.objects.filter(
        source__object_id=instance.translation_key,
        target_locale_id=instance.locale_id,
        enabled=True,
    ).first()
    if translation is None or translation.source.locale_id == instance.locale_id:
        return
    record_published(translation, getattr(revision, "user", None))
