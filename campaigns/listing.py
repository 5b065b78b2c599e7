"""The campaigns index: newest first, filtered by status and theme through a GET form."""

from django import forms
from django.core.paginator import Paginator
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from campaigns.models import CampaignPage, CampaignStatus, status_filter
from core.listing import attach_listing_images, card_for
from core.snippets import localize_instances
from themes.models import Theme

PAGE_SIZE = 12


class CampaignFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False)
    theme = forms.ChoiceField(label=_("Theme"), required=False)

    def __init__(self, data, themes):
        super().__init__(data)
        everything = [("", _("All"))]
        self.fields["status"].choices = everything + list(CampaignStatus.choices)
        self.fields["theme"].choices = everything + [(t.slug, t.name) for t in themes]

    def valid_values(self):
        self.is_valid()
        return {k: v for k, v in self.cleaned_data.items() if v}


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
    all_themes = [theme for item in items for theme in item.themes.all()]
    localized = dict(zip(map(id, all_themes), localize_instances(all_themes), strict=True))
    cards = []
    for item in items:
        card = card_for(item, renditions.get(item.pk), request)
        cards.append(
            {
                "card": card,
                "status": item.status_label,
                "tags": [localized[id(t)] for t in item.themes.all()],
            }
        )
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "filter_form": form,
        "campaign_cards": cards,
        "page_obj": page,
        "query_without_page": query.urlencode(),
    }
