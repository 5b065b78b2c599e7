from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "campaigns"
    verbose_name = _("Campaigns and endorsements")

    def ready(self):
        from campaigns import signals

        signals.connect()
        # A campaign is listed on the page of every city with an approved, public
        # endorsement matched to it by a moderator (cities.links).
        from campaigns.endorsements import Endorsement, EndorsementStatus
        from campaigns.models import CampaignPage
        from cities.links import register_city_link
        from home.sections import register_section

        register_section("campaigns.CampaignIndexPage", latest=True, order=30)

        def endorsed(key):
            endorsements = Endorsement.objects.filter(
                matched_city__translation_key=key,
                status=EndorsementStatus.APPROVED,
                consent_public=True,
            )
            return CampaignPage.objects.filter(
                translation_key__in=endorsements.values("campaign_key")
            )

        register_city_link("campaigns", _("Campaigns endorsed"), CampaignPage, endorsed, order=30)
