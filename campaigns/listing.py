"""The campaigns index: newest first, filtered by status and theme through a GET form."""

from django import forms
from django.core.paginator import Paginator
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from campaigns.models import CampaignPage, CampaignStatus, status_filter
from core.forms import ListingFilterForm
from core.listing import attach_listing_images, card_for
from themes.listing import localized_themes_by_page
from themes.models import Theme

PAGE_SIZE = 12


class CampaignFilterForm(ListingFilterForm):
    status = forms.ChoiceField(label=_("Status"), required=False)
    theme = forms.ChoiceField(label=_("Theme"), required=False)

    def __init__(self, data, themes):
        super().__init__(data)
        self.set_choices("status", CampaignStatus.choices)
        self.set_choices("theme", [(t.slug, t.name) for t in themes])


def campaign_listing_context(index, request):
    themes = list(Theme.objects.filter(locale__language_code=translation.get_language()))
    form = CampaignFilterForm(request.GET, themes)
    chosen = form.valid_values()
    campaigns = CampaignPage.objects.child_of(index).live().public().order_by("-start_date", "-pk")
    if "status" in chosen:
        campaigns = campaigns.filter(status_filter(chosen["status"]))
    if "theme" in chosen:
        theme = next(t for t in themes if t.slug == chosen["theme"])
        campaigns = campaigns.filter(themes__translation_key=theme.translation_key).distinct()
    page = Paginator(campaigns.prefetch_related("themes"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    items = list(page.object_list)
    renditions = attach_listing_images(items)
    themes_by_page = localized_themes_by_page(items)
    cards = [
        {
            "card": card_for(item, renditions.get(item.pk), request),
            "status": item.status_label,
            "tags": themes_by_page[item.pk],
        }
        for item in items
    ]
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "filter_form": form,
        "campaign_cards": cards,
        "page_obj": page,
        "query_without_page": query.urlencode(),
    }
