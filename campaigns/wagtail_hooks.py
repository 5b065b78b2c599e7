from wagtail import hooks
from wagtail.snippets.models import register_snippet

from campaigns.admin_views import (
    ApproveBulkAction,
    EndorsementViewSet,
    MatchCityBulkAction,
    ModerationEmailsPanel,
    PendingEndorsementsPanel,
    RejectBulkAction,
)

register_snippet(EndorsementViewSet)
hooks.register("register_bulk_action", ApproveBulkAction)
hooks.register("register_bulk_action", RejectBulkAction)
hooks.register("register_bulk_action", MatchCityBulkAction)


@hooks.register("construct_homepage_panels")
def add_pending_endorsements(request, panels):
    panels.append(PendingEndorsementsPanel(request.user))


@hooks.register("register_account_settings_panel")
def moderation_emails_panel(request, user, profile):
    return ModerationEmailsPanel(request, user, profile)
