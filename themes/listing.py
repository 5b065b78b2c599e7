"""What a work area lists: the pages tagged with its themes, by page type (the theme filter
of other listings is `taxonomy.listing`).

Pages keep the themes chosen in their source language (wagtail-localize copies
many-to-many fields as they are), so matching goes through the themes' translation keys.
"""

from django.utils import translation
from wagtail.models import get_page_models

from core.i18n import without_aliases
from core.listing import Listing, attach_listing_images, card_for, complete_cards
from core.snippets import localize_instances
from core.visibility import public
from taxonomy.models import ThemedPageMixin
from themes.models import ThemePage

TAGGED_PER_TYPE = 12


def themed_page_models():
    """Every page type tagged with themes: action plans, projects, and what later apps add."""
    return [
        model
        for model in get_page_models()
        if issubclass(model, ThemedPageMixin) and model is not ThemePage
    ]


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


class TaggedPagesListing(Listing):
    """A work area's listing: what is tagged with its themes, by page type."""

    def get_context(self):
        themes = list(self.page.themes.all())
        return {
            "theme_tags": localize_instances(themes),
            "tagged_sections": pages_tagged_with(themes, request=self.request),
        }
