"""Site search: every public page type, in the visitor's language, with matching excerpts."""

from django.shortcuts import render
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET
from wagtail.models import Locale, Page
from wagtail.search import index

from core.listing import Listing

MAX_QUERY_LENGTH = 200
EXCERPT_WORDS = 30


# Characters with a meaning in full-text query syntax (SQLite FTS5 refuses an unbalanced
# quote, for one): visitors type words, so they become spaces.
QUERY_SYNTAX = str.maketrans({c: " " for c in '"*^(){}[]:+~<>|\\\x00'})


def clean_query(raw):
    """Words only: no NUL byte (PostgreSQL refuses them), no query syntax, at most 200
    characters (longer queries are cut, not refused)."""
    return " ".join(raw.translate(QUERY_SYNTAX).split())[:MAX_QUERY_LENGTH].strip()


PUNCTUATION = "“”«»\"'‘’.,;:!?()[]…"


def _norm(token):
    return token.strip(PUNCTUATION).lower()


def excerpt(text, query):
    """About 30 words of `text` around the place where most of the query's words appear
    close together, the words that start like a query word marked. Built from escaped
    words only."""
    words = sorted(
        {_norm(word) for word in query.split() if len(_norm(word)) > 1}, key=len, reverse=True
    )
    tokens = text.split()
    if not tokens:
        return ""

    def matches(token, candidates=words):
        return any(_norm(token).startswith(word) for word in candidates)

    hits = [{w for w in words if _norm(token).startswith(w)} for token in tokens]
    best, anchor = 0, 0
    for position, found in enumerate(hits):
        if found:
            near = set().union(*hits[position : position + 8])
            if len(near) > best:
                best, anchor = len(near), position
    start = max(0, anchor - EXCERPT_WORDS // 3)
    chunk = tokens[start : start + EXCERPT_WORDS]
    html = " ".join(
        f"<mark>{escape(token)}</mark>" if matches(token) else escape(token) for token in chunk
    )
    prefix = "… " if start else ""
    suffix = " …" if start + EXCERPT_WORDS < len(tokens) else ""
    return mark_safe(prefix + html + suffix)  # noqa: S308 - every token is escaped


def searchable_text(page):
    """The text of a page's search fields (StreamField panels included), as indexed.

    Built from the page itself: PostgreSQL's index keeps lexemes, not readable text.
    """
    parts = []
    for field in page.search_fields:
        if not isinstance(field, index.SearchField) or field.field_name == "title":
            continue
        value = field.get_value(page)
        values = value if isinstance(value, list | tuple) else [value]
        parts.extend(strip_tags(str(v)) for v in values if v)
    return " ".join(parts)


class SiteSearch(Listing):
    """Pages of the active language matching the query, each card with an excerpt."""

    page_size = 10
    with_images = False

    def __init__(self, page, request):
        super().__init__(page, request)
        # Not a form field: a query with a NUL byte is cleaned, not refused.
        self.query = clean_query(request.GET.get("q", ""))

    def get_queryset(self):
        locale = Locale.get_active()
        pages = Page.objects.live().public().filter(locale=locale)
        # Search filters only on indexed fields: this language's aliases are left out by id.
        aliases = Page.objects.filter(locale=locale, alias_of__isnull=False).values_list(
            "pk", flat=True
        )
        return pages.exclude(id__in=list(aliases)).search(self.query)

    def get_cards(self, items):
        ids = [item.pk for item in items]
        pages = {p.pk: p for p in Page.objects.filter(pk__in=ids).specific()}
        return [self.card(pages[pk], None) for pk in ids if pk in pages]

    def card(self, item, rendition):
        card = super().card(item, rendition)
        card.summary = excerpt(searchable_text(item), self.query)
        return card


@require_GET
def search(request):
    site_search = SiteSearch(None, request)
    context = {"query": site_search.query, "cards": [], "page_obj": None}
    if site_search.query:
        context.update(site_search.get_context())
    return render(request, "search.html", context)
