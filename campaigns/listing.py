"""The campaigns index: newest first, filtered by status and theme through a GET form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from campaigns.models import CampaignPage, CampaignStatus, status_filter
from core.forms import ListingFilterForm
from core.i18n import without_aliases
from core.visibility import public
from taxonomy.listing import ThemedListing


class CampaignFilterForm(ListingFilterForm):
    status = forms.ChoiceField(label=_("Status"), required=False)
    theme = forms.ChoiceField(label=_("Theme"), required=False)

    def __init__(self, data, themes):
        super().__init__(data)
        self.set_choices("status", CampaignStatus.choices)
        self.set_choices("theme", [(t.slug, t.name) for t in themes])


class CampaignListing(ThemedListing):
    form_class = CampaignFilterForm
    page_size = 12

    def get_form_kwargs(self):
        return {"themes": self.themes}

    def get_queryset(self):
        campaigns = without_aliases(public(CampaignPage.objects.child_of(self.page).live()))
        return campaigns.order_by("-start_date", "-pk")

    def filter_queryset(self, campaigns):
        if "status" in self.chosen:
            campaigns = campaigns.filter(status_filter(self.chosen["status"]))
        return super().filter_queryset(campaigns)
