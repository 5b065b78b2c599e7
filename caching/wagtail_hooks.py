from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from caching import cache_admin, private


@hooks.register("register_admin_urls")
def cache_admin_urls():
    return [path("clear-page-cache/", cache_admin.clear_page_cache, name="clear_page_cache")]


class SuperuserMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser


@hooks.register("register_settings_menu_item")
def clear_page_cache_menu_item():
    return SuperuserMenuItem(
        _("Clear the page cache"), reverse("clear_page_cache"), icon_name="bin", order=900
    )


@hooks.register("before_serve_document")
def mark_document_privacy(document, request):
    private.mark_document(document, request)
