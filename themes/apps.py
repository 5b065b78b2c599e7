from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ThemesConfig(AppConfig):
    name = "themes"
    verbose_name = _("Work areas and action plans")

    def ready(self):
        # The work areas are a section of the home page; projects are listed on the pages
        # of their participating cities (cities.links).
        from cities.links import register_city_link
        from home.sections import register_section
        from themes.models import ProjectPage

        register_section("themes.ThemeIndexPage", order=10)
        register_city_link(
            "projects",
            _("Projects"),
            ProjectPage,
            lambda key: ProjectPage.objects.filter(cities__translation_key=key),
            order=10,
        )
