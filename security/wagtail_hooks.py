from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django_otp import user_has_device
from wagtail import hooks

from security import two_factor


@hooks.register("register_admin_urls")
def two_factor_urls():
    return [
        path("two-factor/verify/", two_factor.verify, name="two_factor_verify"),
        path("two-factor/enrol/", two_factor.enrol, name="two_factor_enrol"),
        path("two-factor/backup-codes/", two_factor.backup_codes, name="two_factor_backup_codes"),
    ]


@hooks.register("register_account_menu_item")
def two_factor_menu_item(request):
    return {
        "url": reverse("two_factor_enrol"),
        "label": _("Two-factor sign-in"),
        "help_text": _("Ask for a code from an authenticator app after the password."),
    }


@hooks.register("register_account_menu_item")
def backup_codes_menu_item(request):
    if not user_has_device(request.user, confirmed=True):
        return None
    return {
        "url": reverse("two_factor_backup_codes"),
        "label": _("Backup codes"),
        "help_text": _("Single-use codes for signing in when your phone is not at hand."),
    }
