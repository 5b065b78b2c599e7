from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from campaigns import views
from campaigns.blocks import CAMPAIGN_BODY_BLOCKS

# Endorsement lives in its own module, which the signing views import without the pages.
from campaigns.endorsements import (  # noqa: F401 - models of the app, found here by Django
    CONFIRMATION_MAX_AGE,
    Endorsement,
    EndorsementStatus,
    ModerationEmailPreferences,
    SignatoryType,
    approved_counts,
)
from core.listing import ListingIndexMixin, linked_tags, parent_url
from core.models import BasePage, SectionIndexPage
from taxonomy.models import AgendaTaggedMixin, ThemedPageMixin
from themes.models import taxonomy_context


class CampaignStatus(models.TextChoices):
    UPCOMING = "upcoming", _("Upcoming")
    ACTIVE = "active", _("Active")
    CLOSED = "closed", _("Closed")


def status_filter(status, today=None):
    """Q for campaigns in a status, from their dates (the status is never stored twice)."""
    today = today or timezone.localdate()
    if status == CampaignStatus.UPCOMING:
        return Q(start_date__gt=today)
    if status == CampaignStatus.CLOSED:
        return Q(end_date__lt=today)
    return Q(start_date__lte=today) & (Q(end_date__isnull=True) | Q(end_date__gte=today))


class CampaignIndexPage(ListingIndexMixin, SectionIndexPage):
    """Campaigns, newest first, filterable by status and theme."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["campaigns.CampaignPage"]
    template = "campaigns/campaign_index_page.html"
    listing_class = "campaigns.listing.CampaignListing"
    # Its filters offer every one of these (caching.cache_purge: their changes show here).
    shows_every = ("taxonomy.Theme",)

    class Meta:
        verbose_name = _("campaigns index")
        verbose_name_plural = _("campaigns indexes")


class CampaignPage(ThemedPageMixin, AgendaTaggedMixin, RoutablePageMixin, BasePage):
    """An advocacy campaign that local governments and organisations endorse.

    Signing is done by `campaigns.views` (its routes below); signatures are
    `campaigns.endorsements`.
    """

    start_date = models.DateField(_("start date"), help_text=_("When the campaign opens."))
    end_date = models.DateField(
        _("end date"), null=True, blank=True, help_text=_("When it closes. Empty: open-ended.")
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Large image at the top and in social media previews (landscape)."),
    )
    summary = models.TextField(
        _("summary"), max_length=600, help_text=_("What the campaign asks for, in two sentences.")
    )
    key_demands = StreamField(
        [
            (
                "demand",
                blocks.CharBlock(
                    label=_("Demand"),
                    max_length=300,
                    icon="pick",
                    description=_("One demand of the campaign, in one sentence."),
                    preview_value="Recognise local governments as actors of migration governance.",
                ),
            )
        ],
        blank=True,
        verbose_name=_("key demands"),
        help_text=_("The campaign's demands, one per item."),
    )
    body = StreamField(
        CAMPAIGN_BODY_BLOCKS,
        blank=True,
        verbose_name=_("body"),
        help_text=_("The campaign's story: text, figures, milestones, videos, images."),
    )
    declaration = RichTextField(
        _("declaration"),
        features=["bold", "italic", "ol", "ul", "link"],
        blank=True,
        help_text=_("The text signatories endorse, shown above the endorsement form."),
    )
    endorsements_open = models.BooleanField(
        _("endorsements open"),
        default=True,
        help_text=_("Show the endorsement form while the campaign is active."),
    )
    endorsement_target = models.PositiveIntegerField(
        _("endorsement target"),
        null=True,
        blank=True,
        help_text=_("How many endorsements the campaign aims for (shown as a progress bar)."),
    )
    partners = ParentalManyToManyField(
        "taxonomy.Partner",
        verbose_name=_("partners"),
        blank=True,
        related_name="+",
        help_text=_("Organisations running the campaign with the committee."),
    )

    content_panels = BasePage.content_panels + [
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")], heading=_("Dates")),
        FieldPanel("hero_image"),
        FieldPanel("summary"),
        FieldPanel("key_demands"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("declaration"),
                FieldPanel("endorsements_open"),
                FieldPanel("endorsement_target"),
            ],
            heading=_("Endorsements"),
        ),
        MultiFieldPanel(
            [FieldPanel("partners"), FieldPanel("themes"), FieldPanel("agenda_references")],
            heading=_("Partners and tags"),
        ),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("summary"),
        index.SearchField("key_demands"),
        index.SearchField("body"),
        index.SearchField("declaration"),
    ]
    translatable_fields = BasePage.base_translatable_fields + [
        TranslatableField("summary"),
        TranslatableField("key_demands"),
        TranslatableField("body"),
        TranslatableField("declaration"),
        SynchronizedField("start_date"),
        SynchronizedField("end_date"),
        SynchronizedField("hero_image", overridable=True),
        SynchronizedField("endorsements_open"),
        SynchronizedField("endorsement_target"),
    ]

    parent_page_types = ["campaigns.CampaignIndexPage"]
    subpage_types = []
    template = "campaigns/campaign_page.html"

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")

    @property
    def status(self):
        today = timezone.localdate()
        if self.start_date > today:
            return CampaignStatus.UPCOMING
        if self.end_date and self.end_date < today:
            return CampaignStatus.CLOSED
        return CampaignStatus.ACTIVE

    @property
    def status_label(self):
        return CampaignStatus(self.status).label

    @property
    def accepts_endorsements(self):
        return self.endorsements_open and self.status == CampaignStatus.ACTIVE

    def social_image(self):
        return self.hero_image or self.listing_image

    @classmethod
    def complete_cards(cls, pairs, request=None):
        """A campaign's card: its status, how many have endorsed it (one query for every
        campaign listed) and, while it accepts endorsements, a way to endorse it."""
        counts = approved_counts([campaign.translation_key for campaign, _card in pairs])
        for campaign, card in pairs:
            card.status = campaign.status_label
            count = counts.get(campaign.translation_key, 0)
            # The campaign page's own words for it (the same catalog entry).
            card.count = ngettext("%(counter)s endorsement", "%(counter)s endorsements", count) % {
                "counter": count
            }
            if campaign.accepts_endorsements:
                card.action_label = gettext("Endorse this campaign")
                card.action_url = f"{card.url}#endorse"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(taxonomy_context(self, context["localized_snippets"]))
        # Its themes open the campaigns index filtered by them.
        context["page_themes"] = linked_tags(
            context["page_themes"], parent_url(self.get_url(request))
        )
        context.update(views.endorsement_context(self, request))
        return context

    # Confirmation, withdrawal and sign-again links carry their token (caching.page_cache keeps
    # only these).
    cache_query_parameters = ("token",)

    @path("")
    def campaign(self, request):
        if request.method == "POST":
            return views.endorse(self, request)
        return self.render(request)

    @path("thanks/")
    def thanks(self, request):
        return views.thanks(self, request)

    @path("confirm/")
    def confirm(self, request):
        # Answers one visitor's link: kept out of the page cache and the CDN.
        return _private(views.confirm(self, request))

    @path("withdraw/")
    def withdraw(self, request):
        return _private(views.withdraw(self, request))

    @path("sign-again/")
    def sign_again(self, request):
        return _private(views.sign_again(self, request))


def _private(response):
    add_never_cache_headers(response)
    patch_cache_control(response, private=True)
    return response
