from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import include, path, reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin import messages as admin_messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.views.account import BaseSettingsPanel, notifications_tab
from wagtail.models import Page, TranslatableMixin
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from core.snippet_forms import language_in_sentence
from localization import urls, workflow
from localization.forms import NotificationPreferencesForm
from localization.inbox import TranslatorInboxPanel
from localization.models import GlossaryTerm, NotificationPreferences
from localization.permissions import language_scope
from localization.views import dashboard, glossary, localize_overrides


class GlossaryTermViewSet(SnippetViewSet):
    """The glossary: editors and reviewers manage it, translators read it (localization.roles);
    its CSV and TBX files are in the listing's header menu (localization.views.glossary)."""

    model = GlossaryTerm
    icon = "openquote"
    menu_label = _("Glossary")
    menu_order = 260
    add_to_admin_menu = True
    index_view_class = glossary.GlossaryIndexView
    list_display = [
        "term",
        Column("locale", label=_("Language"), accessor="locale.get_display_name"),
        "part_of_speech",
        BooleanColumn("do_not_translate", label=_("Do not translate")),
    ]
    list_filter = ["locale", "part_of_speech", "do_not_translate"]
    search_fields = ["term", "note"]


register_snippet(GlossaryTermViewSet)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("translation-workflow/", include(urls, namespace="localization")),
        path("glossary-files/", include((urls.glossary_urlpatterns, "glossary"))),
        # Listed before wagtail-localize's URLs (the app comes first in INSTALLED_APPS), so
        # these addresses of wagtail-localize's views reach ours: a sync that never
        # publishes, a stop-sync that asks first, submissions that tell the translators.
        path(
            "localize/submit/page/<int:page_id>/",
            localize_overrides.SubmitPageTranslationView.as_view(),
            name="submit_page_translation",
        ),
        path(
            "localize/submit/snippet/<slug:app_label>/<slug:model_name>/<str:pk>/",
            localize_overrides.SubmitSnippetTranslationView.as_view(),
            name="submit_snippet_translation",
        ),
        path(
            "localize/update/<int:translation_source_id>/",
            localize_overrides.SyncTranslationsView.as_view(),
            name="sync_translations",
        ),
        path(
            "localize/translate/<int:translation_id>/disable/",
            localize_overrides.confirm_stop_translation,
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
        return dashboard.can_see_dashboard(request.user)


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


class TranslationEmailsPanel(BaseSettingsPanel):
    """Account › Notifications: which translation emails a language team's member gets."""

    name = "translation_emails"
    title = _("Translation emails")
    tab = notifications_tab
    order = 150
    form_class = NotificationPreferencesForm

    def is_active(self):
        return bool(self.roles)

    @property
    def roles(self):
        return {team.role for team in language_scope(self.user).teams}

    def get_form(self):
        instance = NotificationPreferences.objects.filter(
            user=self.user
        ).first() or NotificationPreferences(user=self.user)
        data = (self.request.POST,) if self.request.method == "POST" else ()
        return self.form_class(*data, instance=instance, prefix=self.name, roles=self.roles)


@hooks.register("register_account_settings_panel")
def translation_emails_panel(request, user, profile):
    return TranslationEmailsPanel(request, user, profile)


def _language_names(locales):
    return ", ".join(language_in_sentence(locale) for locale in locales)


@hooks.register("after_publish_page")
def offer_to_bring_translations_up_to_date(request, page):
    """After a source page is published, the editor hears which languages now lag behind it
    and which have no version yet, each with the one step that fixes it: "Sync
    translations" (the changed strings go to the translators; nothing is published) and
    "Submit for translation" (wagtail-localize's views, as our overrides shape them)."""
    if not request.user.has_perm("wagtail_localize.submit_translation"):
        return
    state = workflow.after_source_published(page)
    if state is None:
        return
    back = urlencode({"next": reverse("wagtailadmin_pages:edit", args=[page.pk])})
    if state.behind:
        sync = reverse("sync_translations", args=[state.source.pk])
        admin_messages.warning(
            request,
            ngettext(
                "Its %(languages)s translation still shows the previous text until it is "
                "brought up to date.",
                "Its %(languages)s translations still show the previous text until they are "
                "brought up to date.",
                len(state.behind),
            )
            % {"languages": _language_names(state.behind)},
            buttons=[admin_messages.button(f"{sync}?{back}", gettext("Sync translations"))],
        )
    if state.missing:
        submit = reverse("wagtail_localize:submit_page_translation", args=[page.pk])
        admin_messages.info(
            request,
            gettext("Not translated yet into %(languages)s.")
            % {"languages": _language_names(state.missing)},
            buttons=[admin_messages.button(f"{submit}?{back}", gettext("Submit for translation"))],
        )
