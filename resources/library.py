"""The resource library: text search, combinable facets with counts, sorting, pagination.

Cost is constant per page of results: the results, their count, one query per facet for
its counts, the page's themes and files and images. Text search goes through Wagtail's
search backend (PostgreSQL full-text search, SQLite FTS5 or the fallback), then the facets
filter the ranked queryset it returns.
"""

from django import forms
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Count, Q
from django.db.models.functions import ExtractYear
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from core.fields import language_label
from core.forms import ListingFilterForm
from core.listing import attach_listing_images, card_for
from core.search import clean_query
from resources.models import ResourceFile, ResourceKind, ResourcePage
from themes.listing import localized_themes_by_page
from themes.models import Partner, Theme

PAGE_SIZE = 20
SQLITE_RANK_LIMIT = 500
FACETS = ("theme", "kind", "year", "language", "publisher")


class LibraryForm(ListingFilterForm):
    q = forms.CharField(label=_("Search the library"), required=False, strip=True)
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    language = forms.ChoiceField(label=_("Language of the files"), required=False)
    publisher = forms.ChoiceField(label=_("Publisher"), required=False)
    sort = forms.ChoiceField(label=_("Sort by"), required=False)

    def __init__(self, data, options):
        super().__init__(data)
        for name in FACETS:
            self.set_choices(name, options[name])
        self.fields["sort"].choices = [
            ("", _("Most relevant first, or newest")),
            ("newest", _("Newest first")),
            ("oldest", _("Oldest first")),
            ("title", _("Title")),
        ]

    def clean_q(self):
        return clean_query(self.cleaned_data["q"])


def _facet_filter(name, value, themes, publishers):
    if name == "theme":
        return Q(themes__translation_key=themes[value].translation_key)
    if name == "kind":
        return Q(kind=value)
    if name == "year":
        return Q(publication_date__year=value)
    if name == "language":
        return Q(files__language=value)
    return Q(publishers__translation_key=publishers[value].translation_key)


def _ids(queryset):
    return queryset.order_by().values("pk")


def _facet_ids(queryset):
    """What facet counts aggregate over. PostgreSQL plans an aggregate over `IN (list)` far
    better than over `IN (subquery with joins)` (seen at 10,000 resources: 20 ms against
    1.2 s); SQLite is faster with the subquery (binding 10,000 parameters costs more)."""
    if connection.vendor == "postgresql":
        return list(queryset.order_by().values_list("pk", flat=True).distinct())
    return _ids(queryset)


def _counts(name, ids, themes, publishers):
    """{option value: number of resources} for one facet, over the given resources."""
    if name == "kind":
        # order_by() everywhere: a default ordering would join the GROUP BY and split counts.
        rows = (
            ResourcePage.objects.filter(pk__in=ids)
            .order_by()
            .values_list("kind")
            .annotate(n=Count("pk"))
        )
        return dict(rows)
    if name == "year":
        rows = (
            ResourcePage.objects.filter(pk__in=ids)
            .order_by()
            .annotate(y=ExtractYear("publication_date"))
            .values_list("y")
            .annotate(n=Count("pk"))
        )
        return {str(year): n for year, n in rows}
    if name == "language":
        rows = (
            ResourceFile.objects.filter(page_id__in=ids)
            .order_by()
            .values_list("language")
            .annotate(n=Count("page_id", distinct=True))
        )
        return dict(rows)
    through = ResourcePage.themes.through if name == "theme" else ResourcePage.publishers.through
    target = "theme" if name == "theme" else "partner"
    by_key = dict(
        through.objects.filter(resourcepage_id__in=ids)
        .order_by()
        .values_list(f"{target}__translation_key")
        .annotate(n=Count("resourcepage_id", distinct=True))
    )
    chosen = themes if name == "theme" else publishers
    return {slug: by_key.get(item.translation_key, 0) for slug, item in chosen.items()}


