from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LocalizationConfig(AppConfig):
    """What the site adds to wagtail-localize: language teams, per-language permissions,
    translation status, the reviewers' hand-off and bulk PO files."""

    name = "localization"
    verbose_name = _("Translation workflow")

    def ready(self):
        from localization import signals  # noqa: F401 - registers the signal handlers
        from localization.templatetags import translation_tags  # noqa: F401 - page fragments
