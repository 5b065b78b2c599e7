"""Fill the translation memory from the translations already live (those published before
the memory existed); safe to run again. Later publications feed it by themselves
(localization.signals)."""

from django.core.exceptions import ObjectDoesNotExist
from django.core.management.base import BaseCommand
from django.utils import timezone
from wagtail_localize.models import Translation

from localization import memory


class Command(BaseCommand):
    help = (
        "Fill the translation memory from every live wagtail-localize translation (pages "
        "and snippets). Safe to run again: one entry per place, language and source text."
    )

    def handle(self, *args, **options):
        translations = strings = 0
        for translation in (
            Translation.objects.filter(enabled=True)
            .select_related("source")
            .order_by("pk")
            .iterator()
        ):
            if translation.source.locale_id == translation.target_locale_id:
                continue
            try:
                instance = translation.source.get_translated_instance(translation.target_locale_id)
            except ObjectDoesNotExist:
                continue
            if not getattr(instance, "live", True) or getattr(instance, "alias_of_id", None):
                continue  # never published (nothing of it is public yet), or an alias
            # The strings as they are now: those edited since the last publication were
            # not published; the memory keeps the translators' latest word all the same.
            published_at = getattr(instance, "last_published_at", None) or timezone.now()
            strings += memory.record_translation(translation, instance, published_at)
            translations += 1
        self.stdout.write(
            f"Translation memory: {strings} strings from {translations} live translations."
        )
