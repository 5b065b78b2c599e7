"""Renditions that never break a page: the one way code and templates get an image's rendition.

An original can go missing from storage (a lost upload, a database restored without its
media) or be unreadable. Wagtail then raises `SourceImageIOError` when the rendition has not
been made yet, or, in `{% image %}`, renders a broken `<img src="not-found">`. Here the
image is left out instead (`None`), and the page shows everything else; the failure is logged
as a warning once per image, size and file so that a busy page does not flood the log.
`{% rendition_or_none %}` of `core_images` (core/templatetags; Wagtail's `{% image %}`
arguments) does the same in templates, and `{% site_picture %}` gives the `PICTURES` below.
"""

import functools
import logging
from dataclasses import dataclass

from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404
from PIL import features
from wagtail.images import get_image_model
from wagtail.images.models import Filter

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


def existing_or_new_rendition(image, spec):
    """The image's rendition for `spec`: prefetched (no round trip), else from the renditions
    cache (one read), else Wagtail's `get_rendition` (the database, or drawn now; it writes
    the cache). Wagtail's `get_rendition` alone writes the cache on every call, found or not:
    on a page of pictures, dozens of writes per view."""
    filter = image.clean_filter_for_svg(spec if isinstance(spec, Filter) else Filter(spec=spec))
    if image._get_prefetched_renditions() is not None:
        found = image.find_existing_renditions(filter)  # reads the prefetched ones only
        if filter in found:
            return found[filter]
    else:
        rendition_model = image.get_rendition_model()
        key = rendition_model.construct_cache_key(image, filter.get_cache_key(image), filter.spec)
        cached = rendition_model.cache_backend.get(key)
        if cached is not None:
            cached.image = image  # as Wagtail does: the caller's image, its alt text
            return cached
    return image.get_rendition(filter)


def rendition_or_none(image, spec):
    """The image's rendition for `spec` (a filter spec or `Filter`), or None when its original
    cannot be read. Uses renditions prefetched with `prefetch_renditions()`."""
    try:
        return existing_or_new_rendition(image, spec)
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


@dataclass(frozen=True)
class PictureSpec:
    """How a picture is cut and offered: `fill` to `ratio` at each width, in AVIF and WebP
    (`<source>`s, for the browser to choose), with the original format at the largest
    width as the `<img>` every browser understands."""

    ratio: tuple | None  # (width, height); None keeps the image's own
    widths: tuple  # smallest first
    sizes: str  # the `sizes` attribute: how wide the picture is shown

    def spec(self, width, image_format=None):
        if self.ratio is None:  # the image's own proportions
            spec = f"width-{width}"
        else:
            spec = f"fill-{width}x{round(width * self.ratio[1] / self.ratio[0])}"
        return f"{spec}|format-{image_format}" if image_format else spec

    def all_specs(self):
        return [
            self.spec(width, image_format)
            for image_format in (*PICTURE_FORMATS, None)
            for width in self.widths
        ]


# AVIF where this Pillow can write it (its wheels can; a build without libavif gets WebP only).
PICTURE_FORMATS = {
    name: mime_type
    for name, mime_type in (("avif", "image/avif"), ("webp", "image/webp"))
    if features.check(name)
}


@dataclass(frozen=True)
class Picture:
    """A `<picture>`: `sources` [(MIME type, srcset)] and the fallback rendition, whose
    `url`, `width` and `height` the `<img>` carries (a card reads them as a rendition's)."""

    sources: list
    fallback: object
    sizes: str

    @property
    def url(self):
        return self.fallback.url

    @property
    def width(self):
        return self.fallback.width

    @property
    def height(self):
        return self.fallback.height

    @property
    def alt(self):
        return self.fallback.alt


def picture_of(image, picture_spec):
    """The image as a Picture, from its prefetched renditions (made when missing); None when
    its original cannot be read."""
    sources = []
    for image_format, mime_type in PICTURE_FORMATS.items():
        srcset = []
        for width in picture_spec.widths:
            rendition = rendition_or_none(image, picture_spec.spec(width, image_format))
            if rendition is None:
                return None
            srcset.append(f"{rendition.url} {rendition.width}w")
        sources.append((mime_type, ", ".join(srcset)))
    fallback = rendition_or_none(image, picture_spec.spec(picture_spec.widths[-1]))
    if fallback is None:
        return None
    return Picture(sources=sources, fallback=fallback, sizes=picture_spec.sizes)


