"""What campaigns show on pages: endorsements, for the page cache's purge (caching.cache_purge).

An approved endorsement shows on its campaign (in every language), and, once a moderator
has matched it to a city page, puts the campaign on that city's page (`cities.links`).
"""

from wagtail.models import Page

from caching.cache_purge import register_shown_model
from campaigns.endorsements import Endorsement, EndorsementStatus


def endorsement_save_shows(endorsement, created):
    """Pages show approved endorsements only: a save changes them when the endorsement is
    approved now or was when loaded. Signing, confirming and withdrawing an endorsement
    that was never approved purge nothing (visitors must not be able to empty the cache).
    A moderator changing the city page does (signers cannot set it): the old city's pages
    are then stale too."""
    was = endorsement.loaded_value("status")
    return EndorsementStatus.APPROVED in (endorsement.status, was) or (
        not created and endorsement.changed_since_loaded("matched_city_id")
    )


def endorsement_shown_on(endorsement):
    """Its campaign, and the page of its city (before and after a change), in every language
    (the pages listing them follow)."""
    city_ids = {
        endorsement.__dict__.get("matched_city_id"),
        endorsement.loaded_value("matched_city_id"),
    } - {None}
    keys = [endorsement.campaign_key]
    if city_ids:
        keys += list(Page.objects.filter(pk__in=city_ids).values_list("translation_key", flat=True))
    return Page.objects.filter(translation_key__in=keys)


def connect():
    """Called from CampaignsConfig.ready()."""
    register_shown_model(
        Endorsement, save_shows=endorsement_save_shows, shown_on=endorsement_shown_on
    )
