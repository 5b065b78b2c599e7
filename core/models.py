from django.conf import settings
from django.db import models
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import DraftStateMixin, Page, RevisionMixin, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.blocks import LinkBlock
from core.listing import (
    card_text,
    cards_for_pages,
    cards_in_stream,
    collect_chosen,
    first_paragraph,
)
from core.snippet_forms import TranslatableSnippetForm
from core.snippet_locale import PageForm, in_page_locale
from core.snippets import localized_snippet_map


class BasePage(Page):
    """Fields every public page has: what listings, cards and social previews show."""

    listing_summary = models.TextField(
        _("listing summary"),
        blank=True,
        max_length=300,
        help_text=_(
            "One or two sentences shown on cards and in search results, "
            "and as the description for search engines and social media."
        ),
    )
    listing_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("listing image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Image shown on cards and social media previews (landscape, at least 1200 px wide)."
        ),
    )

    promote_panels = [
        MultiFieldPanel(Page.promote_panels, heading=_("For search engines and menus")),
        MultiFieldPanel(
            [FieldPanel("listing_summary"), FieldPanel("listing_image")],
            heading=_("Cards and social media"),
        ),
    ]
    search_fields = Page.search_fields + [index.SearchField("listing_summary")]

    # What wagtail-localize hands to translators; images stay synchronised with the source.
    base_translatable_fields = [
        TranslatableField("title"),
        TranslatableField("slug"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        TranslatableField("listing_summary"),
        SynchronizedField("listing_image", overridable=True),
        SynchronizedField("show_in_menus"),
    ]

    # StreamFields whose chosen pages and snippets are resolved in bulk for the template
    # (`page_cards`, `localized_snippets`): a constant number of queries for any number of blocks.
    resolved_stream_fields = ("body",)

    # Themes, partners and agenda references are chosen in the page's language.
    base_form_class = PageForm

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        in_page_locale(self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        streams = [
            getattr(self, name) for name in self.resolved_stream_fields if hasattr(self, name)
        ]

        def chosen_snippets():
            snippets = [
                snippet
                for stream in streams
                for snippet in collect_chosen(stream, TranslatableMixin)
                if not isinstance(snippet, Page)
            ]
            return localized_snippet_map(snippets)

        # Resolved when a block first reads them: a page whose StreamField parts are kept
        # (caching.fragments.page_part) asks the database nothing for them.
        context["page_cards"] = SimpleLazyObject(lambda: cards_in_stream(*streams, request=request))
        context["localized_snippets"] = SimpleLazyObject(chosen_snippets)
        return context

    def serve(self, request, *args, **kwargs):
        """An alias in another language's tree (the source's text, untranslated) is not
        that language's page: visitors go to the page it copies, in its own language."""
        if self.alias_of_id is not None:
            original = Page.objects.live().filter(pk=self.alias_of_id).first()
            if original is not None and original.locale_id != self.locale_id:
                return redirect(original.get_url(request))
        return super().serve(request, *args, **kwargs)

    def serve_password_required_response(self, request, form, action_url):
        """The password form, showing nothing of the page: not its title (the window's
        title, the breadcrumb, social tags), its summary, its card, nor its translations'
        titles (language links, hreflang). Its context is the form's only, as on a page that
        is no page (the 404): the page's own context would also build its listing."""
        request.is_preview = getattr(request, "is_preview", False)
        context = {"form": form, "action_url": action_url}
        template = self.password_required_template or getattr(
            settings, "WAGTAIL_PASSWORD_REQUIRED_TEMPLATE", "wagtailcore/password_required.html"
        )
        return TemplateResponse(request, template, context)

    # Where a card finds its text when the page has no listing summary (the first filled,
    # in this order; rich text is read as plain text), then the first paragraph of its body.
    card_summary_fields = ("summary", "search_description", "strapline", "introduction")
    # Where a card finds its image when the page has no listing image: the page's own
    # pictures (a campaign's hero image, a resource's cover), read from their ids (columns
    # of the page's row: no query). Without any, the card shows its kind's stand-in
    # picture (core.listing.stand_in).
    card_image_fields = ("hero_image", "cover_image")
    # Whether pages of this type are shown as cards (listings, the home page's sections,
    # chosen pages): publishing one without its own summary or image warns the editor.
    shown_as_card = True

    def card_summary(self):
        """What the page's cards say: its listing summary, else the start of its own text."""
        for name in ("listing_summary", *self.card_summary_fields):
            text = card_text(getattr(self, name, ""))
            if text:
                return text
        return first_paragraph(getattr(self, "body", None))

    def card_image_id(self):
        """The id of the image the page's cards show: its listing image, else its own."""
        for name in ("listing_image", *self.card_image_fields):
            image_id = getattr(self, f"{name}_id", None)
            if image_id is not None:
                return image_id
        return None

    def has_own_card_summary(self):
        """Whether an editor wrote what its cards say (a listing summary or a summary)."""
        return bool(card_text(self.listing_summary) or card_text(getattr(self, "summary", "")))

    def has_own_card_image(self):
        """Whether its cards show an image chosen for it, not its kind's stand-in."""
        return self.card_image_id() is not None

    def social_image(self):
        """The image of social media previews (campaigns use their hero image)."""
        return self.listing_image

    @property
    def social_description(self):
        return self.search_description or self.listing_summary


class TranslatableSnippet(TranslatableMixin, DraftStateMixin, RevisionMixin, models.Model):
    """A snippet translated through wagtail-localize, with drafts: a new translation is a
    draft until its language's reviewer publishes it (wagtail-localize would publish at once
    what cannot be a draft), and visitors see live versions only (core.snippets). Its admin
    form checks what must be unique in a language (core.snippet_forms)."""

    base_form_class = TranslatableSnippetForm

    class Meta(TranslatableMixin.Meta):
        abstract = True


class FooterContent(TranslatableSnippet):
    """The footer's text and links: one per language, translated through wagtail-localize."""

    text = RichTextField(
        _("text"),
        features=["bold", "italic", "link"],
        blank=True,
        help_text=_("A short paragraph about the committee shown at the bottom of every page."),
    )
    links = StreamField(
        [("link", LinkBlock())],
        blank=True,
        verbose_name=_("links"),
        help_text=_("Links listed in the footer, such as About, Legal notice and Privacy."),
    )

    panels = [FieldPanel("text"), FieldPanel("links")]
    translatable_fields = [TranslatableField("text"), TranslatableField("links")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("footer")
        verbose_name_plural = _("footers")
        constraints = [
            models.UniqueConstraint(fields=["locale"], name="one_footer_per_locale"),
        ]

    def __str__(self):
        return str(_("Footer (%(language)s)") % {"language": self.locale.get_display_name()})


@register_setting(icon="doc-full")
class SitePages(BaseSiteSetting):
    """Pages the site's own interface links to (the endorsement form's privacy notice), chosen
    by editors instead of found by slug: slugs are translated and editors may change them."""

    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy notice"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "The page forms link to as the privacy notice, e.g. the campaigns' endorsement "
            "form. Choose it in any language: visitors get its translation in theirs."
        ),
    )

    panels = [FieldPanel("privacy_page")]

    class Meta:
        verbose_name = _("site pages")

    def privacy_url(self, request):
        """The privacy notice in the visitor's language, else as chosen; "" when not live."""
        page = self.privacy_page.localized if self.privacy_page else None
        return page.get_url(request) if page is not None and page.live else ""


class SectionIndexPage(BasePage):
    """A landing page: the home page, a section's index (work areas, events, campaigns…), a
    work area. A title, an introduction, and what its subclass lists below them."""

    # A landing page's title says what it is: no kind line on its cards (core.listing).
    kind_on_cards = False

    introduction = RichTextField(
        _("introduction"),
        features=["bold", "italic", "link"],
        blank=True,
        help_text=_("A short paragraph presenting this section, shown above its listing."),
    )
    featured_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("featured item"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "A page shown large under the introduction, e.g. the campaign of the moment or "
            "the newest report. Choose it in any language: visitors see their own."
        ),
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("introduction"),
        FieldPanel("featured_page"),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("introduction")]
    translatable_fields = BasePage.base_translatable_fields + [
        TranslatableField("introduction"),
        SynchronizedField("featured_page", overridable=True),
    ]

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Resolved when the template reads it, with the cards' details (an event's dates, a
        # campaign's endorsements), in the visitor's language.
        context["featured_card"] = SimpleLazyObject(
            lambda: (
                next(iter(cards_for_pages([self.featured_page], request).values()), None)
                if self.featured_page_id
                else None
            )
        )
        return context
