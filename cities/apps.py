from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CitiesConfig(AppConfig):
    name = "cities"
    verbose_name = _("Cities")

    def ready(self):
        # The apps above link their own content to cities (cities.links).
        from home.sections import register_section

        register_section("cities.CityIndexPage", order=50)
