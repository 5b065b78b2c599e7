from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from taxonomy.models import AgendaReference, Partner, Theme


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    list_display = ["name", "slug", "colour"]
    search_fields = ["name"]


class AgendaReferenceViewSet(SnippetViewSet):
    model = AgendaReference
    icon = "globe"
    list_display = ["code", "title", "agenda"]
    list_filter = ["agenda"]


class PartnerViewSet(SnippetViewSet):
    model = Partner
    icon = "group"
    list_display = ["name", "acronym", "kind"]
    list_filter = ["kind"]


class TaxonomiesGroup(SnippetViewSetGroup):
    menu_label = _("Taxonomies")
    menu_icon = "tag"
    menu_order = 300
    items = (ThemeViewSet, AgendaReferenceViewSet, PartnerViewSet)


register_snippet(TaxonomiesGroup)
