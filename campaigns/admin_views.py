"""Moderation of endorsements in the Wagtail admin, and their export (contacts and export only
with the contact permission; CSV cells that a spreadsheet would run as formulas neutralised;
labels, country names, yes/no and local dates in the exporting user's admin language and
time zone).

Every path that moderates (the bulk actions, each row's Approve and Reject buttons, the edit
form's status) records who did it and when (`Endorsement.moderate` / `note_moderation`), and
offers only the moderators' statuses: "unconfirmed" and "withdrawn" belong to the signer.

Moderators also confirm which city page an endorsement's typed city means: the listing shows
the page matched, else the one `cities.matching` suggests (one matcher per request), and the
bulk action "Match to the suggested city" sets it (as the edit form's city page field does).
"""

import datetime
from contextlib import contextmanager
from urllib.parse import urlencode

import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, Subquery
from django.http import Http404
from django.shortcuts import get_list_or_404, get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.translation import get_language_info, gettext, ngettext_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from django_countries import countries
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.account import BaseSettingsPanel, notifications_tab
from wagtail.admin.widgets import SwitchInput
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.views.snippets import EditView, IndexView, SnippetViewSet
from wagtail.users.models import UserProfile

from campaigns.endorsements import MODERATION_STATUSES, ModerationEmailPreferences
from campaigns.models import CampaignPage, Endorsement, EndorsementStatus, SignatoryType
from campaigns.moderation import MODERATE_PERMISSION, pending_by_campaign
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


class ModerationColumn(Column):
    """Approve and Reject buttons (small POST forms) on each row a moderator may act on."""

    cell_template_name = "campaigns/admin/moderation_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        view = getattr(parent_context["table"], "listing_view", None)
        context["actions"] = view.moderation_actions(instance) if view else []
        context["next_url"] = view.listing_url if view else ""
        return context


# The row buttons: the decision in the URL, the status it sets, the button's label.
DECISIONS = {
    "approve": (EndorsementStatus.APPROVED, _("Approve")),
    "reject": (EndorsementStatus.REJECTED, _("Reject")),
}


def yes_no(value):
    return gettext("Yes") if value else gettext("No")


def local_datetime(value):
    """A date and time people read: the exporting user's time zone, to the minute."""
    if value is None:
        return ""
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")


def choice_label(choices):
    def label(value):
        try:
            return str(choices(value).label)
        except ValueError:
            return value

    return label


def country_name(country):
    return str(country.name) if country else ""


def language_name(code):
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return code


def moderator_name(user):
    return (user.get_full_name() or user.get_username()) if user else ""


def readable(function):
    return {"csv": function, "xlsx": function}


