"""Site search: every public page type, in the visitor's language, with matching excerpts,
at an address in that language (/fr/recherche/, /es/buscar/, /ar/بحث/)."""

from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET
from wagtail.models import Locale, Page
from wagtail.search import index

from core.listing import Listing, complete_cards
from core.text import plain_text
from core.visibility import public
from search import analysis
from search.vocabulary import suggestion

MAX_QUERY_LENGTH = 200
EXCERPT_WORDS = 30


# Characters with a meaning in full-text query syntax: visitors type words, so they become
# spaces. Double quotes mark phrases (search.analysis.phrases_and_words); each backend
# builds its own phrase query from them.
QUERY_SYNTAX = str.maketrans({c: " " for c in "*^(){}[]:+~<>|\\\x00"})


def clean_query(raw):
    """Words and quoted phrases only: no NUL byte (PostgreSQL refuses them), no other query
    syntax, a quote left open dropped, at most 200 characters (longer queries are cut, not
    refused); nothing at all when no word is left (only punctuation or invisible formatting
    characters)."""
    query = " ".join(raw.translate(QUERY_SYNTAX).split())[:MAX_QUERY_LENGTH].strip()
    if query.count('"') % 2:
        head, _, tail = query.rpartition('"')
        query = " ".join(f"{head} {tail}".split())
    return query if analysis.WORD.search(query) else ""


def excerpt(text, query, language=None):
    """About 30 words of `text` around the place where most of the query's words appear
    close together, the words found by the query marked (the forms the search matched:
    "logements" marks "logement" too). Built from escaped words only."""
    language = analysis.language_of(language or translation.get_language())
    groups = analysis.query_terms(language, query)
    tokens = text.split()
    if not tokens:
        return ""

    def found(token):
        token_terms = set(analysis.terms(language, token))
        return {i for i, group in enumerate(groups) if token_terms.intersection(group)}

    hits = [found(token) for token in tokens]

    def matches(position):
        return bool(hits[position])

    best, anchor = 0, 0
    for position, found in enumerate(hits):
        if found:
            near = set().union(*hits[position : position + 8])
            if len(near) > best:
                best, anchor = len(near), position
    start = max(0, anchor - EXCERPT_WORDS // 3)
    chunk = range(start, min(start + EXCERPT_WORDS, len(tokens)))
    html = " ".join(
        f"<mark>{escape(tokens[i])}</mark>" if matches(i) else escape(tokens[i]) for i in chunk
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
        text = " ".join(plain_text(str(v)) for v in values if v)
        if text:
            parts.append(text)
    # The fields apart (an introduction, then the body): a visible break in excerpts.
    return " · ".join(parts)


class SiteSearch(Listing):
    """Pages of the active language matching the query, each card with an excerpt."""

    page_size = 10
    with_images = False

    def __init__(self, page, request, query=None):
        super().__init__(page, request)
        # Not a form field: a query with a NUL byte is cleaned, not refused.
        self.query = clean_query(request.GET.get("q", "") if query is None else query)

    @classmethod
    def for_query(cls, query):
        return cls(None, None, query)

    def get_queryset(self):
        locale = Locale.get_active()
        pages = public(Page.objects.live()).filter(locale=locale)
        # Search filters only on indexed fields: this language's aliases are left out by id.
        aliases = Page.objects.filter(locale=locale, alias_of__isnull=False).values_list(
            "pk", flat=True
        )
        return pages.exclude(id__in=list(aliases)).search(self.query)

    def get_cards(self, items):
        ids = [item.pk for item in items]
        pages = {p.pk: p for p in Page.objects.filter(pk__in=ids).specific()}
        listed = [pages[pk] for pk in ids if pk in pages]
        # What each type's cards say (an event's dates, a resource's kind and date).
        return complete_cards(listed, [self.card(page, None) for page in listed], self.request)

    def card(self, item, rendition):
        card = super().card(item, rendition)
        card.summary = excerpt(searchable_text(item), self.query)
        return card


def search_urls(query):
    """{language code: the search page of that language for the same query}."""
    urls = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            url = reverse("search")
        urls[code] = f"{url}?{urlencode({'q': query})}" if query else url
    return urls


def suggested_query(query):
    """ "Did you mean …?": the query with its unknown words replaced by the site's closest
    ones in this language, if that finds pages."""
    language = analysis.language_of(translation.get_language())
    if language == analysis.SIMPLE:
        return None
    proposal = suggestion(language, query)
    if proposal is None:
        return None
    found = SiteSearch.for_query(proposal).get_queryset()
    return proposal if found[:1] else None


@require_GET
def search(request):
    site_search = SiteSearch(None, request)
    query = site_search.query
    context = {"query": query, "cards": [], "page_obj": None, "language_urls": search_urls(query)}
    if query:
        context.update(site_search.get_context())
        if not context["cards"]:
            proposal = suggested_query(query)
            if proposal:
                context["suggestion"] = proposal
                context["suggestion_url"] = search_urls(proposal)[translation.get_language()]
    return render(request, "search.html", context)


@require_GET
def search_in_english_address(request):
    """/fr/search/ (the address every language had): to this language's own."""
    url = reverse("search")
    if request.GET:
        url = f"{url}?{request.GET.urlencode()}"
    return redirect(url, permanent=True)
