"""Our versions of wagtail-localize's views, reached at their addresses
(`localization.wagtail_hooks` lists them before wagtail-localize's URLs): a sync that never
publishes, a stop-sync that asks first, submissions that tell the translators."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail_localize.models import Translation
from wagtail_localize.views import submit_translations
from wagtail_localize.views.edit_translation import stop_translation
from wagtail_localize.views.update_translations import UpdateTranslationsView

from localization import notifications, workflow
from localization.permissions import language_scope


class SyncTranslationsView(UpdateTranslationsView):
    """wagtail-localize's "Sync translated pages" without its "Publish immediately": syncing
    never publishes; each language's reviewer publishes its version. Shadows wagtail-localize's
    view at the same address (localization.wagtail_hooks)."""

    def get_form(self):
        form = super().get_form()
        form.fields.pop("publish_translations", None)
        return form

    def form_valid(self, form):
        form.cleaned_data["publish_translations"] = False
        response = super().form_valid(form)
        workflow.record_synced(self.object, self.request.user)
        return response


class AnnouncedSubmission:
    """wagtail-localize's submission for translation, after which each chosen language's
    translators hear of their new work (one email per language, subtree included)."""

    def form_valid(self, form):
        started = timezone.now()
        response = super().form_valid(form)
        created = Translation.objects.filter(
            created_at__gte=started,
            enabled=True,
            # The form's queryset does not work as a subquery: compare ids.
            target_locale__in=[locale.pk for locale in form.cleaned_data["locales"]],
        ).select_related("source", "target_locale")
        notifications.new_work(list(created.order_by("pk")))
        return response


class SubmitPageTranslationView(AnnouncedSubmission, submit_translations.SubmitPageTranslationView):
    pass


class SubmitSnippetTranslationView(
    AnnouncedSubmission, submit_translations.SubmitSnippetTranslationView
):
    pass


def confirm_stop_translation(request, translation_id):
    """wagtail-localize's "Stop Synced translation" detaches a version from its source with
    one click: it then no longer follows the source's changes, and its editor becomes
    Wagtail's full form. Editors only, after a confirmation. Shadows wagtail-localize's view
    at the same address (localization.wagtail_hooks)."""
    translation = get_object_or_404(
        Translation.objects.select_related("target_locale"), pk=translation_id
    )
    if language_scope(request.user).is_limited or not request.user.has_perm(
        "wagtail_localize.submit_translation"
    ):
        raise PermissionDenied
    if request.method == "POST" and request.POST.get("confirm") == "1":
        return stop_translation(request, translation_id)
    return TemplateResponse(
        request,
        "localization/confirm_stop_translation.html",
        {
            "page_title": _("Stop the synced translation"),
            "page_subtitle": translation.source.object_repr,
            "header_icon": "wagtail-localize-language",
            "translation": translation,
            "next": get_valid_next_url_from_request(request),
        },
    )
