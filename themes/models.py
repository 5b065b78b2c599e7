from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index
from wagtail.snippets.blocks import SnippetChooserBlock
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.blocks import BODY_BLOCKS, LinkBlock
from core.i18n import page_versions, without_aliases
from core.listing import ListingIndexMixin, cards_for_pages
from core.models import BasePage, SectionIndexPage
from core.page_maps import map_of_pages
from core.snippets import localize_instances, localized_snippet_map
from core.visibility import public
from taxonomy.logos import logo_renditions, partner_entries
from taxonomy.models import AgendaTaggedMixin, Partner, ThemedPageMixin
from themes.blocks import LinesOfActionBlock

YEAR_VALIDATORS = [MinValueValidator(1990), MaxValueValidator(2100)]


class ThemeIndexPage(SectionIndexPage):
    """The "Work areas" page: lists the thematic areas under it."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["themes.ThemePage"]
    template = "themes/theme_index_page.html"

    class Meta:
        verbose_name = _("work areas index")
        verbose_name_plural = _("work areas indexes")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        areas = list(without_aliases(public(self.get_children().live())).specific())
        cards = cards_for_pages(areas, request=request)
        context["area_cards"] = [
            cards[a.translation_key] for a in areas if a.translation_key in cards
        ]
        return context


class ThemePage(ListingIndexMixin, ThemedPageMixin, SectionIndexPage):
    """A work area (e.g. Migration and diversity): its priorities and what is tagged with them."""

    kind_on_cards = True  # "Work area" tells a card on the home page or a listing apart
    lists_tagged_pages = True  # what is tagged with its themes shows here (taxonomy.models)

    body = StreamField(
        BODY_BLOCKS,
        blank=True,
        verbose_name=_("body"),
        help_text=_("More about the work area: text, quotes, images and calls to action."),
    )

    content_panels = BasePage.content_panels + [
        FieldPanel(
            "introduction",
            help_text=_("One or two paragraphs on why this area matters to local governments."),
        ),
        FieldPanel("themes"),
        FieldPanel("featured_page"),
        FieldPanel("body"),
    ]
    search_fields = SectionIndexPage.search_fields + [index.SearchField("body")]
    translatable_fields = SectionIndexPage.translatable_fields + [TranslatableField("body")]

    parent_page_types = ["themes.ThemeIndexPage"]
    subpage_types = ["themes.ActionPlanPage", "themes.ProjectPage"]
    template = "themes/theme_page.html"

    class Meta:
        verbose_name = _("work area")
        verbose_name_plural = _("work areas")

    listing_class = "themes.listing.TaggedPagesListing"


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft plan")
    IN_FORCE = "in_force", _("In force")
    COMPLETED = "completed", _("Completed")


class PeriodMixin(models.Model):
    start_year = models.PositiveSmallIntegerField(
        _("first year"),
        null=True,
        blank=True,
        validators=YEAR_VALIDATORS,
        help_text=_("e.g. 2018."),
    )
    end_year = models.PositiveSmallIntegerField(
        _("last year"),
        null=True,
        blank=True,
        validators=YEAR_VALIDATORS,
        help_text=_("Leave empty while it goes on."),
    )

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.start_year and self.end_year and self.end_year < self.start_year:
            raise ValidationError({"end_year": _("The last year cannot come before the first.")})


class ActionPlanPage(PeriodMixin, ThemedPageMixin, AgendaTaggedMixin, BasePage):
    """An action plan: an introduction, then lines of action that visitors open one by one."""

    strapline = models.CharField(
        _("strapline"),
        max_length=255,
        blank=True,
        help_text=_("The plan's motto, shown under the title, e.g. Promoting welcoming cities."),
    )
    introduction = RichTextField(
        _("introduction"),
        features=["bold", "italic", "link"],
        blank=True,
        help_text=_("What the plan is and why: shown above the lines of action."),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=PlanStatus.choices,
        default=PlanStatus.IN_FORCE,
        help_text=_("Whether the plan is a draft, in force or completed."),
    )
    partners = ParentalManyToManyField(
        "taxonomy.Partner",
        verbose_name=_("partners"),
        blank=True,
        related_name="+",
        help_text=_("Organisations that carry out the plan with the committee."),
    )
    panels_hint = models.CharField(
        _("hint above the panels"),
        max_length=255,
        blank=True,
        help_text=_("e.g. Click the panels below to learn more about our action plan."),
    )
    lines = StreamField(
        LinesOfActionBlock(),
        blank=True,
        verbose_name=_("lines of action"),
        help_text=_("Each line of action is one collapsible panel, in the order shown."),
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("strapline"),
        FieldPanel("introduction"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start_year"), FieldPanel("end_year")]),
                FieldPanel("status"),
            ],
            heading=_("Period and status"),
        ),
        FieldPanel("panels_hint"),
        FieldPanel("lines"),
        MultiFieldPanel(
            [FieldPanel("partners"), FieldPanel("themes"), FieldPanel("agenda_references")],
            heading=_("Partners and tags"),
        ),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("strapline"),
        index.SearchField("introduction"),
        index.SearchField("lines"),
    ]
    translatable_fields = BasePage.base_translatable_fields + [
        TranslatableField("strapline"),
        TranslatableField("introduction"),
        TranslatableField("panels_hint"),
        TranslatableField("lines"),
        SynchronizedField("start_year"),
        SynchronizedField("end_year"),
        SynchronizedField("status"),
    ]
    resolved_stream_fields = ("lines",)

    parent_page_types = ["themes.ThemePage"]
    subpage_types = []
    template = "themes/action_plan_page.html"

    class Meta:
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(taxonomy_context(self, context["localized_snippets"]))
        return context


class PartnerRole(models.TextChoices):
    IMPLEMENTER = "implementer", _("Implementer")
    PARTNER = "partner", _("Partner")
    FUNDER = "funder", _("Funder")


class ProjectPartnerBlock(blocks.StructBlock):
    partner = SnippetChooserBlock("taxonomy.Partner", label=_("Partner"))
    role = blocks.ChoiceBlock(
        choices=PartnerRole.choices,
        default=PartnerRole.PARTNER,
        label=_("Role"),
        help_text=_("What the partner does in the project."),
    )

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        entries = partner_entries([value.get("partner")], parent_context)
        context["partner"], context["logo"] = entries[0] if entries else (None, None)
        context["role_label"] = dict(PartnerRole.choices).get(value.get("role"), "")
        return context

    class Meta:
        icon = "group"
        label = _("Partner and role")
        template = "themes/blocks/project_partner.html"
        description = _("A partner organisation and what it does in the project.")
        preview_value = {"role": PartnerRole.IMPLEMENTER}


class ProjectPage(PeriodMixin, ThemedPageMixin, BasePage):
    """A project the committee takes part in (e.g. MC2CM)."""

    summary = models.TextField(
        _("summary"),
        max_length=1000,
        help_text=_("What the project does, in a short paragraph shown at the top."),
    )
    partner_roles = StreamField(
        [("partner", ProjectPartnerBlock())],
        blank=True,
        verbose_name=_("partners and their roles"),
        help_text=_("Implementers, partners and funders of the project."),
    )
    cities = ParentalManyToManyField(
        "cities.CityPage",
        verbose_name=_("participating cities"),
        blank=True,
        related_name="projects",
        help_text=_(
            "The cities taking part that have a page: shown on the project's map, and the "
            "project on theirs."
        ),
    )
    participating_cities = StreamField(
        [
            (
                "city",
                blocks.CharBlock(
                    label=_("City"),
                    max_length=120,
                    icon="site",
                    description=_("A participating city, named as in this language."),
                    preview_value="Tangier",
                ),
            )
        ],
        blank=True,
        verbose_name=_("other participating cities"),
        help_text=_(
            "Cities taking part that have no page yet, by name (one per item: translators give "
            "each its name in their language). The match_cities command suggests their pages."
        ),
    )
    outputs = StreamField(
        [("link", LinkBlock())],
        blank=True,
        verbose_name=_("outputs"),
        help_text=_("Publications, tools and reports the project produced."),
    )
    body = StreamField(
        BODY_BLOCKS,
        blank=True,
        verbose_name=_("body"),
        help_text=_("More about the project: text, quotes, images and calls to action."),
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("start_year"), FieldPanel("end_year")], heading=_("Period")),
        FieldPanel("partner_roles"),
        FieldPanel("cities"),
        FieldPanel("participating_cities"),
        FieldPanel("outputs"),
        FieldPanel("body"),
        FieldPanel("themes"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
    ]
    translatable_fields = BasePage.base_translatable_fields + [
        TranslatableField("summary"),
        TranslatableField("partner_roles"),
        TranslatableField("participating_cities"),
        SynchronizedField("cities"),
        TranslatableField("outputs"),
        TranslatableField("body"),
        SynchronizedField("start_year"),
        SynchronizedField("end_year"),
    ]
    resolved_stream_fields = ("body", "outputs", "partner_roles")

    parent_page_types = ["themes.ThemePage"]
    subpage_types = []
    template = "themes/project_page.html"

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")

    def shown_on(self):
        """Besides its themes' work areas: its cities' pages, in every language."""
        return super().shown_on() | page_versions(self.cities.all())

    @property
    def city_list(self):
        return [child.value for child in self.participating_cities]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(taxonomy_context(self, context["localized_snippets"]))
        # The cities with a page on a map (in the visitor's language), then those named only.
        city_map, points = map_of_pages(list(self.cities.all()), request)
        mapped = {point.label.casefold() for point in points}
        context["city_map"] = city_map
        context["other_cities"] = [c for c in self.city_list if c.casefold() not in mapped]
        # Roles whose partner was deleted are left out; with none left, so is the section.
        context["partner_roles"] = [
            block for block in self.partner_roles if block.value["partner"] is not None
        ]
        return context


def taxonomy_context(page, localized_snippets):
    """Localized themes, partners and agenda references of a page, and every partner's logo.

    `localized_snippets` is the page's bulk resolution of snippets chosen in its StreamFields
    (lazy: see BasePage.get_context); the partners chosen on the page itself (action plans,
    campaigns) are resolved now with their logos, those of the StreamFields only when a
    block first needs them (never when the page's parts are kept), in one bulk fetch.
    """
    context = {"page_themes": localize_instances(list(page.themes.all()))}
    if hasattr(page, "agenda_references"):
        context["page_agenda_references"] = localize_instances(list(page.agenda_references.all()))
    page_partners = list(page.partners.all()) if hasattr(page, "partners") else []
    page_snippets = localized_snippet_map(page_partners)
    page_logos = logo_renditions([s for s in page_snippets.values() if isinstance(s, Partner)])
    context["page_partner_entries"] = partner_entries(
        page_partners, {"localized_snippets": page_snippets, "logo_renditions": page_logos}
    )
    every_snippet = SimpleLazyObject(lambda: {**localized_snippets, **page_snippets})

    def every_logo():
        others = [
            snippet
            for snippet in every_snippet.values()
            if isinstance(snippet, Partner) and snippet.logo_id not in page_logos
        ]
        return {**page_logos, **logo_renditions(others)} if others else page_logos

    context["localized_snippets"] = every_snippet
    context["logo_renditions"] = SimpleLazyObject(every_logo)
    return context
