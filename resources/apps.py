from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResourcesConfig(AppConfig):
    name = "resources"
    verbose_name = _("Resource library")

    def ready(self):
        from resources import signals

        signals.connect()
        # Resources are listed on the pages of the cities they are about (cities.links).
        from cities.links import register_city_link
        from home.sections import register_section
        from resources.models import ResourcePage

        register_section("resources.ResourceLibraryPage", latest=True, order=40)

        register_city_link(
            "resources",
            _("Resources"),
            ResourcePage,
            lambda key: ResourcePage.objects.filter(cities__translation_key=key),
            ordering=("-publication_date", "-first_published_at"),
            order=40,
        )
