"""The translation status dashboard (every page and snippet in every language, filtered, as
a table or CSV: `localization.status`) and its bulk sync."""

import csv

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import Locale
from wagtail_localize.models import TranslationSource

from core.listing import query_without_page
from core.spreadsheets import safe_row
from localization import workflow
from localization.forms import DashboardFilterForm
from localization.permissions import language_scope
from localization.status import State, compute_rows, section_choices

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