class EndorsementIndexView(IndexView):
    """Signers' contact details and the export only for users with the permission; row buttons
    to approve or reject; edit links that come back to the listing as it was filtered."""

    moderate_url_name = None  # the row buttons' view (EndorsementViewSet.moderate_view)

    custom_field_preprocess = {
        "country": readable(country_name),
        "signatory_type": readable(choice_label(SignatoryType)),
        "status": readable(choice_label(EndorsementStatus)),
        "language": readable(language_name),
        "moderated_by": readable(moderator_name),
        "consent_public": readable(yes_no),
        "is_sample": readable(yes_no),
    }
    custom_value_preprocess = {
        **IndexView.custom_value_preprocess,
        # XLSX keeps typed dates, in the user's time zone (Wagtail writes them in UTC).
        datetime.datetime: {
            "csv": local_datetime,
            "xlsx": lambda value: timezone.make_naive(timezone.localtime(value)).replace(
                microsecond=0
            ),
        },
    }

    @cached_property
    def can_see_contacts(self):
        return self.request.user.has_perm(CONTACT_PERMISSION)

    @cached_property
    def can_moderate(self):
        return self.permission_policy.user_has_permission(self.request.user, "change")

    def get(self, request, *args, **kwargs):
        if self.is_export and not self.can_see_contacts:
            raise PermissionDenied
        return super().get(request, *args, **kwargs)

    @cached_property
    def columns(self):
        columns = super().columns
        if not self.can_moderate:
            columns = [column for column in columns if column.name != "moderation"]
        if self.can_see_contacts:
            return columns
        return [column for column in columns if column.name not in CONTACT_COLUMNS]

    def get_table(self, object_list):
        # The page's endorsements, each with its suggested city page (one query for them all).
        table = super().get_table(suggest_cities(list(object_list)))
        table.listing_view = self  # what the row buttons ask (ModerationColumn)
        return table

    @cached_property
    def listing_url(self):
        """The listing as the user sees it (filters, search, page): where an edit or a row
        button comes back to (the results view, refreshed as filters change, included)."""
        query = self.request.GET.copy()
        for name in ("export", "_"):
            query.pop(name, None)
        return f"{self.index_url}?{query.urlencode()}" if query else self.index_url

    def get_edit_url(self, instance):
        url = super().get_edit_url(instance)
        if url and self.listing_url != self.index_url:
            url += "?" + urlencode({"next": self.listing_url})
        return url

    def moderation_actions(self, instance):
        """[(label, URL)] of the row's buttons: what would change its status."""
        if not (self.can_moderate and instance.can_be_moderated):
            return []
        return [
            (label, reverse(self.moderate_url_name, args=(instance.pk, decision)))
            for decision, (status, label) in DECISIONS.items()
            if instance.status != status
        ]

    @cached_property
    def show_export_buttons(self):
        return self.can_see_contacts and super().show_export_buttons

    @contextmanager
    def exporting_user_locale(self):
        """The user's admin language and time zone, for labels, names and dates. The CSV is
        streamed after the view returns, so the stream itself enters it."""
        profile = UserProfile.get_for_user(self.request.user)
        with (
            translation.override(profile.get_preferred_language()),
            timezone.override(profile.get_current_time_zone()),
        ):
            yield

    def stream_csv(self, queryset):
        with self.exporting_user_locale():
            yield from super().stream_csv(queryset)

    def write_xlsx(self, queryset, output):
        with self.exporting_user_locale():
            return super().write_xlsx(queryset, output)

    def preprocess_field_value(self, field, value, export_format):
        # Signers type what the CSV carries; the XLSX export already writes every cell as text.
        value = super().preprocess_field_value(field, value, export_format)
        if export_format == self.FORMAT_CSV:
            return neutralise_formula(value)
        return value


class EndorsementAdminForm(WagtailAdminModelForm):
    """The edit form offers moderators' statuses only. An endorsement its signer has not
    confirmed, or has withdrawn, keeps that status: the field shows it, disabled."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("status")
        if field is None:
            return
        if self.instance.pk and not self.instance.can_be_moderated:
            field.choices = [(self.instance.status, self.instance.get_status_display())]
            field.disabled = True
            field.help_text = _(
                "Set by the signer: an endorsement can be moderated once its signer has "
                "confirmed it, and not after they have withdrawn it."
            )
        else:
            field.choices = [(status.value, status.label) for status in MODERATION_STATUSES]

    def clean_status(self):
        status = self.cleaned_data["status"]
        if status not in MODERATION_STATUSES and status != self.instance.status:
            raise forms.ValidationError(_("Only the signer can set this status."))
        return status


class EndorsementEditView(EditView):
    """Records who changed the status and when; goes back to the listing it came from."""

    def get_edit_url(self):
        url = super().get_edit_url()
        if next_url := get_valid_next_url_from_request(self.request):
            url += "?" + urlencode({"next": next_url})
        return url

    def get_success_url(self):
        return get_valid_next_url_from_request(self.request) or super().get_success_url()

    def save_instance(self):
        if "status" in self.form.changed_data:
            self.form.instance.note_moderation(self.request.user)
        return super().save_instance()


class EndorsementViewSet(SnippetViewSet):
    model = Endorsement
    icon = "form"
    menu_label = _("Endorsements")
    menu_order = 250
    add_to_admin_menu = True
    index_view_class = EndorsementIndexView
    edit_view_class = EndorsementEditView
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
        ModerationColumn("moderation", label=_("Moderation")),
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
        "moderated_by",
        "is_sample",
    ]
    export_filename = "endorsements"

    def get_edit_handler(self):
        return ObjectList(Endorsement.panels, base_form_class=EndorsementAdminForm).bind_to_model(
            Endorsement
        )

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(
            moderate_url_name=self.get_url_name("moderate"), **kwargs
        )

    @property
    def moderate_view(self):
        @require_POST
        def moderate(request, pk, action_name):
            """A row's Approve or Reject button (POST, with the CSRF token)."""
            if action_name not in DECISIONS:
                raise Http404
            endorsement = get_object_or_404(Endorsement, pk=pk)
            if not self.permission_policy.user_has_permission_for_instance(
                request.user, "change", endorsement
            ):
                raise PermissionDenied
            status, _label = DECISIONS[action_name]
            if endorsement.can_be_moderated:
                endorsement.moderate(status, request.user)
                messages.success(
                    request,
                    MODERATED_MESSAGES[action_name] % {"endorsement": endorsement},
                )
            else:
                messages.error(
                    request,
                    gettext("“%(endorsement)s” is %(status)s: only its signer can change that.")
                    % {"endorsement": endorsement, "status": endorsement.get_status_display()},
                )
            return redirect(
                get_valid_next_url_from_request(request) or reverse(self.get_url_name("list"))
            )

        return moderate

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(
                "moderate/<int:pk>/<slug:action_name>/",
                self.moderate_view,
                name="moderate",
            ),
        ]

    def get_queryset(self, request):
        # The campaign's title (its oldest language version) in the same query as the rows.
        title = (
            CampaignPage.objects.filter(translation_key=OuterRef("campaign_key"))
            .order_by("pk")
            .values("title")[:1]
        )
        return Endorsement.objects.annotate(campaign_name=Subquery(title)).select_related(
            "matched_city", "moderated_by"
        )


