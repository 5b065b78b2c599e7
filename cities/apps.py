from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CitiesConfig(AppConfig):
    name = "cities"
    verbose_name = _("Cities")

    def ready(self):
        # Projects (themes, below this app) are linked here; the apps above link their own.
        from cities.links import register_city_link
        from themes.models import ProjectPage

        register_city_link(
            "projects",
            _("Projects"),
            ProjectPage,
            lambda key: ProjectPage.objects.filter(cities__translation_key=key),
            order=10,
        )
