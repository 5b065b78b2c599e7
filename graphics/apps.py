from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


class GraphicsConfig(AppConfig):
    name = "graphics"
    verbose_name = _("Graphics")

    def ready(self):
        from graphics.social_cards import check_text_layout

        checks.register(check_text_layout)