def library_context(library, request):
    language = translation.get_language()
    themes = {t.slug: t for t in Theme.objects.filter(locale__language_code=language)}
    publishers = {p.slug: p for p in Partner.objects.filter(locale__language_code=language)}
    base = library.resources()

    # Options first (every value a visitor may pick), then the form validates against them.
    years = sorted({d.year for d in base.dates("publication_date", "year")}, reverse=True)
    file_languages = sorted(
        set(
            ResourceFile.objects.filter(page__in=base.order_by().values("pk"))
            .order_by()
            .values_list("language", flat=True)
            .distinct()
        )
    )
    labels = {
        "theme": [(slug, t.name) for slug, t in sorted(themes.items(), key=lambda i: i[1].name)],
        "kind": list(ResourceKind.choices),
        "year": [(str(y), str(y)) for y in years],
        "language": [(code, language_label(code)) for code in file_languages],
        "publisher": [
            (slug, p.display_name)
            for slug, p in sorted(publishers.items(), key=lambda i: i[1].name)
        ],
    }
    form = LibraryForm(request.GET, labels)
    chosen = form.valid_values()
    query = chosen.get("q", "")

    searched, ranked = base, None
    if query:
        # The matches once, unranked, kept as ids (a full-text subquery repeated in every
        # facet query would cost its price each time); ranking orders only what is listed.
        matches = base.search(query, order_by_relevance=False).get_queryset()
        searched = base.filter(pk__in=list(matches.order_by().values_list("pk", flat=True)))
        ranked = base.search(query).get_queryset()

    def filtered(excluding=None):
        queryset = searched
        for name in FACETS:
            if name in chosen and name != excluding:
                queryset = queryset.filter(_facet_filter(name, chosen[name], themes, publishers))
        return queryset

    results = filtered()
    if any(name in chosen for name in ("theme", "language", "publisher")):
        results = base.filter(pk__in=_ids(results))  # joins may repeat a resource
    sort = chosen.get("sort") or ("relevance" if query else "newest")
    ranking_skipped = False
    if sort == "relevance":
        # SQLite computes its rank (bm25) row by row: past a few hundred matches, the
        # embedded database sorts by date instead, and says so. PostgreSQL always ranks.
        if connection.vendor == "sqlite" and results.count() > SQLITE_RANK_LIMIT:
            sort, ranking_skipped = "newest", True
        else:
            results = ranked.filter(pk__in=_ids(results))
    if sort != "relevance":
        ordering = {
            "newest": ("-publication_date", "-pk"),
            "oldest": ("publication_date", "pk"),
            "title": ("title", "pk"),
        }[sort]
        results = results.order_by(*ordering)

    facets = []
    for name in FACETS:
        counts = _counts(name, _facet_ids(filtered(excluding=name)), themes, publishers)
        options = [
            (value, label, counts.get(str(value), counts.get(value, 0)))
            for value, label in labels[name]
        ]
        facets.append(
            {
                "name": name,
                "field": form[name],
                "selected": str(chosen.get(name, "")),
                "options": [o for o in options if o[2] or str(o[0]) == str(chosen.get(name, ""))],
            }
        )

    paginator = Paginator(results.prefetch_related("themes", "files"), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    items = list(page.object_list)
    renditions = attach_listing_images(items)
    themes_by_page = localized_themes_by_page(items)
    cards = []
    for item in items:
        card = card_for(item, renditions.get(item.pk), request)
        cards.append(
            {
                "card": card,
                "kind": item.get_kind_display(),
                "date": item.publication_date,
                "tags": themes_by_page[item.pk],
                "languages": [language_label(f.language) for f in item.files.all()],
            }
        )
    params = request.GET.copy()
    params.pop("page", None)
    return {
        "library_form": form,
        "facets": facets,
        "query": query,
        "result_cards": cards,
        "page_obj": page,
        "paginator": paginator,
        "query_without_page": params.urlencode(),
        "theme_slug": chosen.get("theme", ""),
        "ranking_skipped": ranking_skipped,
    }


def related_resources(resource, request, limit=4):
    """Resources sharing a theme with this one, in the visitor's language, newest first."""
    keys = [t.translation_key for t in resource.themes.all()]
    if not keys:
        return []
    related = list(
        ResourcePage.objects.live()
        .public()
        .filter(locale_id=resource.locale_id, themes__translation_key__in=keys)
        .exclude(pk=resource.pk)
        .distinct()
        .order_by("-publication_date")[:limit]
    )
    renditions = attach_listing_images(related)
    return [card_for(item, renditions.get(item.pk), request) for item in related]
