"""Blocks of campaign pages: milestones, video links and galleries (key figures: core.blocks)."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

from core.blocks import (
    BODY_BLOCKS,
    FigureBlock,
    KeyFiguresBlock,
    RelatedPagesBlock,
    optional_heading,
)


class MilestoneBlock(blocks.StructBlock):
    date = blocks.DateBlock(label=_("Date"), help_text=_("When it happened or will happen."))
    title = blocks.CharBlock(label=_("Title"), max_length=160, help_text=_("What happened."))
    text = blocks.TextBlock(label=_("Text"), required=False, help_text=_("One or two sentences."))

    class Meta:
        icon = "date"
        label = _("Milestone")


class MilestonesBlock(blocks.StructBlock):
    heading = optional_heading(_("Optional title above the timeline."))
    milestones = blocks.ListBlock(MilestoneBlock(), label=_("Milestones"), min_num=1)

    class Meta:
        icon = "history"
        label = _("Milestones timeline")
        template = "campaigns/blocks/milestones.html"
        description = _("Dated steps of the campaign, in order.")
        preview_value = {
            "heading": "Timeline",
            "milestones": [
                {"date": "2018-12-10", "title": "Global Compact adopted in Marrakesh", "text": ""}
            ],
        }


class VideoLinkBlock(blocks.StructBlock):
    """A video shown as a link: no player or script from another site on our pages."""

    url = blocks.URLBlock(
        label=_("Video address"), help_text=_("Link to the video, e.g. on a video platform.")
    )
    title = blocks.CharBlock(label=_("Title"), max_length=160, help_text=_("What the video shows."))
    duration = blocks.CharBlock(
        label=_("Duration"), required=False, max_length=20, help_text=_("e.g. 3 min.")
    )
    thumbnail = ImageChooserBlock(
        label=_("Still image"),
        required=False,
        help_text=_("Optional still from the video (decorative)."),
    )

    class Meta:
        icon = "media"
        label = _("Video")
        template = "campaigns/blocks/video_link.html"
        description = _("A video, shown as a still and a link (no third-party player).")
        preview_value = {
            "url": "https://example.org/video",
            "title": "Mayors on welcoming cities",
            "duration": "3 min",
        }


class GalleryBlock(blocks.StructBlock):
    heading = optional_heading(_("Optional title above the gallery."))
    images = blocks.ListBlock(FigureBlock(), label=_("Images"), min_num=1, max_num=24)

    class Meta:
        icon = "image"
        label = _("Image gallery")
        template = "campaigns/blocks/gallery.html"
        description = _("A grid of images with captions.")
        preview_value = {"heading": "Gallery", "images": []}


CAMPAIGN_BODY_BLOCKS = [
    *BODY_BLOCKS,
    ("key_figures", KeyFiguresBlock()),
    ("milestones", MilestonesBlock()),
    ("video", VideoLinkBlock()),
    ("gallery", GalleryBlock()),
    ("related_pages", RelatedPagesBlock()),
]
