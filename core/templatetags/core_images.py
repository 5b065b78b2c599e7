"""The site's image tags, named apart from Wagtail's so that neither hides the other:

- `{% rendition_or_none page.photo fill-640x360 as photo %}`: Wagtail's `{% image %}` (the
  same arguments: filter specs, `loading="lazy"` attributes or `as photo`) through
  `core.images.rendition_or_none`. When the original file is missing or unreadable it
  renders nothing and `as photo` sets None, so the template's `{% if photo %}` leaves the
  image out, where Wagtail's renders `<img src="…/not-found">`.
- `{% site_picture page.photo "hero" as photo %}`: one of the pictures named in
  `core.images.PICTURES` (AVIF and WebP at their widths, the original format as fallback,
  its renditions fetched in one query), or None; shown by `components/picture.html`.
  Wagtail's `{% picture %}` draws a `<picture>` from filter specs but shows a missing file
  as `not-found` and does not give the named cuts, their `sizes` or the lazy/eager choice
  of `components/picture.html`.

Templates load `core_images`, never `wagtailimages_tags` (`tests/core/test_missing_media.py`):
a template that loaded both would get Wagtail's `{% image %}` and `{% picture %}`, which are
not missing-safe.
"""

from django import template
from django.template.base import Token
from wagtail.images.templatetags import wagtailimages_tags

from core.images import PICTURES, picture_for, rendition_or_none

register = template.Library()


class MissingSafeImageNode(wagtailimages_tags.ImageNode):
    def render(self, context):
        image = self.validate_image(context)
        rendition = rendition_or_none(image, self.get_filter()) if image else None
        if self.output_var_name:
            context[self.output_var_name] = rendition
            return ""
        if rendition is None:
            return ""
        attrs = {name: value.resolve(context) for name, value in self.attrs.items()}
        return rendition.img_tag(attrs)


@register.tag("rendition_or_none")
def rendition_or_none_tag(parser, token):
    # Wagtail's parser checks the arguments, read as its `{% image %}` (one rendition: no
    # `{a,b}` expansion); only rendering differs.
    _tag_name, _, arguments = token.contents.partition(" ")
    as_image = Token(token.token_type, f"image {arguments}", token.position, token.lineno)
    node = wagtailimages_tags.image(parser, as_image)
    return MissingSafeImageNode(
        node.image_expr,
        node.filter_specs,
        attrs=node.attrs,
        output_var_name=node.output_var_name,
    )


@register.simple_tag
def site_picture(image, name):
    """`{% site_picture page.photo "hero" as photo %}`: the image as a Picture (AVIF and
    WebP at the widths of `core.images.PICTURES[name]`, the original format as fallback), or
    None when it has no image or its original is missing; shown by components/picture.html."""
    return picture_for(image, PICTURES[name]) if image else None
