"""What is listed by theme: pages tagged with a work area's themes, the theme filter and
theme tags of index listings, and the theme chosen in a feed's query string.

Pages keep the themes chosen in their source language (wagtail-localize copies
many-to-many fields as they are), so matching goes through the themes' translation keys.
"""

from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.models import get_page_models

from core.facets import TaxonomyFacet
from core.i18n import without_aliases
from core.listing import Listing, attach_listing_images, card_for, complete_cards, linked_tags
from core.snippets import localize_instances
from core.visibility import public
from themes.models import Theme, ThemedPageMixin, ThemePage

TAGGED_PER_TYPE = 12
MAX_SLUG_LENGTH = 80


def themed_page_models():
    """Every page type tagged with themes: action plans, projects, and what later apps add."""
    return [
        model
        for model in get_page_models()
        if issubclass(model, ThemedPageMixin) and model is not ThemePage
    ]


def theme_from_query(request):
    """The theme of the visitor's language named by `?theme=slug`, or None (unknown: ignored)."""
    slug = request.GET.get("theme", "").replace("\x00", "")[:MAX_SLUG_LENGTH]
    if not slug:
        return None
    return Theme.objects.filter(
        live=True, slug=slug, locale__language_code=translation.get_language()
    ).first()


def tagged_with(queryset, theme):
    """The pages of `queryset` tagged with `theme` in any language."""
    return queryset.filter(themes__translation_key=theme.translation_key).distinct()


def pages_tagged_with(themes, request=None, exclude=None):
    """[(section title, [cards])] of live pages in the visitor's language tagged with a theme.

    One query per page type, plus two for images.
    """
    keys = {theme.translation_key for theme in themes}
    if not keys:
        return []
    language = translation.get_language()
    found = []
    for model in themed_page_models():
        queryset = (
            without_aliases(public(model.objects.live()))
            .filter(locale__language_code=language, themes__translation_key__in=keys)
            .distinct()
            .order_by("-first_published_at")
        )
        if exclude is not None:
            queryset = queryset.exclude(pk=exclude.pk)
        pages = list(queryset[:TAGGED_PER_TYPE])
        if pages:
            found.append((model, pages))
    # Every section's card images at once: two queries, however many sections show.
    renditions = attach_listing_images([page for _model, pages in found for page in pages])
    sections = []
    for model, pages in found:
        cards = [card_for(page, renditions.get(page.pk), request) for page in pages]
        complete_cards(pages, cards, request)
        sections.append((model._meta.verbose_name_plural, cards))
    return sections


def localized_themes_by_page(pages):
    """{page.pk: [its themes in the visitor's language]}: pages fetched with
    `prefetch_related("themes")`, one query for all the translations."""
    pairs = [(page.pk, theme) for page in pages for theme in page.themes.all()]
    localized = localize_instances([theme for _pk, theme in pairs])
    by_page = {page.pk: [] for page in pages}
    for (pk, _theme), version in zip(pairs, localized, strict=True):
        by_page[pk].append(version)
    return by_page


def theme_facet():
    """The theme filter of a listing's declaration (`theme = theme_facet()`): the themes of
    the visitor's language, by slug, matched in any language."""
    return TaxonomyFacet("themes", Theme, label=_("Theme"))


class ThemedListing(Listing):
    """A listing of pages tagged with themes (its filters declare `theme = theme_facet()`):
    each card's themes as tags linking to the listing filtered by that theme."""

    def filter_queryset(self, queryset):
        return super().filter_queryset(queryset).prefetch_related("themes")

    def get_cards(self, items):
        self.themes_by_page = localized_themes_by_page(items)
        return super().get_cards(items)

    def card(self, item, rendition):
        card = super().card(item, rendition)
        card.tags = linked_tags(self.themes_by_page[item.pk], self.page.get_url(self.request))
        return card

    def get_context(self):
        context = super().get_context()
        context["theme_slug"] = self.chosen.get("theme", "")
        return context


class TaggedPagesListing(Listing):
    """A work area's listing: what is tagged with its themes, by page type."""

    def get_context(self):
        themes = list(self.page.themes.all())
        return {
            "theme_tags": localize_instances(themes),
            "tagged_sections": pages_tagged_with(themes, request=self.request),
        }
