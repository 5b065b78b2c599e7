from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from cities.models import CityPage
from core.blocks import BODY_BLOCKS
from core.fields import WORKING_LANGUAGES, language_label
from core.i18n import locale_languages, page_versions, without_aliases
from core.images import images_with_renditions, rendition_or_none
from core.listing import (
    CARD_IMAGE_SPEC,
    ListingIndexMixin,
    card_for,
    card_image_id,
    complete_cards,
    linked_tags,
    parent_url,
)
from core.models import BasePage, SectionIndexPage
from core.snippets import localize_instances
from core.visibility import public
from resources.covers import DocumentCover, draw_quietly  # noqa: F401 (the app's model)
from resources.feeds import LatestResourcesFeed
from resources.page_forms import ResourcePageForm
from taxonomy.models import AgendaTaggedMixin, ThemedPageMixin


def language_choices():
    return [(code, language_label(code)) for code in WORKING_LANGUAGES]


class ResourceKind(models.TextChoices):
    PUBLICATION = "publication", _("Publication")
    REPORT = "report", _("Report")
    POLICY_BRIEF = "policy_brief", _("Policy brief")
    TOOLKIT = "toolkit", _("Toolkit")
    CASE_STUDY = "case_study", _("Case study")
    VIDEO = "video", _("Video")
    NEWSLETTER = "newsletter", _("Newsletter")
    STATEMENT = "statement", _("Statement")


