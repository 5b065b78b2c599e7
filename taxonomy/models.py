"""The taxonomies: themes, global agenda references and partners (translatable snippets
with drafts, see core.models.TranslatableSnippet), and the mixins of the pages they tag.

Their tables kept the names they had in the themes app (`db_table`), as did the many-to-many
tables of the pages tagged with them (named after each page's own table).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import TranslatableMixin, get_page_models
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.models import TranslatableSnippet


class ThemeColour(models.TextChoices):
    """Accent colours that keep white text at 4.5:1 or more."""

    BLUE = "blue", _("Blue")
    TEAL = "teal", _("Teal")
    GREEN = "green", _("Green")
    PURPLE = "purple", _("Purple")
    RED = "red", _("Red")
    ORANGE = "orange", _("Orange")


# Admin listings and choosers search snippets within one language (their locale filter).
LOCALE_FILTER = index.FilterField("locale")


class Theme(index.Indexed, TranslatableSnippet):
    """A thematic priority (housing, non-discrimination…): tags pages, panels and resources."""

    name = models.CharField(_("name"), max_length=120, help_text=_("e.g. Housing."))
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        help_text=_("Short name used in addresses and filters; the same in every language."),
    )
    description = models.TextField(
        _("description"), blank=True, help_text=_("One or two sentences on what this theme covers.")
    )
    colour = models.CharField(
        _("colour"),
        max_length=10,
        choices=ThemeColour.choices,
        blank=True,
        help_text=_("Optional accent colour of the theme's tags."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("colour"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name"), LOCALE_FILTER]
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("description"),
        SynchronizedField("slug"),
        SynchronizedField("colour"),
    ]

    class Meta(TranslatableMixin.Meta):
        db_table = "themes_theme"
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["locale", "slug"], name="unique_theme_slug_per_locale")
        ]

    def __str__(self):
        return self.name


class Agenda(models.TextChoices):
    SDG = "sdg", _("Sustainable Development Goals")
    GCM = "gcm", _("Global Compact for Migration")
    NUA = "nua", _("New Urban Agenda")


class AgendaReference(index.Indexed, TranslatableSnippet):
    """A commitment of a global agenda: an SDG target, a GCM objective, a New Urban Agenda one."""

    agenda = models.CharField(
        _("agenda"), max_length=10, choices=Agenda.choices, help_text=_("The global agenda.")
    )
    code = models.CharField(
        _("code"),
        max_length=60,
        help_text=_("As it is cited in this language, e.g. SDG 11 or GCM objective 16."),
    )
    title = models.CharField(
        _("title"), max_length=255, help_text=_("e.g. Sustainable cities and communities.")
    )
    slug = models.SlugField(
        _("slug"), max_length=80, help_text=_("e.g. sdg-11; the same in every language.")
    )
    url = models.URLField(
        _("web address"), blank=True, help_text=_("Official page of this goal or objective.")
    )

    panels = [
        FieldPanel("agenda"),
        FieldRowPanel([FieldPanel("code"), FieldPanel("slug")]),
        FieldPanel("title"),
        FieldPanel("url"),
    ]
    search_fields = [index.SearchField("code"), index.SearchField("title"), LOCALE_FILTER]
    translatable_fields = [
        TranslatableField("code"),
        TranslatableField("title"),
        SynchronizedField("agenda"),
        SynchronizedField("slug"),
        SynchronizedField("url"),
    ]

    class Meta(TranslatableMixin.Meta):
        db_table = "themes_agendareference"
        verbose_name = _("global agenda reference")
        verbose_name_plural = _("global agenda references")
        ordering = ["agenda", "slug"]
        constraints = [
            models.UniqueConstraint(fields=["locale", "slug"], name="unique_agenda_slug_per_locale")
        ]

    def __str__(self):
        return f"{self.code}: {self.title}"


class PartnerKind(models.TextChoices):
    NETWORK = "network", _("Network of local governments")
    UN_AGENCY = "un_agency", _("UN agency")
    INTERGOVERNMENTAL = "intergovernmental", _("Intergovernmental organisation")
    LOCAL_GOVERNMENT = "local_government", _("Local government")
    CIVIL_SOCIETY = "civil_society", _("Civil society organisation")
    RESEARCH = "research", _("Research centre")


class Partner(index.Indexed, TranslatableSnippet):
    name = models.CharField(
        _("name"),
        max_length=200,
        help_text=_("Full name in this language, e.g. United Cities and Local Governments."),
    )
    acronym = models.CharField(
        _("acronym"), max_length=30, blank=True, help_text=_("As used in this language, e.g. UCLG.")
    )
    slug = models.SlugField(
        _("slug"), max_length=80, help_text=_("e.g. uclg; the same in every language.")
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=PartnerKind.choices, help_text=_("What kind of body.")
    )
    website = models.URLField(_("website"), blank=True, help_text=_("The partner's own website."))
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Logo on a transparent or white background."),
    )

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("acronym"), FieldPanel("slug")]),
        FieldPanel("kind"),
        FieldPanel("website"),
        FieldPanel("logo"),
    ]
    search_fields = [index.SearchField("name"), index.SearchField("acronym"), LOCALE_FILTER]
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("acronym"),
        SynchronizedField("slug"),
        SynchronizedField("kind"),
        SynchronizedField("website"),
        SynchronizedField("logo", overridable=True),
    ]

    class Meta(TranslatableMixin.Meta):
        db_table = "themes_partner"
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["locale", "slug"], name="unique_partner_slug_per_locale"
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    @property
    def display_name(self):
        return self.acronym or self.name


def pages_listing_tagged_pages():
    """The page types that list what is tagged with their own themes (work areas): those
    saying `lists_tagged_pages = True`."""
    return [
        model
        for model in get_page_models()
        if issubclass(model, ThemedPageMixin) and getattr(model, "lists_tagged_pages", False)
    ]


class ThemedPageMixin(models.Model):
    """Pages tagged with themes (listed on the pages that list their themes: work areas)."""

    themes = ParentalManyToManyField(
        "taxonomy.Theme",
        verbose_name=_("themes"),
        blank=True,
        related_name="+",
        help_text=_("The priority themes this page is about; it is listed on their work areas."),
    )

    class Meta:
        abstract = True

    def shown_on(self):
        """Ids of the pages that list this one besides its ancestors (caching.cache_purge): the
        pages listing its themes (work areas)."""
        keys = [theme.translation_key for theme in self.themes.all()]
        if not keys:
            return set()
        # By translation key, as the listings match: a version may hold another language's theme.
        found = set()
        for model in pages_listing_tagged_pages():
            areas = model.objects.filter(themes__translation_key__in=keys)
            found |= set(areas.values_list("pk", flat=True))
        return found


class AgendaTaggedMixin(models.Model):
    """Pages that cite global agenda commitments (SDGs, Global Compact, New Urban Agenda)."""

    agenda_references = ParentalManyToManyField(
        "taxonomy.AgendaReference",
        verbose_name=_("global agenda references"),
        blank=True,
        related_name="+",
        help_text=_("SDG targets, Global Compact objectives and New Urban Agenda commitments."),
    )

    class Meta:
        abstract = True
