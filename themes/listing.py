"""What work-area and action-plan pages list: tagged pages, localized taxonomies, logos."""

from django.utils import translation
from wagtail.images import get_image_model
from wagtail.models import get_page_models

from core.listing import attach_listing_images, card_for
from core.snippets import localize_instances, localized_from_context, localized_snippet_map

LOGO_SPEC = "max-240x96"
TAGGED_PER_TYPE = 12


def themed_page_models():
    """Every page type tagged with themes: action plans, projects, and what later apps add."""
    from themes.models import ThemedPageMixin, ThemePage

    return [
        model
        for model in get_page_models()
        if issubclass(model, ThemedPageMixin) and model is not ThemePage
    ]


def pages_tagged_with(themes, request=None, exclude=None):
    """[(section title, [cards])] of live pages in the visitor's language tagged with a theme.

    Pages keep the themes chosen in their source language, so matching goes through the
    themes' translation keys. One query per page type, plus two for images.
    """
    keys = {theme.translation_key for theme in themes}
    if not keys:
        return []
    language = translation.get_language()
    sections = []
    for model in themed_page_models():
        queryset = (
            model.objects.live()
            .public()
            .filter(locale__language_code=language, themes__translation_key__in=keys)
            .distinct()
            .order_by("-first_published_at")
        )
        if exclude is not None:
            queryset = queryset.exclude(pk=exclude.pk)
        pages = list(queryset[:TAGGED_PER_TYPE])
        if pages:
            renditions = attach_listing_images(pages)
            cards = [card_for(page, renditions.get(page.pk), request) for page in pages]
            sections.append((model._meta.verbose_name_plural, cards))
    return sections


def localized_themes_by_page(pages):
    """{page.pk: [its themes in the visitor's language]}: pages fetched with
    `prefetch_related("themes")`, one query for all the translations."""
    pairs = [(page.pk, theme) for page in pages for theme in page.themes.all()]
    localized = localize_instances([theme for _pk, theme in pairs])
    by_page = {page.pk: [] for page in pages}
    for (pk, _theme), version in zip(pairs, localized, strict=True):
        by_page[pk].append(version)
    return by_page


def logo_renditions(partners):
    """{image id: rendition} for the partners' logos, in two queries."""
    image_ids = {partner.logo_id for partner in partners if partner.logo_id}
    if not image_ids:
        return {}
    images = get_image_model().objects.filter(pk__in=image_ids).prefetch_renditions(LOGO_SPEC)
    return {image.pk: image.get_rendition(LOGO_SPEC) for image in images}


def partner_entries(partners, context=None):
    """[(partner in the visitor's language, its logo rendition or None)]: the one way a list
    of partners reaches a template (components/partner_list.html, a project's partners).

    Within a page, `context` holds what the page resolved in bulk (`localized_snippets`,
    `logo_renditions`), so blocks add no query; without it, one query for the translations
    and two for the logos.
    """
    localized = localized_from_context(partners, context)
    renditions = (context or {}).get("logo_renditions")
    if renditions is None:
        renditions = logo_renditions(localized)
    return [(partner, renditions.get(partner.logo_id)) for partner in localized]


def taxonomy_context(page, localized_snippets):
    """Localized themes, partners and agenda references of a page, and every partner's logo.

    `localized_snippets` is the page's bulk resolution of snippets chosen in its StreamFields;
    the partners chosen on the page itself (action plans, campaigns) join it, so every logo
    of the page comes from one bulk fetch.
    """
    from themes.models import Partner

    context = {"page_themes": localize_instances(list(page.themes.all()))}
    if hasattr(page, "agenda_references"):
        context["page_agenda_references"] = localize_instances(list(page.agenda_references.all()))
    page_partners = list(page.partners.all()) if hasattr(page, "partners") else []
    snippets = {**localized_snippets, **localized_snippet_map(page_partners)}
    context["logo_renditions"] = logo_renditions(
        [snippet for snippet in snippets.values() if isinstance(snippet, Partner)]
    )
    context["page_partner_entries"] = partner_entries(
        page_partners, {"localized_snippets": snippets, **context}
    )
    return context
