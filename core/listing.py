"""Listings and cards: what index pages, site search and chosen pages show, fetched in bulk
and in the visitor's language.

Every listing goes through `Listing` (its filters declared once, `core.facets`; a queryset;
pages of `Card`s) and every StreamField that links to pages through `cards_for_pages`, so
the SQL cost stays the same whatever the number of items: one query for the localized
pages, one per distinct page type (`.specific()`), and two for listing images and their
renditions.

Index pages name their listing class by dotted path (`ListingIndexMixin.listing_class`): the
listing module imports the page models, so the models never import it back.
"""

import datetime
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import urlencode

from django.contrib.staticfiles import finders
from django.core.paginator import Paginator
from django.db.models import Case, IntegerField, Q, Value, When
from django.templatetags.static import static
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.module_loading import import_string
from django.utils.text import Truncator
from wagtail.blocks import RichTextBlock, StreamValue, StructValue
from wagtail.blocks.list_block import ListValue
from wagtail.models import Page

from caching import page_cache
from core.facets import build_index
from core.i18n import without_aliases
from core.images import PictureSpec, pictures_by_image, renditions_by_image
from core.text import plain_text
from core.visibility import public

CARD_IMAGE_SPEC = "fill-640x360"
# Cards in a grid: a full-width column on phones, a third or a quarter of the page beyond.
CARD_PICTURE = PictureSpec(
    ratio=(16, 9),
    widths=(400, 800),
    sizes="(max-width: 40rem) 100vw, (max-width: 75rem) 50vw, 25rem",
)


@dataclass
class Card:
    """One item of a listing, whatever lists it; templates/components/*card*.html show it.

    The fields after `image` are set by the listings that show them."""

    title: str
    url: str
    summary: str = ""  # search results: the excerpt, with the query's words marked
    kind: str = ""
    image: object = None  # a rendition, or None
    tags: list = field(default_factory=list)  # themes, in the visitor's language
    status: str = ""  # campaigns: shown instead of the kind
    date: datetime.date | None = None  # resources: publication date
    when: str = ""  # events: dates and times, in the event's time zone
    meta: str = ""  # events: the format
    place: str = ""  # events: city and country
    ended: bool = False  # events that are over
    languages: list = field(default_factory=list)  # resources: languages of the files
    badge: tuple = ()  # events: (day, month) of the first day, as a calendar leaf
    count: str = ""  # campaigns: "48 endorsements"
    action_label: str = ""  # a spotlight's button: "Endorse this campaign"
    action_url: str = ""
    page: object = field(default=None, repr=False)  # the page shown, in the visitor's language


@dataclass(frozen=True)
class LinkedTag:
    """A taxonomy term (a theme) shown as a tag that opens a listing filtered by it."""

    name: str
    slug: str
    colour: str
    url: str


def linked_tags(terms, listing_url, parameter="theme"):
    """Tags for `terms` (with name, slug, colour) linking to `listing_url?theme=slug`."""
    return [
        LinkedTag(
            term.name,
            term.slug,
            getattr(term, "colour", ""),
            f"{listing_url}?{urlencode({parameter: term.slug})}",
        )
        for term in terms
    ]


def parent_url(url):
    """The address of the page above one at `url` (pages whose parent is the listing
    they are filtered in: events, resources, campaigns), without a query."""
    trimmed = url.rstrip("/")
    return trimmed[: trimmed.rfind("/") + 1]


def collect_chosen(value, kind):
    """Every instance of `kind` chosen anywhere inside a StreamField value (nested too)."""
    found = []

    def walk(item):
        if isinstance(item, kind):
            found.append(item)
        elif isinstance(item, StreamValue):
            for child in item:
                walk(child.value)
        elif isinstance(item, StructValue | dict):
            for child in item.values():
                walk(child)
        elif isinstance(item, ListValue | list | tuple):
            for child in item:
                walk(child)

    walk(value)
    return found


