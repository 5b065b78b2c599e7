"""The campaigns index: newest first, filtered by status and theme."""

from django.utils.translation import gettext_lazy as _

from campaigns.models import CampaignPage, CampaignStatus, status_filter
from core.facets import Facet, ListingFilters
from core.i18n import without_aliases
from core.visibility import public
from taxonomy.listing import ThemedListing, theme_facet


class CampaignFilters(ListingFilters):
    # A campaign's status follows from its dates: filtered by `filter_status`, not counted.
    status = Facet(label=_("Status"), choices=CampaignStatus.choices, method="filter_status")
    theme = theme_facet()

    def filter_status(self, campaigns, name, value):
        return campaigns.filter(status_filter(value))


class CampaignListing(ThemedListing):
    filterset_class = CampaignFilters
    page_size = 12

    def get_queryset(self):
        campaigns = without_aliases(public(CampaignPage.objects.child_of(self.page).live()))
        return campaigns.order_by("-start_date", "-pk")
