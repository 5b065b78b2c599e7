"""Publication covers: the first page of every uploaded PDF, drawn as an image.

When a PDF document is saved (uploaded in the admin, replaced, or made by code), its first
page is rendered with PDFium (pypdfium2) and kept as a Wagtail image in the "Covers"
collection, linked to the document (`DocumentCover`). A resource without a cover of its own
takes the cover of its first PDF (in its own language first) when saved
(`ResourcePage.clean`), so cards, the resource page and social previews show the
publication as it looks. A file that is not a PDF, or a PDF that cannot be read, gets no
cover and the document is saved as usual.

A cover is as private as its document: it is served only to visitors the document's
collection lets in (`document_collections`, registered with core.media, which serves
images), wherever the document moves later, and its file name holds a random part, so the
covers of private documents cannot be found by counting (`cover_name`).

The model keeping the covers is here, with what draws them: `resources.models` imports this
module (a resource takes its cover from here) and this module imports no model of the app.
"""

import io
import logging
import re
import secrets

from django.core.files.images import ImageFile
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Collection

logger = logging.getLogger(__name__)

COVER_WIDTH = 600  # pixels: twice the widest place a cover is shown (300 px on the page)
COVER_MAX_HEIGHT = 1200  # a strip-shaped page is drawn smaller, never as a huge image
COLLECTION_NAME = "Covers"


class DocumentCover(models.Model):
    """The image of a PDF document's first page (resources.covers), drawn when the document
    is saved; drawn again when its file is replaced."""

    document = models.OneToOneField(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="cover",
        help_text=_("The PDF whose first page the image shows."),
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("The first page, drawn as an image."),
    )
    source_file = models.CharField(
        _("source file"),
        max_length=255,
        help_text=_("The document's file the image was drawn from."),
    )

    class Meta:
        verbose_name = _("document cover")
        verbose_name_plural = _("document covers")

    def __str__(self):
        return str(self.document)


def is_pdf(document):
    name = document.file.name or ""
    return name.lower().endswith(".pdf")


def first_page_png(file):
    """The first page of the PDF in `file`, COVER_WIDTH pixels wide, as PNG bytes; None if
    the file is not a readable PDF with at least one page."""
    import pypdfium2

    try:
        file.open("rb")
        file.seek(0)
        pdf = pypdfium2.PdfDocument(file.read())
    except (pypdfium2.PdfiumError, OSError, ValueError) as error:
        logger.info("No cover for %s: %s", getattr(file, "name", file), error)
        return None
    try:
        if len(pdf) == 0:
            return None
        page = pdf[0]
        width, height = page.get_size()
        if width <= 0 or height <= 0:
            return None
        scale = min(COVER_WIDTH / width, COVER_MAX_HEIGHT / height)
        image = page.render(scale=scale).to_pil().convert("RGB")
        output = io.BytesIO()
        image.save(output, format="PNG", optimize=True)
        return output.getvalue()
    finally:
        pdf.close()


def cover_name(document):
    """The cover's file name: the document's id and a random part (64 bits), never a
    sequence a stranger could walk through."""
    return f"cover-{document.pk}-{secrets.token_hex(8)}.png"


def document_collections(image):
    """The collections of the documents whose cover `image` is: their view restrictions
    apply to the cover too (core.media)."""
    covers = DocumentCover.objects.filter(image=image).select_related("document__collection")
    return [cover.document.collection for cover in covers]


def covers_collection():
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=COLLECTION_NAME).first()
    return existing or root.add_child(name=COLLECTION_NAME)


def cover_for(document):
    """The cover image of `document`, drawn now if it has none or its file changed; None
    for a document that is not a readable PDF."""
    if not is_pdf(document):
        return None
    cover = DocumentCover.objects.filter(document=document).select_related("image").first()
    if cover is not None and cover.source_file == document.file.name:
        return cover.image
    png = first_page_png(document.file)
    if png is None:
        return None
    with transaction.atomic():
        if cover is None:
            image = get_image_model()(
                title=f"Cover: {document.title}"[:255],
                collection=covers_collection(),
                description="",  # decorative where shown: the title is beside it
            )
        else:  # the document's file was replaced: the same image, drawn again
            image = cover.image
            image.renditions.all().delete()
            old_file = image.file.name
            transaction.on_commit(lambda: image.file.storage.delete(old_file))
        image.file.save(cover_name(document), ImageFile(io.BytesIO(png)), save=False)
        image._set_image_file_metadata()
        image.width, image.height = PILImage.open(io.BytesIO(png)).size
        # Crops for landscape cards keep the top of the page, where the title is.
        image.focal_point_x, image.focal_point_y = image.width // 2, image.width * 9 // 32
        image.focal_point_width, image.focal_point_height = image.width, image.width * 9 // 16
        image.save()
        DocumentCover.objects.update_or_create(
            document=document, defaults={"image": image, "source_file": document.file.name}
        )
    return image


def on_document_saved(sender, instance, **kwargs):
    """Draw the cover once the upload is committed (the file is then in storage). A cover
    that cannot be drawn never fails the upload: the resource shows without one."""
    if is_pdf(instance):
        transaction.on_commit(lambda: draw_quietly(instance))


def draw_quietly(document):
    """`cover_for(document)`, or None when drawing fails: a cover never stops an upload or
    a resource's save (the failure is logged)."""
    try:
        return cover_for(document)
    except Exception:  # noqa: BLE001 - storage or PDF engine failure: logged, work kept
        logger.exception("The cover of document %s could not be drawn", document.pk)
        return None


GUESSABLE_NAME = re.compile(r"^original_images/cover-[0-9]+(_[A-Za-z0-9]{7})?\.png$")


def rename_guessable_covers(cover_model, rendition_model):
    """Give every cover whose file name has no random part (drawn before `cover_name`) a
    new name, and delete its renditions (named after the original; drawn again on demand).
    Takes the models so that the data migration can pass its historical ones. Returns how
    many covers were renamed."""
    renamed = 0
    for cover in cover_model.objects.select_related("image", "document").iterator():
        image = cover.image
        old_name = image.file.name
        if not GUESSABLE_NAME.match(old_name or ""):
            continue
        storage = image.file.storage
        for rendition in rendition_model.objects.filter(image_id=image.pk):
            storage.delete(rendition.file.name)
            rendition.delete()
        try:
            with storage.open(old_name, "rb") as old:
                new_name = storage.save(
                    f"original_images/{cover_name(cover.document)}", ImageFile(old)
                )
        except OSError:  # the file is gone: nothing left to find by its name
            logger.warning("Cover %s missing: not renamed", old_name)
            continue
        type(image).objects.filter(pk=image.pk).update(file=new_name)
        storage.delete(old_name)
        renamed += 1
    return renamed
