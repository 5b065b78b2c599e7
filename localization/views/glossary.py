"""The glossary's files in the admin: export as CSV or TBX, import from either (the formats
and how an import applies: `localization.glossary_files`), and the glossary's listing with
their buttons. Importing is for those who manage the glossary in every language
(communications editors); anyone who may see the glossary may export it."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from wagtail.admin.ui.tables import BooleanColumn, LocaleColumn
from wagtail.admin.widgets.button import Button
from wagtail.snippets.views.snippets import IndexView

from localization.forms import GlossaryImportForm
from localization.glossary_files import (
    GlossaryFileError,
    csv_header,
    export_rows,
    import_rows,
    languages,
    read_file,
    to_csv,
    to_tbx,
)
from localization.models import GlossaryTerm
from localization.permissions import language_scope


def can_export(user):
    return user.is_active and user.has_perm("localization.view_glossaryterm")


def can_import(user):
    """Those who manage the glossary in every language: an import writes them all."""
    return (
        user.is_active
        and not language_scope(user).is_limited
        and user.has_perms(
            [
                "localization.add_glossaryterm",
                "localization.change_glossaryterm",
                "localization.publish_glossaryterm",
            ]
        )
    )


def export_csv(request):
    if not can_export(request.user):
        raise PermissionDenied
    # With a byte order mark: spreadsheets then read the file as UTF-8.
    response = HttpResponse(
        "\ufeff" + to_csv(export_rows(), languages()), "text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="glossary.csv"'
    return response


def export_tbx(request):
    if not can_export(request.user):
        raise PermissionDenied
    response = HttpResponse(to_tbx(export_rows(), languages()), "application/xml; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="glossary.tbx"'
    return response


def import_glossary(request):
    if not can_import(request.user):
        raise PermissionDenied
    form = GlossaryImportForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                rows = read_file(form.cleaned_data["file"])
                report = import_rows(rows, request.user)
            except GlossaryFileError as error:
                for message in error.errors:
                    form.add_error(None, message)
            else:
                messages.success(
                    request,
                    _(
                        "Glossary imported: %(created)s new terms, %(updated)s changed, "
                        "%(translated)s translations made or updated."
                    )
                    % {
                        "created": report.created,
                        "updated": report.updated,
                        "translated": report.translated,
                    },
                )
                return redirect(GlossaryTerm.snippet_viewset.get_url_name("list"))
        status = 400
    return TemplateResponse(
        request,
        "localization/glossary_import.html",
        {
            "page_title": _("Import the glossary"),
            "header_title": _("Import the glossary"),
            "header_icon": "upload",
            "form": form,
            "columns": ", ".join(csv_header(languages())),
            "listing_url": reverse(GlossaryTerm.snippet_viewset.get_url_name("list")),
        },
        status=status,
    )


class GlossaryIndexView(IndexView):
    """The glossary's listing, with its files in the header's "more" menu."""

    @cached_property
    def list_display(self):
        return [
            "term",
            LocaleColumn(),
            "part_of_speech",
            BooleanColumn("do_not_translate", label=_("Do not translate")),
        ]

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        user = self.request.user
        if can_export(user):
            buttons.append(
                Button(
                    _("Download as CSV"),
                    url=reverse("glossary:export_csv"),
                    icon_name="download",
                    priority=60,
                )
            )
            buttons.append(
                Button(
                    _("Download as TBX"),
                    url=reverse("glossary:export_tbx"),
                    icon_name="download",
                    priority=70,
                )
            )
        if can_import(user):
            buttons.append(
                Button(
                    _("Import CSV or TBX"),
                    url=reverse("glossary:import"),
                    icon_name="upload",
                    priority=80,
                )
            )
        return buttons
