"""One translation's review page: its status and history, and the hand-off between translator
and reviewer (mark ready, with the glossary's warning; send back; publish)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from wagtail_localize.models import Translation

from localization import glossary, workflow
from localization.forms import SendBackForm
from localization.permissions import language_scope
from localization.status import State, row_for


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
