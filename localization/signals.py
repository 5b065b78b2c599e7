from django.dispatch import receiver
from wagtail.signals import page_published, published

from caching.cache_purge import register_site_wide_model
from localization import memory
from localization.models import TranslationSettings
from localization.workflow import record_published, translation_into

# Whether translations show the out-of-date notice: any page may change.
register_site_wide_model(TranslationSettings)


@receiver(page_published)
def record_translation_published(sender, instance, revision, **kwargs):
    """A translation published from wagtail-localize's editor ends its review too."""
    translation = translation_into(instance)
    if translation is None:
        return
    record_published(translation, getattr(revision, "user", None))


@receiver(published)
def feed_translation_memory(sender, instance, **kwargs):
    """Every published translation of a page or snippet feeds the translation memory
    (Wagtail sends `published` for pages too, after `page_published`)."""
    memory.record_published(instance)
