from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import include, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.models import Page, TranslatableMixin

from localization import urls, views, workflow
from localization.inbox import TranslatorInboxPanel
from localization.permissions import language_scope


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("translation-workflow/", include(urls, namespace="localization")),
        # Listed before wagtail-localize's URLs (the app comes first in INSTALLED_APPS), so
        # these addresses of wagtail-localize's views reach ours: a sync that never
        # publishes, and a stop-sync that asks first.
        path(
            "localize/update/<int:translation_source_id>/",
            views.SyncTranslationsView.as_view(),
            name="sync_translations",
        ),
        path(
            "localize/translate/<int:translation_id>/disable/",
            views.confirm_stop_translation,
            name="stop_translation",
        ),
    ]


def _confirm_incomplete_publication(request, instance):
    """wagtail-localize's editor publishes a translation with one click, filling what is not
    translated with the source's text: when strings are missing, the reviewer confirms on the
    translation's review page first, which names the untranslated fields."""
    if request.method != "POST" or request.POST.get("action") != "publish":
        return None
    if isinstance(instance, Page) and not instance.permissions_for_user(request.user).can_publish():
        return None  # wagtail-localize refuses it
    translation = workflow.translation_into(instance)
    if translation is None:
        return None
    missing = workflow.untranslated_fields(translation)
    if not missing:
        return None
    messages.warning(
        request,
        _("Not published: these fields are not translated yet: %(fields)s.")
        % {"fields": ", ".join(missing)},
    )
    return redirect("localization:translation", translation.pk)


@hooks.register("before_edit_page")
def confirm_incomplete_page_publication(request, page):
    return _confirm_incomplete_publication(request, page)


@hooks.register("before_edit_snippet")
def confirm_incomplete_snippet_publication(request, instance):
    if not isinstance(instance, TranslatableMixin):
        return None
    return _confirm_incomplete_publication(request, instance)


class DashboardMenuItem(MenuItem):
    def is_shown(self, request):
        return views.can_see_dashboard(request.user)


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