class ResourceLibraryPage(ListingIndexMixin, RoutablePageMixin, SectionIndexPage):
    """The library: search, facets with counts, sorting, pages of results, an Atom feed."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["resources.ResourcePage"]
    template = "resources/resource_library_page.html"
    listing_class = "resources.library.LibraryListing"
    # Its filters offer every one of these (caching.cache_purge: their changes show here).
    shows_every = ("taxonomy.Theme", "taxonomy.Partner")

    class Meta:
        verbose_name = _("resource library")
        verbose_name_plural = _("resource libraries")

    def resources(self):
        return without_aliases(public(ResourcePage.objects.child_of(self).live()))

    @path("feed/")
    def news_feed(self, request):
        return LatestResourcesFeed(self)(request)


class ResourcePage(ThemedPageMixin, AgendaTaggedMixin, BasePage):
    """A publication, report, brief, toolkit, case study, video, newsletter or statement,
    with its files in one or more languages."""

    base_form_class = ResourcePageForm

    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=ResourceKind.choices,
        db_index=True,
        help_text=_("What kind of resource."),
    )
    publication_date = models.DateField(
        _("publication date"), db_index=True, help_text=_("When it was published.")
    )
    authors = models.CharField(
        _("authors"), max_length=255, blank=True, help_text=_("Names of the authors, if any.")
    )
    publishers = ParentalManyToManyField(
        "taxonomy.Partner",
        verbose_name=_("publishers"),
        blank=True,
        related_name="+",
        help_text=_("Organisations that published it."),
    )
    cities = ParentalManyToManyField(
        "cities.CityPage",
        verbose_name=_("cities"),
        blank=True,
        related_name="resources",
        help_text=_(
            "The cities it is about (a city profile, a case study): it is listed on their pages."
        ),
    )
    summary = models.TextField(
        _("summary"), help_text=_("What the resource is about, in a short paragraph.")
    )
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The cover, or a picture of it."),
    )
    body = StreamField(
        BODY_BLOCKS,
        blank=True,
        verbose_name=_("body"),
        help_text=_("More about the resource: contents, key findings, quotes."),
    )
    external_url = models.URLField(
        _("external link"),
        blank=True,
        help_text=_("Where the resource is published elsewhere, if it has no file here."),
    )
    video_url = models.URLField(
        _("video link"), blank=True, help_text=_("For videos: where to watch it.")
    )

    content_panels = BasePage.content_panels + [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("publication_date")]),
        FieldPanel("summary"),
        FieldPanel("cover_image"),
        InlinePanel(
            "files", heading=_("Files"), label=_("File"), help_text=_("One document per language.")
        ),
        MultiFieldPanel([FieldPanel("external_url"), FieldPanel("video_url")], heading=_("Links")),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("authors"),
                FieldPanel("publishers"),
                FieldPanel("themes"),
                FieldPanel("cities"),
                FieldPanel("agenda_references"),
            ],
            heading=_("Authors and tags"),
        ),
    ]

    @property
    def social_description(self):
        """The meta description and social cards: the editor's, else the summary."""
        return self.search_description or self.listing_summary or self.summary

    search_fields = BasePage.search_fields + [
        index.SearchField("summary"),
        index.SearchField("authors"),
        index.SearchField("body"),
        index.FilterField("kind"),
        index.FilterField("publication_date"),
    ]
    translatable_fields = BasePage.base_translatable_fields + [
        TranslatableField("summary"),
        TranslatableField("body"),
        SynchronizedField("kind"),
        SynchronizedField("publication_date"),
        SynchronizedField("authors"),
        SynchronizedField("cities"),
        SynchronizedField("cover_image", overridable=True),
        SynchronizedField("external_url"),
        SynchronizedField("video_url"),
        SynchronizedField("files"),
    ]

    parent_page_types = ["resources.ResourceLibraryPage"]
    subpage_types = []
    template = "resources/resource_page.html"

    class Meta:
        verbose_name = _("resource")
        verbose_name_plural = _("resources")

    def clean(self):
        super().clean()
        if self.cover_image_id is None:
            self.cover_image = self.cover_from_files()

    def cover_from_files(self):
        """The drawn first page of the resource's first PDF, in its own language first
        (resources.covers); None when it has no readable PDF."""
        language = locale_languages().get(self.locale_id)
        files = sorted(self.files.all(), key=lambda f: (f.language != language, f.sort_order or 0))
        for file in files:
            # A private document's cover would be a broken image on a public page.
            document = file.document if file.document_id else None
            if document is None or document.collection.get_view_restrictions().exists():
                continue
            image = draw_quietly(document)
            if image is not None:
                return image
        return None

    def social_image(self):
        return self.cover_image or self.listing_image

    def files_for_visitor(self):
        """(files in the visitor's language, the others), each with its document."""
        files = list(self.files.select_related("document"))
        language = get_language()
        return (
            [f for f in files if f.language == language],
            [f for f in files if f.language != language],
        )

    def city_links(self, request):
        """[(title, URL)] of the cities it is about, in the page's language. Read from the
        relation as the page holds it (a preview's unsaved choice included), then their
        versions in one query."""
        keys = [city.translation_key for city in self.cities.all()]
        if not keys:
            return []
        cities = public(
            CityPage.objects.live().filter(
                locale_id=self.locale_id, translation_key__in=keys, alias_of__isnull=True
            )
        ).order_by("title")
        return [(city.title, city.get_url(request)) for city in cities]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["own_files"], context["other_files"] = self.files_for_visitor()
        context["visitor_language_name"] = language_label(get_language())
        context["page_themes"] = linked_tags(
            localize_instances(list(self.themes.all())), parent_url(self.get_url(request))
        )
        context["publisher_names"] = [
            p.name for p in localize_instances(list(self.publishers.all()))
        ]
        context["city_links"] = self.city_links(request)
        related = self.related_resources()
        # The cover (shown at two sizes: the page, its social preview) and the related
        # cards' images in two queries together.
        images = images_with_renditions([self.cover_image_id, *map(card_image_id, related)])
        if self.cover_image_id in images:
            self.cover_image = images[self.cover_image_id]
        context["related_cards"] = complete_cards(
            related,
            [
                card_for(item, self._card_rendition(images.get(card_image_id(item))), request)
                for item in related
            ],
            request,
        )
        return context

    @staticmethod
    def _card_rendition(image):
        return rendition_or_none(image, CARD_IMAGE_SPEC) if image is not None else None

    @classmethod
    def complete_cards(cls, pairs, request=None):
        """A resource's card: its kind, publication date and the languages of its files
        (one query for every resource listed)."""
        languages = {}
        rows = ResourceFile.objects.filter(page__in=[resource.pk for resource, _card in pairs])
        for page_id, code in rows.order_by("sort_order", "pk").values_list("page_id", "language"):
            languages.setdefault(page_id, []).append(language_label(code))
        for resource, card in pairs:
            card.kind = resource.get_kind_display()
            card.date = resource.publication_date
            card.languages = languages.get(resource.pk, [])

    def shown_on(self):
        """Work areas of its themes, and the resources sharing one (their related cards)."""
        keys = [theme.translation_key for theme in self.themes.all()]
        sharing = ResourcePage.objects.filter(themes__translation_key__in=keys).exclude(pk=self.pk)
        ids = super().shown_on() | set(sharing.values_list("pk", flat=True))
        return ids | page_versions(self.cities.all())  # its cities' pages list it

    def related_resources(self, limit=4):
        """Resources sharing a theme with this one, in its language, newest first."""
        keys = [t.translation_key for t in self.themes.all()]
        if not keys:
            return []
        return list(
            without_aliases(public(ResourcePage.objects.live()))
            .filter(locale_id=self.locale_id, themes__translation_key__in=keys)
            .exclude(pk=self.pk)
            .distinct()
            .order_by("-publication_date")[:limit]
        )


class ResourceFile(Orderable):
    """One file of a resource, in one language: synchronised across the resource's
    translations, so every language version offers every file."""

    page = ParentalKey(ResourcePage, related_name="files", on_delete=models.CASCADE)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("The file (PDF, office formats, EPUB, images)."),
    )
    language = models.CharField(
        _("language"),
        max_length=10,
        db_index=True,
        choices=language_choices,
        help_text=_("The language the file is written in."),
    )

    panels = [FieldPanel("document"), FieldPanel("language")]

    class Meta(Orderable.Meta):
        verbose_name = _("file")
        verbose_name_plural = _("files")

    @property
    def language_name(self):
        return language_label(self.language)

    @property
    def extension(self):
        return self.document.file_extension.upper()
