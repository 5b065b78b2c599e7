from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django_otp import user_has_device
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet

from core import cache_admin, page_cache, private, two_factor
from core.models import FooterContent

register_snippet(FooterContent)


@hooks.register("register_admin_urls")
def two_factor_urls():
    return [
        path("two-factor/verify/", two_factor.verify, name="two_factor_verify"),
        path("two-factor/enrol/", two_factor.enrol, name="two_factor_enrol"),
        path("two-factor/backup-codes/", two_factor.backup_codes, name="two_factor_backup_codes"),
        path("clear-page-cache/", cache_admin.clear_page_cache, name="clear_page_cache"),
    ]


class SuperuserMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser


@hooks.register("register_settings_menu_item")
def clear_page_cache_menu_item():
    return SuperuserMenuItem(
        _("Clear the page cache"), reverse("clear_page_cache"), icon_name="bin", order=900
    )


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


@hooks.register("before_serve_page")
def keep_read_query_parameters(page, request, serve_args, serve_kwargs):
    page_cache.keep_read_parameters(page, request)


@hooks.register("before_serve_document")
def mark_document_privacy(document, request):
    private.mark_document(document, request)
