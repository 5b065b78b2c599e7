"""Bulk translation files of one language: the PO archive exported for translators and
imported back (`localization.po_files`)."""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from wagtail.models import Locale

from localization import po_files
from localization.forms import POImportForm
from localization.permissions import language_scope
from localization.views.dashboard import can_see_dashboard


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
