"""What campaigns show on pages: endorsements, for the page cache's purge (core.cache_purge)."""

from wagtail.models import Page

from campaigns.endorsements import Endorsement, EndorsementStatus
from core.cache_purge import register_shown_model


def endorsement_save_shows(endorsement, created):
    """Pages show approved endorsements only: a save changes them when the endorsement is
    approved now or was when loaded. Signing, confirming and withdrawing an endorsement
    that was never approved purge nothing (visitors must not be able to empty the cache)."""
    was = getattr(endorsement, "loaded_status", None)
    return EndorsementStatus.APPROVED in (endorsement.status, was)


def endorsement_shown_on(endorsement):
    """Its campaign, in every language (the pages listing the campaign follow)."""
    return Page.objects.filter(translation_key=endorsement.campaign_key)


def connect():
    """Called from CampaignsConfig.ready()."""
    register_shown_model(
        Endorsement, save_shows=endorsement_save_shows, shown_on=endorsement_shown_on
    )
