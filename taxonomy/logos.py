"""Partners with their logos, rendered in bulk: used by page models and blocks alike, so it
imports neither."""

from core.images import renditions_by_image
from core.snippets import localized_from_context

LOGO_SPEC = "max-240x96"


def logo_renditions(partners):
    """{image id: rendition} for the partners' logos, in two queries; a logo whose file is
    missing is left out, so the partner shows by name."""
    return renditions_by_image({partner.logo_id for partner in partners}, LOGO_SPEC)


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
