"""StreamField blocks shared by every page family."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageBlock

from core.listing import cards_for_pages, cards_from_context

RICH_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]


def optional_heading(help_text):
    """The heading a block may show above its content. A function rather than a subclass:
    migrations keep seeing a plain CharBlock, so none is needed."""
    return blocks.CharBlock(label=_("Heading"), required=False, max_length=120, help_text=help_text)


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Text")
        template = "components/blocks/paragraph.html"
        description = _("Formatted text: paragraphs, subheadings, lists and links.")
        preview_value = (
            "<p>Local governments promote collective initiatives for welcoming cities "
            "and the right to the city for all.</p>"
        )


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(
        label=_("Quote"), help_text=_("The words quoted, without quotation marks.")
    )
    attribution = blocks.CharBlock(
        label=_("Attribution"),
        required=False,
        max_length=200,
        help_text=_("Who said it, e.g. the mayor's name."),
    )
    role = blocks.CharBlock(
        label=_("Role"),
        required=False,
        max_length=200,
        help_text=_("Their role or organisation, e.g. Mayor of Barcelona."),
    )

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "components/blocks/quote.html"
        description = _("A highlighted quotation with its author.")
        preview_value = {
            "quote": "Cities are where inclusion happens or fails.",
            "attribution": "A mayor",
            "role": "Member of the committee",
        }


class LinkStructValue(blocks.StructValue):
    """Display logic of a link: the chosen page in the visitor's language, or the address."""

    def resolve(self, page_cards=None):
        page = self.get("page")
        card = None
        if page is not None:
            if page_cards is None:
                page_cards = cards_for_pages([page])
            card = page_cards.get(page.translation_key)
        url = card.url if card else (self.get("url") or "")
        text = self.get("label") or (card.title if card else url)
        return url, text


class LinkBlock(blocks.StructBlock):
    label = blocks.CharBlock(
        label=_("Label"),
        required=False,
        max_length=120,
        help_text=_("Text of the link. Leave empty to use the chosen page's title."),
    )
    page = blocks.PageChooserBlock(
        label=_("Page"),
        required=False,
        help_text=_("A page of this site; visitors get it in their own language."),
    )
    url = blocks.URLBlock(
        label=_("External address"),
        required=False,
        help_text=_("Used when no page is chosen."),
    )

    def clean(self, value):
        cleaned = super().clean(value)
        if not cleaned.get("page") and not cleaned.get("url"):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "page": ValidationError(_("Choose a page or enter an external address."))
                }
            )
        return cleaned

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["link_url"], context["link_text"] = value.resolve(
            (parent_context or {}).get("page_cards")
        )
        return context

    class Meta:
        icon = "link"
        label = _("Link")
        value_class = LinkStructValue
        template = "components/blocks/link.html"
        description = _("A link to a page of the site or to another website.")
        preview_value = {"label": "Global Compact for Migration", "url": "https://www.un.org/"}


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(
        label=_("Title"), max_length=120, help_text=_("A short call, e.g. Sign the declaration.")
    )
    text = blocks.TextBlock(
        label=_("Text"), required=False, help_text=_("One or two sentences saying why.")
    )
    link = LinkBlock(label=_("Button"), help_text=_("Where the button leads."))

    class Meta:
        icon = "pick"
        label = _("Call to action")
        template = "components/blocks/call_to_action.html"
        description = _("A highlighted box with a title, a sentence and a button.")
        preview_value = {
            "title": "Join the campaign",
            "text": "Local governments can endorse the declaration.",
            "link": {"label": "Sign now", "url": "https://example.org/"},
        }


class FigureBlock(blocks.StructBlock):
    image = ImageBlock(
        label=_("Image"), help_text=_("Describe the image for people who cannot see it.")
    )
    caption = blocks.CharBlock(
        label=_("Caption"),
        required=False,
        max_length=250,
        help_text=_("Shown under the image, with credits if needed."),
    )

    class Meta:
        icon = "image"
        label = _("Image")
        template = "components/blocks/figure.html"
        description = _("An image with alternative text and an optional caption.")
        preview_value = {"caption": "Peer-learning event in Tangier"}


class KeyFigureBlock(blocks.StructBlock):
    number = blocks.CharBlock(
        label=_("Number"),
        max_length=20,
        help_text=_("e.g. 120 or 40%, as written in this language."),
    )
    label = blocks.CharBlock(
        label=_("Label"), max_length=120, help_text=_("What the number counts, e.g. cities signed.")
    )

    class Meta:
        icon = "order"
        label = _("Figure")


class KeyFiguresBlock(blocks.StructBlock):
    """Large numbers with what they count: a campaign's results, the home page's figures."""

    heading = optional_heading(_("Optional title above the figures."))
    figures = blocks.ListBlock(KeyFigureBlock(), label=_("Figures"), min_num=1, max_num=6)

    class Meta:
        icon = "order"
        label = _("Key figures")
        template = "components/blocks/key_figures.html"
        description = _("Up to six large numbers with a label each.")
        preview_value = {
            "heading": "",
            "figures": [
                {"number": "120", "label": "cities signed"},
                {"number": "35", "label": "countries"},
            ],
        }


class PageCardsBlock(blocks.StructBlock):
    """Cards for the chosen `pages`, in the visitor's language (resolved in bulk by the page)."""

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["cards"] = cards_from_context(value["pages"], parent_context)
        return context


class FeaturedPagesBlock(PageCardsBlock):
    heading = blocks.CharBlock(
        label=_("Heading"), max_length=120, help_text=_("Title above the cards.")
    )
    pages = blocks.ListBlock(
        blocks.PageChooserBlock(label=_("Page")),
        label=_("Pages"),
        min_num=1,
        max_num=24,
        help_text=_("Pages to feature, in order. Each shows as a card with its summary and image."),
    )

    class Meta:
        icon = "list-ul"
        label = _("Featured pages")
        template = "components/blocks/featured_pages.html"
        description = _("A heading and a row of cards linking to chosen pages.")
        preview_value = {"heading": "Our work", "pages": []}


class RelatedPagesBlock(PageCardsBlock):
    heading = optional_heading(_("e.g. Related project. Leave empty for no heading."))
    pages = blocks.ListBlock(
        blocks.PageChooserBlock(),
        label=_("Pages"),
        min_num=1,
        help_text=_("A project, campaigns, events or resources; shown in the visitor's language."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Related pages")
        template = "components/blocks/related_pages.html"
        description = _("Cards linking to a project, campaigns, events or resources.")
        preview_value = {"heading": "Related project", "pages": []}


BODY_BLOCKS = [
    ("paragraph", ParagraphBlock()),
    ("quote", QuoteBlock()),
    ("figure", FigureBlock()),
    ("call_to_action", CallToActionBlock()),
]
