"""Document uploads: files whose content matches their extension.

Wagtail itself refuses files over WAGTAILDOCS_MAX_UPLOAD_SIZE and outside
WAGTAILDOCS_EXTENSIONS; this adds a check that a .pdf (or .docx, .png…) really is one."""

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
}


class DocumentForm(BaseDocumentForm):
    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not upload or not hasattr(upload, "size"):
            return upload
        extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
        signatures = SIGNATURES.get(extension)
        if signatures:
            head = upload.read(16)
            upload.seek(0)
            if not any(head.startswith(signature) for signature in signatures):
                raise ValidationError(
                    _("This file's content is not %(format)s, though its name ends in .%(ext)s.")
                    % {"format": extension.upper(), "ext": extension}
                )
        return upload
