"""Image uploads: the pixel limit is checked before an image is decoded, and every image has
alternative text (its description, required).

Wagtail checks WAGTAILIMAGES_MAX_IMAGE_PIXELS only after Willow has decoded the whole image
(a 60-megapixel bomb of 100 bytes fills memory first), and a broken image under the limit
fails with an OSError (a 500). Pillow's own bomb check reads only the header: it is set to
the same limit, with its warning raised as an error, and a broken image is refused as an
invalid one."""

import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image as PILImage
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm


def limit_decoded_pixels():
    """Called once at start-up (core.apps)."""
    if settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS:
        PILImage.MAX_IMAGE_PIXELS = settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS


class CheckedImageField(WagtailImageField):
    def check_image_pixel_size(self, f):
        with warnings.catch_warnings():
            # Wagtail turns Pillow's bomb warning and error into its "too many pixels".
            warnings.simplefilter("error", PILImage.DecompressionBombWarning)
            try:
                super().check_image_pixel_size(f)
            except OSError as error:  # truncated or corrupt data behind a valid header
                raise ValidationError(
                    self.error_messages["invalid_image"], code="invalid_image"
                ) from error


class ImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if type(self.fields.get("file")) is WagtailImageField:
            self.fields["file"].__class__ = CheckedImageField
        # Pages show an image with its description as alternative text (a page's header
        # image, figures): every image has one.
        if "description" in self.fields:
            self.fields["description"].required = True
            self.fields["description"].label = _("Alternative text")
            self.fields["description"].help_text = _(
                "What the image shows, for people who cannot see it, in one sentence "
                "(e.g. “Map of the Mediterranean with the 22 cities of the project”)."
            )
