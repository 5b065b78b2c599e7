"""`{% image %}` that leaves a missing image out, and `{% picture %}`: the image tags of the
site's templates.

The same syntax as Wagtail's (`{% image page.photo fill-640x360 loading="lazy" %}`, or
`... as photo`), through `core.images.rendition_or_none`: when the original file is missing
or unreadable, it renders nothing and `as photo` sets None, so the template's
`{% if photo %}` leaves the image out, where Wagtail's renders `<img src="…/not-found">`.
Load it instead of `wagtailimages_tags`.
"""

from django import template
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


@register.tag
def image(parser, token):
    # Wagtail's parser checks the arguments; only rendering differs.
    node = wagtailimages_tags.image(parser, token)
    return MissingSafeImageNode(
        node.image_expr,
        node.filter_specs,
        attrs=node.attrs,
        output_var_name=node.output_var_name,
    )


@register.simple_tag
def picture(image, name):
    """`{% picture page.photo "hero" as photo %}`: the image as a Picture (AVIF and WebP at
    the widths of `core.images.PICTURES[name]`, the original format as fallback), or None
    when it has no image or its original is missing; shown by components/picture.html."""
    return picture_for(image, PICTURES[name]) if image else None
