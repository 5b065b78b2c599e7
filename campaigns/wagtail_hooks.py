from wagtail import hooks
from wagtail.snippets.models import register_snippet

from campaigns.admin_views import (
    ApproveBulkAction,
    EndorsementViewSet,
    MatchCityBulkAction,
    RejectBulkAction,
)

register_snippet(EndorsementViewSet)
hooks.register("register_bulk_action", ApproveBulkAction)
hooks.register("register_bulk_action", RejectBulkAction)
hooks.register("register_bulk_action", MatchCityBulkAction)
