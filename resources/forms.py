"""Document uploads: files whose content matches their extension.

Wagtail itself refuses files over WAGTAILDOCS_MAX_UPLOAD_SIZE and outside
WAGTAILDOCS_EXTENSIONS; this adds a check that a .pdf (or .docx, .doc, .png…) really is one
and that a .txt or .csv holds text."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm

# The first bytes of formats whose extension is easy to fake.
SIGNATURES = {
    "pdf": [b"%PDF-"],
    "png": [b"\x89PNG\r\n\x1a\n"],
    "jpg": [b"\xff\xd8\xff"],
    "jpeg": [b"\xff\xd8\xff"],
    "docx": [b"PK\x03\x04"],
    "xlsx": [b"PK\x03\x04"],
    "pptx": [b"PK\x03\x04"],
    "odt": [b"PK\x03\x04"],
    "ods": [b"PK\x03\x04"],
    "odp": [b"PK\x03\x04"],
    "epub": [b"PK\x03\x04"],
    # Legacy Office files are OLE2 compound files; RTF is text with a fixed opening.
    "doc": [b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"],
    "xls": [b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"],
    "ppt": [b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"],
    "rtf": [b"{\\rtf"],
}
# Plain text formats: refused when they hold binary content (a NUL byte early on).
TEXT_FORMATS = {"txt", "csv"}


class DocumentForm(BaseDocumentForm):
    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not upload or not hasattr(upload, "size"):
            return upload
        extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
        signatures = SIGNATURES.get(extension)
        head = upload.read(4096)
        upload.seek(0)
        wrong_signature = signatures and not any(head.startswith(s) for s in signatures)
        binary_text = extension in TEXT_FORMATS and b"\x00" in head
        if wrong_signature or binary_text:
            raise ValidationError(
                _("This file's content is not %(format)s, though its name ends in .%(ext)s.")
                % {"format": extension.upper(), "ext": extension}
            )
        return upload
