"""Moderation of endorsements in the Wagtail admin, and their export (contacts and export only
with the contact permission; CSV cells that a spreadsheet would run as formulas neutralised).

Moderators also confirm which city page an endorsement's typed city means: the listing shows
the page matched, else the one `cities.matching` suggests (one matcher per request), and the
bulk action "Match to the suggested city" sets it (as the edit form's city page field does).
"""

import django_filters
from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, Subquery
from django.shortcuts import get_list_or_404
from django.utils.functional import cached_property
from django.utils.translation import gettext, ngettext_lazy
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from campaigns.models import CampaignPage, Endorsement, EndorsementStatus, SignatoryType
from cities.matching import CityMatcher
from core.spreadsheets import neutralise_formula

CONTACT_PERMISSION = "campaigns.view_signer_contact"
CONTACT_COLUMNS = {"email", "contact_name", "contact_role"}


def campaign_choices():
    """One choice per campaign (all its language versions share a key): the oldest version."""
    seen = {}
    for page in CampaignPage.objects.order_by("pk").only("title", "translation_key"):
        seen.setdefault(page.translation_key, page.title)
    return sorted(((str(key), title) for key, title in seen.items()), key=lambda c: c[1])


class EndorsementFilterSet(WagtailFilterSet):
    campaign_key = django_filters.ChoiceFilter(label=_("Campaign"), choices=campaign_choices)
    status = django_filters.ChoiceFilter(choices=EndorsementStatus.choices)
    signatory_type = django_filters.ChoiceFilter(choices=SignatoryType.choices)
    country = django_filters.ChoiceFilter(label=_("Country"), choices=lambda: list(countries))

    class Meta:
        model = Endorsement
        fields = ["campaign_key", "status", "signatory_type", "country"]


def suggest_cities(endorsements, matcher=None):
    """Note on each endorsement without a city page the one its typed city and country
    suggest (`city_suggestion`, None if none): one matcher, so one query, for them all."""
    matcher = matcher or CityMatcher()
    for endorsement in endorsements:
        if endorsement.matched_city_id:
            endorsement.city_suggestion = None
        else:
            endorsement.city_suggestion = matcher.suggest(endorsement.city, endorsement.country)
    return endorsements


class CityPageColumn(Column):
    """The endorsement's city page, else the suggested one ("Suggested: Tangier")."""

    def get_value(self, instance):
        if instance.matched_city_id:
            return instance.matched_city.title
        suggestion = getattr(instance, "city_suggestion", None)
        if suggestion is None:
            return "—"
        return gettext("Suggested: %(city)s") % {"city": suggestion.title_in()}


class EndorsementIndexView(IndexView):
    """Signers' contact details and the export only for users with the permission."""

    @cached_property
    def can_see_contacts(self):
        return self.request.user.has_perm(CONTACT_PERMISSION)

    def get(self, request, *args, **kwargs):
        if self.is_export and not self.can_see_contacts:
            raise PermissionDenied
        return super().get(request, *args, **kwargs)

    @cached_property
    def columns(self):
        columns = super().columns
        if self.can_see_contacts:
            return columns
        return [column for column in columns if column.name not in CONTACT_COLUMNS]

    def get_table(self, object_list):
        # The page's endorsements, each with its suggested city page (one query for them all).
        return super().get_table(suggest_cities(list(object_list)))

    @cached_property
    def show_export_buttons(self):
        return self.can_see_contacts and super().show_export_buttons

    def preprocess_field_value(self, field, value, export_format):
        # Signers type what the CSV carries; the XLSX export already writes every cell as text.
        value = super().preprocess_field_value(field, value, export_format)
        if export_format == self.FORMAT_CSV:
            return neutralise_formula(value)
        return value


