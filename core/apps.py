from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Site core")

    def ready(self):
        from core import cache_purge, translated_privacy

        cache_purge.connect()
        translated_privacy.connect()
        from core.uploads import limit_decoded_pixels

        limit_decoded_pixels()
        from django.core import checks

        from core.social_cards import check_text_layout

        checks.register(check_text_layout)
