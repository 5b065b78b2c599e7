import csv

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.views import submit_translations
from wagtail_localize.views.edit_translation import stop_translation
from wagtail_localize.views.update_translations import UpdateTranslationsView

from core.listing import query_without_page
from core.spreadsheets import safe_row
from localization import glossary, notifications, po_files, workflow
from localization.forms import DashboardFilterForm, POImportForm, SendBackForm
from localization.permissions import language_scope
from localization.status import State, compute_rows, row_for, section_choices

PER_PAGE = 100


def can_see_dashboard(user):
    scope = language_scope(user)
    return (
        user.is_superuser
        or user.has_perm("wagtail_localize.submit_translation")
        or bool(scope.teams)
    )


def dashboard(request):
    if not can_see_dashboard(request.user):
        raise PermissionDenied
    locales = list(Locale.objects.order_by("pk"))
    rows = compute_rows()
    content_types = sorted(
        {(row.content_type_key, str(row.content_type_label)) for row in rows},
        key=lambda pair: pair[1].lower(),
    )
    data = request.GET.copy()
    scope = language_scope(request.user)
    if "locale" not in data and scope.teams:
        # A translator sees their language by default.
        first = next(locale for locale in locales if locale.pk in scope.locale_ids)
        data["locale"] = first.language_code
    form = DashboardFilterForm(
        data, locales=locales, content_types=content_types, sections=section_choices(rows)
    )
    filters = form.valid_values()
    if "content_type" in filters:
        rows = [row for row in rows if row.content_type_key == filters["content_type"]]
    if "section" in filters:
        rows = [row for row in rows if row.section_key == filters["section"]]
    if "locale" in filters:
        rows = [row for row in rows if row.locale.language_code == filters["locale"]]
    counts = _counts(rows, locales)
    if "state" in filters:
        rows = [row for row in rows if row.state == filters["state"]]
    rows.sort(key=lambda row: (str(row.source.title).lower(), row.locale.pk))

    if request.GET.get("format") == "csv":
        return _csv(rows)
    paginator = Paginator(rows, PER_PAGE)
    page = paginator.get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        "localization/dashboard.html",
        {
            "page_title": _("Translation status"),
            "header_icon": "wagtail-localize-language",
            "form": form,
            "rows": page,
            "paginator": paginator,
            "counts": counts,
            "states": State.choices,
            "query": query_without_page(request, "p"),
            "can_sync": request.user.has_perm("wagtail_localize.submit_translation"),
            "total": len(rows),
            "files_language": filters.get("locale"),
        },
    )


def _counts(rows, locales):
    """[(locale, [count per state], total)] over the rows shown (before the state filter)."""
    table = {locale.pk: dict.fromkeys(State.labels, 0) for locale in locales}
    for row in rows:
        table[row.locale.pk][row.state] += 1
    return [
        (
            locale,
            [table[locale.pk][state] for state, _label in State.choices],
            sum(table[locale.pk].values()),
        )
        for locale in locales
        if sum(table[locale.pk].values())
    ]


def _csv(rows):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="translation-status.csv"'
    codes = dict(Locale.objects.values_list("pk", "language_code"))
    writer = csv.writer(response)
    writer.writerow(["title", "type", "source_language", "language", "state", "percent"])
    for row in rows:
        # Titles are typed by editors and translators: none runs as a formula.
        writer.writerow(
            safe_row(
                [
                    row.source.title,
                    row.content_type_key,
                    codes.get(row.source.locale_id, ""),
                    row.locale.language_code,
                    row.state,
                    "" if row.percent is None else row.percent,
                ]
            )
        )
    return response


@require_POST
def bulk_sync(request):
    """Sync the chosen sources' translations with the source's current content (editors)."""
    if not request.user.has_perm("wagtail_localize.submit_translation"):
        raise PermissionDenied
    ids = [value for value in request.POST.getlist("source") if value.isdigit()]
    for source in TranslationSource.objects.filter(pk__in=ids):
        workflow.sync(source, request.user)
        # One set of source strings serves every language: say which languages moved.
        languages = [
            translation.target_locale.get_display_name()
            for translation in source.translations.filter(enabled=True)
            .select_related("target_locale")
            .order_by("target_locale__language_code")
        ]
        messages.success(
            request,
            _("Synced “%(title)s” in %(languages)s. Nothing is published before review.")
            % {"title": source.object_repr, "languages": ", ".join(languages)},
        )
    return redirect(request.POST.get("next") or reverse("localization:dashboard"))