def pictures_by_image(image_ids, picture_spec):
    """{image id: Picture} in two queries (images, their renditions); images whose original
    is missing are left out."""
    image_ids = set(image_ids) - {None}
    if not image_ids:
        return {}
    images = (
        get_image_model()
        .objects.filter(pk__in=image_ids)
        .prefetch_renditions(*picture_spec.all_specs())
    )
    pictures = {image.pk: picture_of(image, picture_spec) for image in images}
    return {pk: picture for pk, picture in pictures.items() if picture is not None}


# The pictures templates ask for by name (`{% site_picture image "hero" as hero %}`,
# core_images).
PICTURES = {
    # A page's header image: the whole column on phones, half the page beyond.
    "hero": PictureSpec(
        ratio=(3, 2), widths=(480, 720, 960), sizes="(max-width: 48rem) calc(100vw - 2rem), 38rem"
    ),
    # A campaign's wide banner.
    "banner": PictureSpec(
        ratio=(12, 5), widths=(640, 960, 1200), sizes="(max-width: 76rem) 100vw, 76rem"
    ),
    # A publication's cover, whole.
    "cover": PictureSpec(ratio=None, widths=(300, 600), sizes="(max-width: 48rem) 60vw, 20rem"),
    # An image in the text column.
    "figure": PictureSpec(ratio=None, widths=(640, 1200), sizes="(max-width: 48rem) 100vw, 70ch"),
    "gallery": PictureSpec(
        ratio=(3, 2), widths=(400, 600), sizes="(max-width: 40rem) 100vw, 18rem"
    ),
    "thumbnail": PictureSpec(
        ratio=(16, 9), widths=(400, 800), sizes="(max-width: 48rem) 100vw, 38rem"
    ),
}


def picture_for(image, picture_spec):
    """One image as a Picture, its renditions fetched in one query (made when missing)."""
    if image is None:
        return None
    specs = picture_spec.all_specs()
    prefetched = getattr(image, "_prefetched_objects_cache", {}).get("renditions")
    if prefetched is None or not {r.filter_spec for r in prefetched} >= set(specs):
        rendition_model = get_image_model().get_rendition_model()
        prefetch_related_objects(
            [image],
            Prefetch("renditions", queryset=rendition_model.objects.filter(filter_spec__in=specs)),
        )
    return picture_of(image, picture_spec)


# Serving files (core.views.public_media). A rendition's row outlives its file when media are
# restored from a backup without renditions: pages keep their URLs (no check on page views),
# and the request for the missing file draws it again from the original under the same name.


def image_for_path(path):
    """(image, rendition or None) for a media path under original_images/ or images/; Http404
    when no image or rendition has that file (a deleted image's file is never served)."""
    image_model = get_image_model()
    if path.startswith("original_images/"):
        image = image_model.objects.select_related("collection").filter(file=path).first()
        if image is None:
            raise Http404
        return image, None
    rendition_model = image_model.get_rendition_model()
    rendition = (
        rendition_model.objects.select_related("image__collection").filter(file=path).first()
    )
    if rendition is None:
        raise Http404
    return rendition.image, rendition


def restore_rendition(rendition, storage):
    """Draw a rendition's missing file again from its image's original, under the same name
    (the URL pages already show): its bytes, or None when the original cannot be read
    either. Storage that refuses the file (full, read-only) still gets the bytes served."""
    image = rendition.image
    try:
        generated = image.generate_rendition_file(Filter(spec=rendition.filter_spec))
    except OSError as error:  # the original is missing or unreadable too
        logger.warning(
            "Rendition %s missing and its original %s unreadable: %s",
            rendition.file.name,
            image.file.name,
            error,
        )
        return None
    content = generated.read()
    try:
        saved = storage.save(rendition.file.name, generated)
    except OSError as error:
        logger.warning("Rendition %s drawn again but not stored: %s", rendition.file.name, error)
        return content
    if saved != rendition.file.name:  # another request restored it meanwhile
        storage.delete(saved)
    logger.info("Rendition %s was missing: drawn again", rendition.file.name)
    return content


def restore_missing_renditions():
    """Every rendition whose file is missing from storage drawn again (`manage.py
    restore_renditions`): (how many were, how many could not be: no original)."""
    rendition_model = get_image_model().get_rendition_model()
    restored = lost = 0
    for rendition in rendition_model.objects.select_related("image").iterator():
        storage = rendition.file.storage
        if storage.exists(rendition.file.name):
            continue
        if restore_rendition(rendition, storage) is None:
            lost += 1
        else:
            restored += 1
    return restored, lost
