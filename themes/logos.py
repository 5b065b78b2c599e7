"""Partners' logos, rendered in bulk: used by page models and blocks alike, so it imports
neither."""

from wagtail.images import get_image_model

LOGO_SPEC = "max-240x96"


def logo_renditions(partners):
    """{image id: rendition} for the partners' logos, in two queries."""
    image_ids = {partner.logo_id for partner in partners if partner.logo_id}
    if not image_ids:
        return {}
    images = get_image_model().objects.filter(pk__in=image_ids).prefetch_renditions(LOGO_SPEC)
    return {image.pk: image.get_rendition(LOGO_SPEC) for image in images}