class EndorsementViewSet(SnippetViewSet):
    model = Endorsement
    icon = "form"
    menu_label = _("Endorsements")
    menu_order = 250
    add_to_admin_menu = True
    index_view_class = EndorsementIndexView
    list_display = [
        "organisation",
        "city",
        "country",
        CityPageColumn("city_page", label=_("City page")),
        "signatory_type",
        "campaign_title",
        "status",
        "email",
        "created_at",
    ]
    list_per_page = 50
    filterset_class = EndorsementFilterSet
    search_fields = ["organisation", "city"]
    list_export = [
        "organisation",
        "city",
        "country",
        "signatory_type",
        "campaign_title",
        "status",
        "contact_name",
        "contact_role",
        "email",
        "consent_public",
        "language",
        "created_at",
        "confirmed_at",
        "moderated_at",
        "is_sample",
    ]
    export_filename = "endorsements"

    def get_queryset(self, request):
        # The campaign's title (its oldest language version) in the same query as the rows.
        title = (
            CampaignPage.objects.filter(translation_key=OuterRef("campaign_key"))
            .order_by("pk")
            .values("title")[:1]
        )
        return Endorsement.objects.annotate(campaign_name=Subquery(title)).select_related(
            "matched_city"
        )


class ModerateBulkAction(SnippetBulkAction):
    """Approve or reject many endorsements at once; records who did it and when."""

    models = [Endorsement]
    new_status = None
    template_name = "campaigns/admin/confirm_bulk_moderation.html"

    def check_perm(self, obj):
        return self.permission_policy.user_has_permission_for_instance(
            self.request.user, "change", obj
        )

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        for endorsement in objects:
            endorsement.moderate(cls.new_status, user)
        return len(objects), 0

    def get_execution_context(self):
        return {"user": self.request.user}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["action_label"] = self.display_name
        return context

    def get_success_message(self, num_parent_objects, num_child_objects):
        return self.done_message % {"count": num_parent_objects}


class ApproveBulkAction(ModerateBulkAction):
    display_name = _("Approve")
    aria_label = _("Approve the selected endorsements")
    action_type = "approve"
    action_priority = 10
    new_status = EndorsementStatus.APPROVED
    done_message = ngettext_lazy(
        "%(count)d endorsement approved.", "%(count)d endorsements approved.", "count"
    )


class RejectBulkAction(ModerateBulkAction):
    display_name = _("Reject")
    aria_label = _("Reject the selected endorsements")
    action_type = "reject"
    action_priority = 20
    new_status = EndorsementStatus.REJECTED
    done_message = ngettext_lazy(
        "%(count)d endorsement rejected.", "%(count)d endorsements rejected.", "count"
    )


class MatchCityBulkAction(ModerateBulkAction):
    """Set each selected endorsement's city page to the suggested one (those without a city
    page and with a suggestion; the others are left as they are). Nothing else is recorded:
    the moderation stays as it was."""

    display_name = _("Match to the suggested city")
    aria_label = _("Match the selected endorsements to their suggested city pages")
    action_type = "match_city"
    action_priority = 30
    template_name = "campaigns/admin/confirm_bulk_city_match.html"
    done_message = ngettext_lazy(
        "%(count)d endorsement matched to its city page.",
        "%(count)d endorsements matched to their city pages.",
        "count",
    )

    @classmethod
    def get_queryset(cls, model, object_ids):
        return get_list_or_404(model.objects.select_related("matched_city"), pk__in=object_ids)

    def annotate_items(self, items):
        return suggest_cities(items)

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        unmarked = [item for item in objects if not hasattr(item, "city_suggestion")]
        if unmarked:
            suggest_cities(unmarked)
        matched = 0
        for endorsement in objects:
            suggestion = endorsement.city_suggestion
            if endorsement.matched_city_id or suggestion is None:
                continue
            endorsement.matched_city_id = suggestion.page_id
            # Saved one by one: the signals make the city's and the campaign's pages stale.
            endorsement.save(update_fields=["matched_city"])
            matched += 1
        return matched, 0
