"""Blocks of the home page: what it features (a spotlight, the latest of a section, key
figures, chosen pages), then the shared body blocks.

The home app sits below the section apps (events, resources, campaigns): they declare their
sections in `home.sections`, and the blocks ask the chosen section for its cards
(`latest_cards`, from `core.listing.ListingIndexMixin`), so they name none of them.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from core.blocks import BODY_BLOCKS, FeaturedPagesBlock, KeyFiguresBlock, optional_heading
from core.listing import cards_from_context
from home.sections import PageTypes


class SectionChooserBlock(blocks.PageChooserBlock):
    """Chooses a section whose latest items the home page can show: those registered with
    `home.sections.register_section(…, latest=True)`, read when the chooser is first used.
    Its migrations name no page type, so a new section needs none."""

    def __init__(self, **kwargs):
        kwargs.pop("page_type", None)
        super().__init__(**kwargs)

    @property
    def page_type(self):
        return PageTypes(latest=True)

    @page_type.setter
    def page_type(self, value):
        pass  # always the registered sections


class SpotlightBlock(blocks.StructBlock):
    """One page shown large: the action plan, the campaign of the moment."""

    page = blocks.PageChooserBlock(
        label=_("Page"),
        help_text=_("The page to put forward: an action plan, a campaign, an event…"),
    )
    heading = optional_heading(
        _("A line above the page's title, e.g. “Our action plan”. Leave empty for none.")
    )
    button_label = blocks.CharBlock(
        label=_("Button label"),
        required=False,
        max_length=60,
        help_text=_(
            "Leave empty for the page's own: “Endorse this campaign” while a campaign "
            "accepts endorsements, else “Read more”."
        ),
    )

    class Meta:
        icon = "pick"
        label = _("Spotlight")
        template = "home/blocks/spotlight.html"
        description = _("One page shown large, with its image, summary and a button.")
        preview_value = {"heading": "Our action plan", "button_label": "Read the action plan"}

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        cards = cards_from_context([value.get("page")], parent_context)
        context["card"] = cards[0] if cards else None
        return context


class SectionLatestBlock(blocks.StructBlock):
    """The first items of a section, as its listing orders them: upcoming events, the newest
    resources, the latest campaigns. Follows the section: nothing to update by hand."""

    heading = blocks.CharBlock(
        label=_("Heading"), max_length=120, help_text=_("e.g. Upcoming events.")
    )
    section = SectionChooserBlock(
        label=_("Section"),
        help_text=_("The events, the library or the campaigns."),
    )
    number = blocks.IntegerBlock(
        label=_("Number of items"),
        min_value=1,
        max_value=12,
        default=3,
        help_text=_("How many of the section's first items to show (1 to 12)."),
    )
    link_label = blocks.CharBlock(
        label=_("Link label"),
        required=False,
        max_length=60,
        help_text=_("The link to the whole section, e.g. “All events”. Empty: “See all”."),
    )

    class Meta:
        icon = "date"
        label = _("Latest from a section")
        template = "home/blocks/section_latest.html"
        description = _("The section's first items as cards, kept up to date by the site.")
        preview_value = {"heading": "Upcoming events", "number": 3}

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        request = (parent_context or {}).get("request")
        # The section in the visitor's language, as the page resolved every chosen page.
        cards = cards_from_context([value.get("section")], parent_context)
        section = cards[0].page if cards else None
        context["section"] = section
        context["section_url"] = section.get_url(request) if section else ""
        number = value.get("number") or 3
        context["cards"] = section.latest_cards(request, number) if section else []
        return context


HOME_BLOCKS = [
    ("spotlight", SpotlightBlock()),
    ("section_latest", SectionLatestBlock()),
    ("key_figures", KeyFiguresBlock()),
    ("featured_pages", FeaturedPagesBlock()),
    *BODY_BLOCKS,
]
