"""The translation memory's actions in the translation editor (localization.memory): fill
every exact match at once, use one suggestion, open the place a suggestion comes from."""

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail_localize.models import StringSegment, TranslatableObject, Translation
from wagtail_localize.views.edit_translation import user_can_edit_instance

from localization import memory
from localization.models import MemoryEntry
from localization.permissions import language_scope

PANEL_ANCHOR = "#l10n-memory"


def _editable(request, translation_id):
    """(translation, its target instance) when the user may edit the translation: in their
    language (language teams) and with Wagtail's and wagtail-localize's edit permission."""
    translation = get_object_or_404(
        Translation.objects.select_related("source", "target_locale"),
        pk=translation_id,
        enabled=True,
    )
    if not language_scope(request.user).can_edit(translation.target_locale_id):
        raise PermissionDenied
    try:
        instance = translation.get_target_instance()
    except ObjectDoesNotExist:
        raise Http404 from None
    if not user_can_edit_instance(request.user, instance):
        raise PermissionDenied
    return translation, instance


def _back_to_editor(request, instance):
    url = AdminURLFinder(request.user).get_edit_url(instance)
    if not url:
        raise PermissionDenied
    return redirect(url + PANEL_ANCHOR)


@require_POST
def fill_from_memory(request, translation_id):
    translation, instance = _editable(request, translation_id)
    count = memory.fill_from_memory(translation, request.user)
    if count:
        messages.success(
            request,
            ngettext(
                "Filled %(count)d string from the translation memory. It is marked "
                "“Translated with Translation memory” until someone edits it.",
                "Filled %(count)d strings from the translation memory. They are marked "
                "“Translated with Translation memory” until someone edits them.",
                count,
            )
            % {"count": count},
        )
    else:
        messages.info(request, _("The translation memory has no exact match to fill."))
    return _back_to_editor(request, instance)


@require_POST
def use_memory(request, translation_id):
    """Translate one string with one suggestion of the memory (the translator's click)."""
    translation, instance = _editable(request, translation_id)
    segment = get_object_or_404(
        StringSegment.objects.select_related("string"),
        pk=_posted_id(request, "segment"),
        source_id=translation.source_id,
    )
    entry = get_object_or_404(
        MemoryEntry,
        pk=_posted_id(request, "entry"),
        source_locale_id=translation.source.locale_id,
        target_locale_id=translation.target_locale_id,
    )
    memory.use_entry(translation, segment, entry, request.user)
    messages.success(
        request,
        _("Translated “%(source)s” with the translation memory’s suggestion.")
        % {"source": _shortened(segment.string.data)},
    )
    return _back_to_editor(request, instance)


def memory_origin(request, entry_id):
    """The editor of the page or snippet a memory entry comes from, in its language."""
    entry = get_object_or_404(MemoryEntry, pk=entry_id)
    if not language_scope(request.user).can_edit(entry.target_locale_id):
        raise PermissionDenied
    translatable = get_object_or_404(TranslatableObject, translation_key=entry.origin_key)
    try:
        instance = translatable.get_instance(entry.target_locale_id)
    except ObjectDoesNotExist:
        raise Http404 from None
    url = AdminURLFinder(request.user).get_edit_url(instance)
    if not url:
        raise PermissionDenied
    return redirect(url)


def _posted_id(request, name):
    value = request.POST.get(name, "")
    return int(value) if value.isdigit() else None


def _shortened(text, length=80):
    return text if len(text) <= length else text[: length - 1] + "…"
