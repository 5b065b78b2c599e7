"""What campaigns show on pages: endorsements, for the page cache's purge (core.cache_purge)."""

from campaigns.endorsements import Endorsement, EndorsementStatus
from core.cache_purge import register_shown_model


def endorsement_save_shows(endorsement, created):
    # A new endorsement waits for confirmation and moderation: it shows nowhere yet, and
    # visitors must not be able to empty the cache by signing.
    return not created or endorsement.status == EndorsementStatus.APPROVED


def connect():
    """Called from CampaignsConfig.ready()."""
    register_shown_model(Endorsement, save_shows=endorsement_save_shows)