MODERATED_MESSAGES = {
    "approve": _("“%(endorsement)s” approved."),
    "reject": _("“%(endorsement)s” rejected."),
}


class ModerateBulkAction(SnippetBulkAction):
    """Approve or reject many endorsements at once; records who did it and when. Those whose
    status is the signer's (unconfirmed, withdrawn) are left alone, and not counted."""

    models = [Endorsement]
    new_status = None
    template_name = "campaigns/admin/confirm_bulk_moderation.html"

    def check_perm(self, obj):
        return self.permission_policy.user_has_permission_for_instance(
            self.request.user, "change", obj
        )

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        # Unconfirmed and withdrawn endorsements are the signer's: left as they are.
        moderated = [endorsement for endorsement in objects if endorsement.can_be_moderated]
        for endorsement in moderated:
            endorsement.moderate(cls.new_status, user)
        return len(moderated), 0

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


class PendingEndorsementsPanel(Component):
    """Admin home panel of those who moderate: how many endorsements wait, per campaign,
    each linking to the list filtered on that campaign and on "pending". Two queries (the
    counts, the campaigns' titles); nothing for users who cannot moderate."""

    name = "pending_endorsements"
    order = 60
    template_name = "campaigns/admin/pending_endorsements_panel.html"

    def __init__(self, user):
        self.user = user

    def render_html(self, parent_context=None):
        if not self.user.has_perm(MODERATE_PERMISSION):
            return ""
        return super().render_html(parent_context)

    def get_context_data(self, parent_context=None):
        rows = pending_by_campaign()
        return {"rows": rows, "total": sum(row["count"] for row in rows)}


class ModerationEmailsForm(forms.ModelForm):
    class Meta:
        model = ModerationEmailPreferences
        fields = ["pending_digest"]
        # A switch, as Wagtail's own notification settings beside it.
        widgets = {"pending_digest": SwitchInput()}


class ModerationEmailsPanel(BaseSettingsPanel):
    """Account › Notifications: whether a moderator gets the digest of what waits."""

    name = "moderation_emails"
    title = _("Moderation emails")
    tab = notifications_tab
    order = 160
    form_class = ModerationEmailsForm

    def is_active(self):
        return self.user.has_perm(MODERATE_PERMISSION)

    def get_form(self):
        instance = ModerationEmailPreferences.objects.filter(
            user=self.user
        ).first() or ModerationEmailPreferences(user=self.user)
        data = (self.request.POST,) if self.request.method == "POST" else ()
        return self.form_class(*data, instance=instance, prefix=self.name)
