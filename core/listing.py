"""Cards for listings and chosen pages, fetched in bulk and in the visitor's language.

Every listing and every StreamField that links to pages goes through `cards_for_pages`, so
its SQL cost stays the same whatever the number of items: one query for the localized pages,
one per distinct page type (`.specific()`), and two for listing images and their renditions.
"""

from dataclasses import dataclass

from django.db.models import Case, IntegerField, Q, Value, When
from django.utils import translation
from wagtail.blocks import StreamValue, StructValue
from wagtail.blocks.list_block import ListValue
from wagtail.images import get_image_model
from wagtail.models import Page

CARD_IMAGE_SPEC = "fill-640x360"


@dataclass
class Card:
    title: str
    url: str
    summary: str = ""
    kind: str = ""
    image: object = None  # a rendition, or None


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
    candidates = (
        Page.objects.live()
        .public()
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
        .specific()
    )
    result = {}
    for page in candidates:
        result.setdefault(page.translation_key, page)
    return result


def attach_listing_images(pages, spec=CARD_IMAGE_SPEC):
    """Fetch every page's listing image and its rendition in two queries: {page.pk: rendition}."""
    image_ids = {getattr(p, "listing_image_id", None) for p in pages} - {None}
    if not image_ids:
        return {}
    images = get_image_model().objects.filter(pk__in=image_ids).prefetch_renditions(spec)
    renditions = {image.pk: image.get_rendition(spec) for image in images}
    return {
        p.pk: renditions.get(p.listing_image_id)
        for p in pages
        if getattr(p, "listing_image_id", None)
    }


def card_for(page, rendition=None, request=None):
    return Card(
        title=page.title,
        url=page.get_url(request=request) or "",
        summary=(
            getattr(page, "listing_summary", "")
            or getattr(page, "summary", "")
            or page.search_description
            or ""
        ),
        kind=str(page.specific_class._meta.verbose_name) if page.specific_class else "",
        image=rendition,
    )


def cards_for_pages(pages, request=None):
    """{translation_key: Card} for the given pages, in the visitor's language where possible."""
    localized = localized_pages(pages)
    renditions = attach_listing_images(localized.values())
    return {
        key: card_for(page, renditions.get(page.pk), request) for key, page in localized.items()
    }


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
