"""What the site links to a city, gathered for its page and its feed.

The apps whose content names cities (projects, events, campaigns' endorsements, resources)
sit above this one: each declares its link in its `AppConfig.ready()` with
`register_city_link()`, and the city page asks every declared link for its pages. A link
matches a city through its translation key, so content that holds the city's page in
another language (a translation made before the city's) still counts.
"""

from dataclasses import dataclass, field
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from core.feeds import PageListingFeed
from core.i18n import without_aliases
from core.listing import attach_listing_images, card_for, complete_cards
from core.snippets import localize_instances
from core.visibility import public

FEED_SIZE = 30


@dataclass(frozen=True)
class CityLink:
    """One kind of content linked to cities.

    `pages(city_key)` returns a queryset of `model` (any language) linked to the city whose
    translation key is `city_key`; the city page keeps the live, public ones of the
    visitor's language, in `ordering`."""

    name: str
    heading: Any  # a lazy string: "Projects", "Events hosted"…
    model: type
    pages: Any
    ordering: tuple = ("-first_published_at",)
    order: int = 50


_LINKS = {}


def register_city_link(name, heading, model, pages, ordering=("-first_published_at",), order=50):
    """Declare content linked to cities (see `CityLink`); registering a name again replaces
    it (an app's ready() may run twice in tests)."""
    _LINKS[name] = CityLink(name, heading, model, pages, tuple(ordering), order)


def city_links():
    return sorted(_LINKS.values(), key=lambda link: (link.order, link.name))


@dataclass
class CitySection:
    name: str
    heading: str
    cards: list
    pages: list = field(repr=False, default_factory=list)

    @property
    def count(self):
        return len(self.cards)


@dataclass
class ThemeCount:
    theme: Any
    count: int


def linked_pages(city, link, language):
    """The live, public pages of `language` that `link` ties to `city`."""
    queryset = link.pages(city.translation_key)
    queryset = without_aliases(public(queryset.live())).filter(locale__language_code=language)
    return list(queryset.distinct().order_by(*link.ordering).prefetch_related("themes"))


def city_sections(city, request):
    """What the city takes part in, in the visitor's language: [CitySection] (empty kinds
    left out), then the themes of it all with counts. One query per kind of content and one
    for its themes, two for every card image, one per type for the cards' details."""
    language = translation.get_language()
    found = [(link, linked_pages(city, link, language)) for link in city_links()]
    found = [(link, pages) for link, pages in found if pages]
    renditions = attach_listing_images([page for _link, pages in found for page in pages])
    sections = []
    for link, pages in found:
        cards = [card_for(page, renditions.get(page.pk), request) for page in pages]
        complete_cards(pages, cards, request)
        sections.append(CitySection(link.name, str(link.heading), cards, pages))
    return {"sections": sections, "themes": theme_counts(city, sections)}


def theme_counts(city, sections):
    """The themes of the city and of what it takes part in, each with how many of its linked
    pages carry it, most frequent first, in the visitor's language."""
    counts, themes = {}, {}
    for theme in city.themes.all():
        themes.setdefault(theme.translation_key, theme)
        counts.setdefault(theme.translation_key, 0)
    for section in sections:
        for page in section.pages:
            for theme in page.themes.all():
                themes.setdefault(theme.translation_key, theme)
                counts[theme.translation_key] = counts.get(theme.translation_key, 0) + 1
    localized = localize_instances(list(themes.values()))
    pairs = [ThemeCount(theme, counts[theme.translation_key]) for theme in localized]
    return sorted(pairs, key=lambda pair: (-pair.count, pair.theme.name))


class CityFeed(PageListingFeed):
    """The city's new content: everything linked to it, newest first."""

    def title(self):
        return _("New for %(city)s") % {"city": self.listing_page.title}

    def items(self):
        language = translation.get_language()
        pages = [
            page
            for link in city_links()
            for page in linked_pages(self.listing_page, link, language)
        ]
        pages.sort(key=lambda page: page.first_published_at, reverse=True)
        return pages[:FEED_SIZE]

    def item_description(self, item):
        return item.listing_summary

    def item_categories(self, item):
        return [str(type(item)._meta.verbose_name)]


def city_feed(city, request):
    return CityFeed(city)(request)
