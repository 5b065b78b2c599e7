"""The Endorsement model: institutions' signatures of a campaign, in every language at once,
and the queries over them.

Kept apart from the page models (`campaigns.models` imports it, so Django finds it there)
so that the signing views (`campaigns.views`), which the campaign page's routes call, need
not import the pages.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Count
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import Page


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


# What moderators may set: a signer confirms (unconfirmed → pending) or withdraws, never staff.
MODERATION_STATUSES = (
    EndorsementStatus.PENDING,
    EndorsementStatus.APPROVED,
    EndorsementStatus.REJECTED,
)
SIGNER_STATUSES = (EndorsementStatus.UNCONFIRMED, EndorsementStatus.WITHDRAWN)


class LoadedValuesMixin:
    """Remembers the values its `tracked_fields` (attribute names: `matched_city_id` for a
    foreign key) had when the instance was loaded from the database, for a save to tell
    what it changes (`campaigns.signals`). Never a query: a field deferred when loaded, like
    every field of an instance not loaded, counts as None."""

    tracked_fields = ()

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._loaded_values = {name: instance.__dict__.get(name) for name in cls.tracked_fields}
        return instance

    def loaded_value(self, name):
        """The value `name` had when loaded (None for an instance not loaded)."""
        return getattr(self, "_loaded_values", {}).get(name)

    def changed_since_loaded(self, name):
        return self.__dict__.get(name) != self.loaded_value(name)


class Endorsement(LoadedValuesMixin, models.Model):
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
    matched_city = models.ForeignKey(
        "cities.CityPage",
        verbose_name=_("city page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="endorsements",
        help_text=_(
            "The page of the signatory's city, confirmed by a moderator: an approved, public "
            "endorsement counts on it and puts the city on the campaign's map."
        ),
    )
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
    confirmation_sent_at = models.DateTimeField(
        _("confirmation email sent at"),
        null=True,
        blank=True,
        help_text=_(
            "Empty while the confirmation email waits to be sent (the mail server failed): "
            "the send_confirmations command retries."
        ),
    )
    moderated_at = models.DateTimeField(_("moderated at"), null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    # What pages showed of it before a change (campaigns.signals).
    tracked_fields = ("status", "matched_city_id")

    panels = [
        FieldPanel("status"),
        FieldPanel("organisation"),
        FieldPanel("signatory_type"),
        FieldRowPanel([FieldPanel("city"), FieldPanel("country")]),
        FieldPanel("matched_city"),
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
        return (
            Page.objects.filter(translation_key=self.campaign_key).order_by("pk").specific().first()
        )

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

    @property
    def can_be_moderated(self):
        """Confirmed by its signer and not withdrawn: moderators may approve or reject it."""
        return self.status in MODERATION_STATUSES

    def moderate(self, status, user):
        """Set a moderation status, noting who did it and when (every moderation path goes
        through here, or through `note_moderation` for the edit form's save)."""
        self.status = status
        self.note_moderation(user)
        self.save(update_fields=["status", "moderated_at", "moderated_by"])

    def note_moderation(self, user):
        self.moderated_at = timezone.now()
        self.moderated_by = user


class ModerationEmailPreferences(models.Model):
    """Whether a moderator gets the digest of endorsements waiting for moderation
    (`manage.py send_endorsement_digest`): yes until turned off (Account › Notifications)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="moderation_emails",
        verbose_name=_("user"),
        help_text=_("Whose preferences these are."),
    )
    pending_digest = models.BooleanField(
        _("endorsements waiting for moderation"),
        default=True,
        help_text=_("An email listing, per campaign, the endorsements waiting for moderation."),
    )

    class Meta:
        verbose_name = _("moderation email preferences")
        verbose_name_plural = _("moderation email preferences")

    def __str__(self):
        return str(self.user)


CONFIRMATION_MAX_AGE = datetime.timedelta(days=7)
# A signer asking for the confirmation email again gets it at most this often.
RESEND_INTERVAL = datetime.timedelta(minutes=10)


def expired_unconfirmed():
    """Endorsements never confirmed within the link's lifetime: they free their address."""
    return Endorsement.objects.filter(
        status=EndorsementStatus.UNCONFIRMED,
        created_at__lt=timezone.now() - CONFIRMATION_MAX_AGE,
    )


def pending_counts():
    """[(campaign translation key, number of endorsements waiting for moderation)], most
    waiting first, in one query: what the admin's dashboard panel lists."""
    rows = (
        Endorsement.objects.filter(status=EndorsementStatus.PENDING)
        .values("campaign_key")
        .annotate(n=Count("pk"))
        .order_by("-n", "campaign_key")
    )
    return [(row["campaign_key"], row["n"]) for row in rows]


def approved_counts(campaign_keys):
    """{campaign translation key: number of approved endorsements}, in one query: what
    campaign cards show (public consent is not needed to be counted)."""
    rows = (
        Endorsement.objects.filter(
            campaign_key__in=campaign_keys, status=EndorsementStatus.APPROVED
        )
        .values("campaign_key")
        .annotate(n=Count("pk"))
    )
    return {row["campaign_key"]: row["n"] for row in rows}
