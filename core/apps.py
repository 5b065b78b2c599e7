from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Site core")

    def ready(self):
        from caching import cache_purge
        from core import translated_privacy
        from core.models import FooterContent, SitePages
        from core.templatetags import core_tags  # noqa: F401 - registers the page fragments

        # The footer is on every page; which page is the privacy notice (linked from forms
        # and the footer) changes every page that links to it.
        cache_purge.register_chrome_model(FooterContent)
        cache_purge.register_site_wide_model(SitePages)
        cache_purge.register_site_wide_page(
            lambda page: SitePages.objects.filter(
                privacy_page__translation_key=page.translation_key
            ).exists()
        )
        translated_privacy.connect()