def translation_detail(request, translation_id):
    """Status, history and the hand-off actions of one translation."""
    translation = get_object_or_404(
        Translation.objects.select_related("source__specific_content_type", "target_locale"),
        pk=translation_id,
    )
    scope = language_scope(request.user)
    locale_id = translation.target_locale_id
    if not scope.can_hand_over(locale_id):
        raise PermissionDenied
    # Bound only when sending back: a publish that asks for confirmation shows it unbound.
    sending_back = request.method == "POST" and request.POST.get("action") == "send_back"
    send_back_form = SendBackForm(request.POST if sending_back else None)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "ready" and scope.can_hand_over(locale_id):
            found = glossary.violations(translation, request=request)
            if found and request.POST.get("confirm_glossary") != "1":
                # Strings use a glossary term without its approved translation: say which,
                # and hand over only when the translator confirms.
                return TemplateResponse(
                    request,
                    "localization/glossary_confirm_ready.html",
                    _glossary_warning_context(translation, send_back_form, scope, found),
                )
            workflow.mark_ready(translation, request.user)
            messages.success(request, _("Marked ready for review. The reviewers are notified."))
        elif action == "send_back" and scope.can_review(locale_id):
            if not send_back_form.is_valid():
                return TemplateResponse(
                    request,
                    "localization/translation.html",
                    _detail_context(translation, send_back_form, scope),
                    status=400,
                )
            workflow.send_back(translation, request.user, send_back_form.cleaned_data["comment"])
            messages.success(request, _("Sent back to the translator."))
        elif action == "publish" and scope.can_review(locale_id):
            missing = workflow.untranslated_fields(translation)
            if missing and request.POST.get("confirm_incomplete") != "1":
                # Publishing now would show these fields in the source language: say so,
                # and publish only when the reviewer confirms.
                context = _detail_context(translation, send_back_form, scope)
                context["untranslated_fields"] = missing
                return TemplateResponse(request, "localization/translation.html", context)
            workflow.publish(translation, request.user)
            messages.success(request, _("Published."))
        else:
            raise PermissionDenied
        return redirect("localization:translation", translation.pk)
    return TemplateResponse(
        request,
        "localization/translation.html",
        _detail_context(translation, send_back_form, scope),
    )


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


def _translation_row(translation):
    """The status row of this translation alone (None if its object is gone, or if its
    language's version is counted against another source language)."""
    model = translation.source.specific_content_type.model_class()
    if model is None:
        return None
    row = row_for(model, translation.source.object_id, translation.target_locale_id)
    return row if row is not None and row.translation_id == translation.pk else None


def _detail_context(translation, send_back_form, scope):
    row = _translation_row(translation)
    return {
        "page_title": translation.source.object_repr,
        "page_subtitle": translation.target_locale.get_display_name(),
        "header_icon": "wagtail-localize-language",
        "translation": translation,
        "row": row,
        "events": translation.workflow_events.select_related("user"),
        "changes": workflow.changes_since_publication(translation),
        "send_back_form": send_back_form,
        # Handing over is the translators' step: not shown to those who publish, nor again
        # while the translation waits for review.
        "can_mark_ready": (
            scope.can_hand_over(translation.target_locale_id)
            and not scope.can_review(translation.target_locale_id)
            and not (row is not None and row.state == State.READY)
        ),
        "can_review": scope.can_review(translation.target_locale_id),
    }


def _glossary_warning_context(translation, send_back_form, scope, found):
    """The translation's page with the glossary's warning (its own "Mark ready" button)."""
    context = _detail_context(translation, send_back_form, scope)
    context["glossary_violations"] = found
    # Shown string by string, each with the terms it misses.
    strings = {}
    for source_text, translated_text, term in found:
        strings.setdefault((source_text, translated_text), []).append(term)
    context["glossary_strings"] = [
        {
            "source_text": glossary.plain_text(source_text),
            "translated_text": glossary.plain_text(translated_text),
            "terms": terms,
        }
        for (source_text, translated_text), terms in strings.items()
    ]
    context["can_mark_ready"] = False  # the warning holds the button
    return context


def _files_locale(request, language_code):
    locale = get_object_or_404(Locale, language_code=language_code)
    scope = language_scope(request.user)
    if not can_see_dashboard(request.user) or not scope.can_edit(locale.pk):
        raise PermissionDenied
    return locale


def po_export(request, language_code):
    locale = _files_locale(request, language_code)
    response = HttpResponse(po_files.export_archive(locale), content_type="application/zip")
    response["Content-Disposition"] = (
        f'attachment; filename="translations-{locale.language_code}.zip"'
    )
    return response


def po_import(request, language_code):
    locale = _files_locale(request, language_code)
    form = POImportForm(request.POST or None, request.FILES or None)
    report = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            report = po_files.import_archive(form.cleaned_data["archive"], locale, request.user)
            status = 200 if report.ok else 400
        else:
            status = 400
    return TemplateResponse(
        request,
        "localization/po_import.html",
        {
            "page_title": _("Translation files"),
            "page_subtitle": locale.get_display_name(),
            "header_icon": "download",
            "locale": locale,
            "form": form,
            "report": report,
        },
        status=status,
    )