def localized_pages(pages, language_code=None):
    """For each chosen page, its live version in the visitor's language, else the page itself.

    Returns {translation_key: specific page}.
    """
    pages = [p for p in pages if p is not None]
    if not pages:
        return {}
    language_code = language_code or translation.get_language()
    keys = {p.translation_key for p in pages}
    chosen_ids = {p.pk for p in pages}
    # Pages all of one specific type (a map's cities) are fetched as that type: one query.
    types = {type(p) for p in pages}
    model = types.pop() if len(types) == 1 else Page
    candidates = (
        without_aliases(public(model.objects.live()))
        .filter(translation_key__in=keys)
        .filter(Q(locale__language_code=language_code) | Q(pk__in=chosen_ids))
        .annotate(
            in_language=Case(
                When(locale__language_code=language_code, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("in_language")
    )
    if model is Page:
        candidates = candidates.specific()
    result = {}
    for page in candidates:
        result.setdefault(page.translation_key, page)
    return result


def card_image_id(page):
    """The image a page's card shows: the page's own choice (`BasePage.card_image_id`: its
    listing image, else its hero image or cover), else its listing or cover image."""
    own = getattr(page, "card_image_id", None)
    if callable(own):
        return own()
    return getattr(page, "listing_image_id", None) or getattr(page, "cover_image_id", None)


def card_summary(page):
    """What a page's card says about it (`BasePage.card_summary`: its listing summary, else
    the start of its own text), else its summary or its description for search engines."""
    own = getattr(page, "card_summary", None)
    if callable(own):
        return own()
    return (
        getattr(page, "listing_summary", "")
        or getattr(page, "summary", "")
        or (page.search_description or "")
    )


CARD_SUMMARY_LENGTH = 300  # characters, as a listing summary's own maximum


def card_text(value):
    """Text (plain, or rich text's HTML) as a card says it: plain, on one line, cut at a
    word before `CARD_SUMMARY_LENGTH` characters."""
    return Truncator(plain_text(value)).chars(CARD_SUMMARY_LENGTH)


def first_paragraph(stream):
    """The text of the first rich-text block of a StreamField value with some text, read from
    its raw data: no block of the stream is converted, so no chosen page or image fetched."""
    if not isinstance(stream, StreamValue):
        return ""
    children = stream.stream_block.child_blocks
    for item in stream.raw_data:
        block = children.get(item.get("type"))
        if isinstance(block, RichTextBlock):
            text = card_text(item.get("value"))
            if text:
                return text
    return ""


def stand_in_path(model):
    """The static file of the picture a card shows for a page of `model` without an image
    of its own: its kind's (`img/cards/<app>-<model>.webp`, drawn by
    scripts/draw_card_visuals.py), else every page's (`img/cards/page.webp`)."""
    return _stand_in_path(model._meta.label_lower.replace(".", "-"))


@lru_cache
def _stand_in_path(name):
    path = f"img/cards/{name}.webp"
    return path if finders.find(path) else STAND_IN_DEFAULT


STAND_IN_DEFAULT = "img/cards/page.webp"
STAND_IN_SIZE = (800, 450)  # the 16:9 of CARD_PICTURE


@dataclass(frozen=True)
class StandIn:
    """A kind's default picture on a card: one static image, read by components/picture.html
    as a rendition is (no `sources`)."""

    url: str
    width: int = STAND_IN_SIZE[0]
    height: int = STAND_IN_SIZE[1]
    sources: tuple = ()


def stand_in(page):
    """The stand-in picture of `page`'s kind, for a card without an image."""
    return StandIn(static(stand_in_path(type(page))))


def attach_listing_images(pages, spec=CARD_PICTURE, stand_ins=True):
    """Fetch every page's card image and its renditions in two queries: {page.pk: rendition},
    or {page.pk: Picture} for a `PictureSpec` (AVIF and WebP at two widths, and a fallback).

    A page with no image gets its kind's stand-in picture (`stand_in`) unless `stand_ins` is
    false; a page whose image file is missing gets no entry: its card shows without one."""
    pages = list(pages)
    ids = {card_image_id(p) for p in pages} - {None}
    if isinstance(spec, PictureSpec):
        renditions = pictures_by_image(ids, spec)
    else:
        renditions = renditions_by_image(ids, spec)
    found = {}
    for page in pages:
        image_id = card_image_id(page)
        if image_id is None:
            if stand_ins:
                found[page.pk] = stand_in(page)
        elif image_id in renditions:
            found[page.pk] = renditions[image_id]
    return found


def card_kind(model):
    """What a card says a page is: its model's name ("Action plan", "Event"), unless the
    model's cards need none (`kind_on_cards = False`: a standard page or a section's index,
    whose title says what it is; "Standard page" means nothing to a visitor)."""
    if model is None or not getattr(model, "kind_on_cards", True):
        return ""
    return str(model._meta.verbose_name)


def card_for(page, rendition=None, request=None):
    return Card(
        title=page.title,
        url=page.get_url(request=request) or "",
        summary=card_summary(page),
        kind=card_kind(page.specific_class),
        image=rendition,
        page=page,
    )


def complete_cards(pages, cards, request=None):
    """Let each page type add what its cards show besides the common fields (an event's
    dates and place, a campaign's status and count), wherever the cards are listed: its
    model's `complete_cards(pairs, request)` classmethod, called once per type with every
    (page, card) pair, so a type that needs a query makes one for all its cards."""
    by_model = {}
    for page, card in zip(pages, cards, strict=True):
        by_model.setdefault(type(page), []).append((page, card))
    for model, pairs in by_model.items():
        complete = getattr(model, "complete_cards", None)
        if complete is not None:
            complete(pairs, request)
    return cards


def cards_for_pages(pages, request=None):
    """{translation_key: Card} for the given pages, in the visitor's language where possible."""
    localized = localized_pages(pages)
    renditions = attach_listing_images(localized.values())
    cards = {
        key: card_for(page, renditions.get(page.pk), request) for key, page in localized.items()
    }
    complete_cards(list(localized.values()), list(cards.values()), request)
    return cards


def cards_in_stream(*stream_values, request=None):
    """Resolve every page chosen in these StreamField values at once (for `page_cards` context)."""
    pages = []
    for value in stream_values:
        pages.extend(collect_chosen(value, Page))
    return cards_for_pages(pages, request=request)


def cards_from_context(pages, parent_context):
    """Cards for pages chosen in a block, from the page's bulk resolution when there is one."""
    resolved = (parent_context or {}).get("page_cards")
    pages = [page for page in pages if page is not None]
    if resolved is None:  # rendered outside a page view (block preview): resolve just these
        resolved = cards_for_pages(pages)
    return [resolved[p.translation_key] for p in pages if p.translation_key in resolved]


def query_without_page(request, page_parameter="page"):
    """The request's query string without the page number: pagination links add their own."""
    params = request.GET.copy()
    params.pop(page_parameter, None)
    return params.urlencode()


class Listing:
    """What an index page (or the site search) lists for one request: a queryset filtered
    through the filters it declares once (`filterset_class`, a `core.facets.ListingFilters`:
    a django-filter FilterSet of facets and parameters), cut into pages of cards.

    Subclasses set `filterset_class` and `page_size` and define `get_queryset`; the declared
    facets filter it (`filter_queryset`), `self.chosen` holds the valid values of the query
    string, and `card` adds to each card. Counted filters (`counted = True`) put each
    facet's options with their counts in the context (`facets`), from a `FacetIndex` built
    per request (`facet_index`; the library keeps its own). `get_context` is what the page's
    template reads (a work area's sections by page type build theirs on the same parts).
    """

    filterset_class = None
    page_size = 12
    with_images = True  # fetch the listing images for the cards
    image_spec = CARD_PICTURE  # how the cards' images are cut (a PictureSpec or a filter spec)
    # Cards without an image show their kind's stand-in picture (16:9, as CARD_PICTURE): not
    # in a listing whose images are cut otherwise (the library's portrait covers).
    stand_ins = True

    def __init__(self, page, request):
        self.page = page
        self.request = request

    def facet_index(self):
        """The facet index of what this listing lists, for counted filters: one query, and
        one per many-valued facet, whatever the number of items."""
        index, _rows = build_index(self.get_queryset(), self.filterset_class)
        return index

    @cached_property
    def filters(self):
        if self.filterset_class is None:
            return None
        index = self.facet_index() if self.filterset_class.counted else None
        return self.filterset_class(
            self.request.GET, self.get_queryset(), request=self.request, index=index
        )

    @property
    def form(self):
        return self.filters.form if self.filters is not None else None

    @property
    def chosen(self):
        return self.filters.chosen if self.filters is not None else {}

    def get_queryset(self):
        raise NotImplementedError

    def filter_queryset(self, queryset):
        """The queryset narrowed by the chosen facets (django-filter)."""
        if self.filters is None:
            return queryset
        return self.filters.filter_queryset(queryset)

    def listed(self):
        """What is paginated: the filtered queryset (the library: ids from its index)."""
        return self.filter_queryset(self.get_queryset())

    def listed_items(self, object_list):
        """The items of one page of results (the library fetches them by id)."""
        return list(object_list)

    def facets_within(self):
        """The items whose facet options are counted: all that the listing lists before
        its facets are applied (the library: a text search's matches)."""
        return self.filters.index.everything

    def paginate(self, items):
        number = self.request.GET.get("page")
        page = Paginator(items, self.page_size).get_page(number)
        # "2" within range; "0", "02", "999" or "x" show another page (the first or last).
        self.page_number_is_valid = number is None or number == str(page.number)
        return page

    def query_is_valid(self):
        """Whether every parameter of the query string is one value the listing offers (a
        filter's choice, a page number within range) as the listing reads it: a response to
        any other is served but not stored by the page cache, or each junk value a
        scanner sends (`?theme=<random>`) would fill it with one more copy of the page."""
        for name in self.request.GET:
            values = self.request.GET.getlist(name)
            if len(values) != 1:
                return False
            if name == "page":
                if not getattr(self, "page_number_is_valid", False):
                    return False
            elif self.form is None or name not in self.chosen:
                return False
            elif str(self.chosen[name]) != values[0]:
                return False
        return True

    def get_cards(self, items):
        renditions = (
            attach_listing_images(items, self.image_spec, self.stand_ins)
            if self.with_images
            else {}
        )
        cards = [self.card(item, renditions.get(item.pk)) for item in items]
        return complete_cards(items, cards, self.request)

    def latest_queryset(self):
        """What a "latest from this section" block shows first (the home page): the
        listing's own order, unfiltered; events show the upcoming ones."""
        return self.get_queryset()

    def latest_items(self, limit):
        return list(self.latest_queryset()[:limit])

    def latest_cards(self, limit):
        """Cards of the first `limit` items, as chosen pages' cards are (the model's
        details, no tags): a few queries, whatever the section holds."""
        items = self.latest_items(limit)
        renditions = attach_listing_images(items) if self.with_images else {}
        cards = [card_for(item, renditions.get(item.pk), self.request) for item in items]
        return complete_cards(items, cards, self.request)

    def card(self, item, rendition):
        return card_for(item, rendition, self.request)

    def get_context(self):
        page = self.paginate(self.listed())
        context = {
            "filter_form": self.form,
            "cards": self.get_cards(self.listed_items(page.object_list)),
            "page_obj": page,
            "paginator": page.paginator,
            "query_without_page": query_without_page(self.request),
        }
        if self.filters is not None and self.filters.counted:
            facets = self.filters.facet_options(self.facets_within())
            self.filters.label_counts(facets)  # forms rendered field by field
            context["facets"] = facets
            context["active_filters"] = sum(1 for facet in facets if facet["selected"])
        return context


class ListingIndexMixin:
    """An index page whose listing reads the query string (filters, search, pagination).

    `listing_class` is the dotted path of its `Listing` subclass: the listing module imports
    the page's models, so naming it keeps the dependency one way.
    """

    listing_class = ""

    @property
    def cache_query_parameters(self):
        """What the listing reads from the query string: its declared filters and the page
        number (`caching.page_cache` keeps only these)."""
        filters = import_string(self.listing_class).filterset_class
        return ("page", *(filters.base_filters if filters is not None else ()))

    def get_listing(self, request):
        return import_string(self.listing_class)(self, request)

    def latest_cards(self, request, limit):
        """Cards of the section's first `limit` items, for blocks elsewhere (home page)."""
        return self.get_listing(request).latest_cards(limit)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        listing = self.get_listing(request)
        context.update(listing.get_context())
        if not listing.query_is_valid():
            page_cache.do_not_store(request)
        return context
