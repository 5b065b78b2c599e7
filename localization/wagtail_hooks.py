from django.core.exceptions import PermissionDenied
from django.templatetags.static import static
from django.urls import include, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from localization import urls
from localization.inbox import TranslatorInboxPanel
from localization.permissions import language_scope
from localization.views import can_see_dashboard


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("translation-workflow/", include(urls, namespace="localization"))]


class DashboardMenuItem(MenuItem):
    def is_shown(self, request):
        return can_see_dashboard(request.user)


@hooks.register("register_admin_menu_item")
def register_dashboard_menu_item():
    return DashboardMenuItem(
        _("Translation status"),
        reverse("localization:dashboard"),
        icon_name="wagtail-localize-language",
        order=250,
    )


@hooks.register("construct_homepage_panels")
def add_translator_inbox(request, panels):
    panels.insert(0, TranslatorInboxPanel(request.user))


@hooks.register("insert_global_admin_js")
def right_to_left_fields():
    # Arabic content reads right to left in wagtail-localize's editor and Wagtail's forms.
    return format_html('<script src="{}" defer></script>', static("localization/rtl.js"))


@hooks.register("insert_global_admin_css")
def dashboard_css():
    return format_html('<link rel="stylesheet" href="{}">', static("localization/admin.css"))


@hooks.register("before_delete_page")
def translators_do_not_delete_pages(request, page):
    # Wagtail lets anyone who may edit a page delete it while it is a draft: a translator
    # would lose a language's work in progress. Deleting is for editors.
    if language_scope(request.user).is_limited:
        raise PermissionDenied
