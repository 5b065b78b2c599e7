"""Renditions that never break a page: the one way code and templates get an image's rendition.

An original can go missing from storage (a lost upload, a database restored without its
media) or be unreadable. Wagtail then raises `SourceImageIOError` when the rendition has not
been made yet, or, in `{% image %}`, renders a broken `<img src="not-found">`. Here the
image is left out instead (`None`), and the page shows everything else; the failure is logged
as a warning once per image, size and file so that a busy page does not flood the log.
`{% image %}` of `core_images` (core/templatetags) does the same in templates.
"""

import functools
import logging

from wagtail.images import get_image_model

logger = logging.getLogger(__name__)


@functools.lru_cache(maxsize=1024)  # the cache is the memory of what was already logged
def warn_missing_once(image_pk, file_name, spec, error):
    logger.warning(
        "Image %s (%s) left out: its %r rendition cannot be made: %s",
        image_pk,
        file_name,
        spec,
        error,
    )


def rendition_or_none(image, spec):
    """The image's rendition for `spec` (a filter spec or `Filter`), or None when its original
    cannot be read. Uses renditions prefetched with `prefetch_renditions()`."""
    try:
        return image.get_rendition(spec)
    except OSError as error:  # SourceImageIOError, and Pillow's or Willow's unreadable file
        warn_missing_once(image.pk, image.file.name, getattr(spec, "spec", spec), str(error))
        return None


def renditions_by_image(image_ids, spec):
    """{image id: rendition} for these images in two queries (images, existing renditions);
    images whose original is missing are left out."""
    image_ids = set(image_ids) - {None}
    if not image_ids:
        return {}
    images = get_image_model().objects.filter(pk__in=image_ids).prefetch_renditions(spec)
    renditions = {image.pk: rendition_or_none(image, spec) for image in images}
    return {pk: rendition for pk, rendition in renditions.items() if rendition is not None}


def images_with_renditions(image_ids):
    """{image id: image} with every rendition of each prefetched, in two queries: one page's
    images wanted at several sizes (a cover, its social preview, cards) cost no more."""
    image_ids = set(image_ids) - {None}
    if not image_ids:
        return {}
    return {
        image.pk: image
        for image in get_image_model().objects.filter(pk__in=image_ids).prefetch_renditions()
    }
