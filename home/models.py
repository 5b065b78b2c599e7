from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.search import index
from wagtail_localize.fields import TranslatableField

from core.blocks import BODY_BLOCKS
from core.models import BasePage, SectionIndexPage
from home.blocks import HOME_BLOCKS
from home.sections import PageTypes


class HomePage(SectionIndexPage):
    """The home page of one language: /en/, /fr/, /es/, /ar/."""

    shown_as_card = False  # never listed: publishing it warns of no card's summary (core)

    hero_title = models.CharField(
        _("hero title"),
        max_length=160,
        help_text=_("The large headline at the top of the home page."),
    )
    body = StreamField(
        HOME_BLOCKS,
        blank=True,
        verbose_name=_("featured content"),
        help_text=_("Featured pages, text, quotes and calls to action, in the order shown."),
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("hero_title"),
        FieldPanel(
            "introduction",
            help_text=_(
                "One or two short paragraphs under the headline: who we are and what we do."
            ),
        ),
        FieldPanel("body"),
    ]
    search_fields = SectionIndexPage.search_fields + [index.SearchField("hero_title")]
    translatable_fields = BasePage.base_translatable_fields + [
        TranslatableField("hero_title"),
        TranslatableField("introduction"),
        TranslatableField("body"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    # Standard pages, and the sections the apps above declare (home.sections).
    subpage_types = PageTypes("home.StandardPage")
    template = "pages/home_page.html"

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")


class StandardPage(BasePage):
    """A page of text: About, Legal notice, Privacy."""

    kind_on_cards = False  # "Standard page" means nothing to a visitor (core.listing)

    introduction = models.TextField(
        _("introduction"),
        blank=True,
        max_length=600,
        help_text=_("A short paragraph shown in larger type under the title."),
    )
    body = StreamField(
        BODY_BLOCKS,
        blank=True,
        verbose_name=_("body"),
        help_text=_("The page's content: text, quotes, images and calls to action."),
    )

    content_panels = BasePage.content_panels + [FieldPanel("introduction"), FieldPanel("body")]
    search_fields = BasePage.search_fields + [
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]
    translatable_fields = BasePage.base_translatable_fields + [
        TranslatableField("introduction"),
        TranslatableField("body"),
    ]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]
    template = "pages/standard_page.html"

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")
