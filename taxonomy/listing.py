"""The theme filter of listings: a `theme` facet offering the themes of the visitor's
language, each card's themes as tags linking to the listing filtered by that theme, and the
theme chosen in a feed's query string.

Pages keep the themes chosen in their source language (wagtail-localize copies
many-to-many fields as they are), so matching goes through the themes' translation keys.
"""

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from core.facets import TaxonomyFacet
from core.listing import Listing, linked_tags
from core.snippets import localize_instances
from taxonomy.models import Theme

MAX_SLUG_LENGTH = 80


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
