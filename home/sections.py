"""The sections of the home page: the index pages that sit under it (work areas, events,
the library, campaigns, cities…).

Each app above declares its own in its `AppConfig.ready()` with `register_section()`: home
names none of them. A section registered with `latest=True` can be chosen by the home
page's "Latest from a section" block (`home.blocks.SectionLatestBlock`), which asks it for
its first items (`latest_cards()`, from `core.listing.ListingIndexMixin`).
"""

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    page_type: str  # "app_label.ModelName"
    latest: bool
    order: int


_SECTIONS = {}


def register_section(page_type, latest=False, order=50):
    """Let the home page hold pages of `page_type` ("app_label.ModelName"), in menus and the
    admin's "Add child page" in `order`; with `latest`, the home page can show its first
    items. Registering a type again replaces it (an app's ready() may run twice in tests)."""
    _SECTIONS[page_type] = Section(page_type, latest, order)


def sections(latest=False):
    """The registered sections, in their order; with `latest`, those that show their first
    items on the home page."""
    found = sorted(_SECTIONS.values(), key=lambda section: (section.order, section.page_type))
    return [section for section in found if section.latest or not latest]


class PageTypes(Sequence):
    """A list of page types read from the registry when used (Wagtail reads a page's
    `subpage_types` once every app is ready), after the ones given here."""

    def __init__(self, *fixed, latest=False):
        self.fixed = list(fixed)
        self.latest = latest

    def _types(self):
        return self.fixed + [section.page_type for section in sections(latest=self.latest)]

    def __getitem__(self, index):
        return self._types()[index]

    def __len__(self):
        return len(self._types())
