import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from modelcluster.fields import ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from campaigns.blocks import CAMPAIGN_BODY_BLOCKS
from core.listing import ListingIndexMixin
from core.models import BasePage, SectionIndexPage
from themes.models import AgendaTaggedMixin, ThemedPageMixin, taxonomy_context


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

    class Meta:
        verbose_name = _("campaigns index")
        verbose_name_plural = _("campaigns indexes")


class CampaignPage(ThemedPageMixin, AgendaTaggedMixin, RoutablePageMixin, BasePage):
    """An advocacy campaign that local governments and organisations endorse.

    Signing is done by `campaigns.endorsing`, imported inside the methods that call it: it
    needs the `Endorsement` model defined below, a real cycle.
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
        "themes.Partner",
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

    def get_context(self, request, *args, **kwargs):
        from campaigns.endorsing import endorsement_context

        context = super().get_context(request, *args, **kwargs)
        context.update(taxonomy_context(self, context["localized_snippets"]))
        context.update(endorsement_context(self, request))
        return context

    @path("")
    def campaign(self, request):
        from campaigns.endorsing import endorse

        if request.method == "POST":
            return endorse(self, request)
        return self.render(request)

    @path("thanks/")
    def thanks(self, request):
        from campaigns.endorsing import thanks

        return thanks(self, request)

    @path("confirm/")
    def confirm(self, request):
        from campaigns.endorsing import confirm

        # Answers one visitor's link: kept out of the page cache and the CDN.
        return _private(confirm(self, request))

    @path("withdraw/")
    def withdraw(self, request):
        from campaigns.endorsing import withdraw

        return _private(withdraw(self, request))


def _private(response):
    add_never_cache_headers(response)
    patch_cache_control(response, private=True)
    return response


class SignatoryType(models.TextChoices):
    LOCAL_GOVERNMENT = "local_government", _("Local or regional government")
    ASSOCIATION = "association", _("Association of local governments")
    CIVIL_SOCIETY = "civil_society", _("Civil society organisation")
    OTHER = "other", _("Other")


class EndorsementStatus(models.TextChoices):
    UNCONFIRMED = "unconfirmed", _("Unconfirmed")
    PENDING = "pending", _("Pending moderation")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Endorsement(models.Model):
    """An institution's signature of a campaign: the campaign in every language, not one."""

    campaign_key = models.UUIDField(
        _("campaign"),
        db_index=True,
        editable=False,
        help_text=_("The campaign's translation key: the same for all its language versions."),
    )
    signatory_type = models.CharField(
        _("type of signatory"), max_length=20, choices=SignatoryType.choices
    )
    organisation = models.CharField(_("organisation"), max_length=200)
    city = models.CharField(_("city"), max_length=120)
    country = CountryField(_("country"))
    contact_name = models.CharField(_("contact name"), max_length=120)
    contact_role = models.CharField(_("contact's role"), max_length=120)
    email = models.EmailField(_("email"), max_length=254)
    consent_public = models.BooleanField(
        _("listed publicly"),
        default=False,
        help_text=_("The signatory agreed to have its name, city and country published."),
    )
    consent_privacy = models.BooleanField(_("accepted the privacy notice"), default=False)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=EndorsementStatus.choices,
        default=EndorsementStatus.UNCONFIRMED,
        db_index=True,
    )
    is_sample = models.BooleanField(
        _("sample data"), default=False, help_text=_("Made up for the demonstration site.")
    )
    created_at = models.DateTimeField(_("signed at"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    moderated_at = models.DateTimeField(_("moderated at"), null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("status"),
        FieldPanel("organisation"),
        FieldPanel("signatory_type"),
        FieldRowPanel([FieldPanel("city"), FieldPanel("country")]),
        FieldPanel("consent_public"),
        MultiFieldPanel(
            [
                FieldPanel("contact_name", permission="campaigns.view_signer_contact"),
                FieldPanel("contact_role", permission="campaigns.view_signer_contact"),
                FieldPanel("email", permission="campaigns.view_signer_contact"),
            ],
            heading=_("Contact (private)"),
        ),
    ]

    class Meta:
        verbose_name = _("endorsement")
        verbose_name_plural = _("endorsements")
        ordering = ["-created_at"]
        permissions = [
            ("view_signer_contact", _("Can see signers' contact details and export them"))
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign_key", "email"], name="one_endorsement_per_email"
            )
        ]
        indexes = [models.Index(fields=["campaign_key", "status"])]

    def __str__(self):
        return f"{self.organisation} ({self.city})"

    @cached_property
    def campaign(self):
        """The campaign in its source language (for the admin)."""
        return CampaignPage.objects.filter(translation_key=self.campaign_key).order_by("pk").first()

    def campaign_title(self):
        # Listings annotate it (EndorsementViewSet.get_queryset): no query per row.
        title = getattr(self, "campaign_name", None)
        if title is None and self.campaign:
            title = self.campaign.title
        return title or "—"

    campaign_title.short_description = _("campaign")

    def mark_confirmed(self):
        if self.status == EndorsementStatus.UNCONFIRMED:
            self.status = EndorsementStatus.PENDING
            self.confirmed_at = timezone.now()
            self.save(update_fields=["status", "confirmed_at"])

    def moderate(self, status, user):
        self.status = status
        self.moderated_at = timezone.now()
        self.moderated_by = user
        self.save(update_fields=["status", "moderated_at", "moderated_by"])


CONFIRMATION_MAX_AGE = datetime.timedelta(days=7)
