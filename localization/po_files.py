"""Bulk PO files for agencies: everything waiting in one language as one .zip of PO files
(wagtail-localize's own PO format, one file per translation), and its import.

An import is all or nothing: a malformed file, a file for another language or for an
unknown translation rejects the whole archive, and nothing changes (one transaction).

What an archive may cost is checked from its directory before anything is decompressed or
parsed (`check_archive`, also the upload form's validation): its size, number of files,
each PO file's declared size and the total, the compression (stored or deflate, not
encrypted) and its ratio (a zip bomb), then the number of strings before parsing. polib
parses about 10 MB a second and each string costs queries: the limits keep an import well
within a worker's 30 seconds. Translations holding characters that text cannot hold (NUL and
the other control characters XML refuses; PostgreSQL refuses NUL) are refused by line.
"""

import io
import logging
import os
import re
import tempfile
import uuid
import zipfile
import zlib
from dataclasses import dataclass, field

import polib
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import Locale
from wagtail_localize.models import Translation

from localization.glossary import glossary_for
from localization.memory import exact_translations
from localization.status import State, compute_rows

logger = logging.getLogger(__name__)

MAX_ARCHIVE_SIZE = 10 * 1024 * 1024  # the upload itself
MAX_FILES = 2000
MAX_FILE_SIZE = 2 * 1024 * 1024  # one PO file, uncompressed: some 10,000 strings
MAX_TOTAL_SIZE = 20 * 1024 * 1024  # every PO file of the archive, uncompressed
MAX_STRINGS = 20_000  # every string of the archive, counted before parsing
# PO text deflates 3 to 10 times; a file that claims far more is a zip bomb.
MAX_RATIO = 100
RATIO_FROM_SIZE = 256 * 1024  # small files are harmless whatever their ratio
READABLE_COMPRESSION = {zipfile.ZIP_STORED: "stored", zipfile.ZIP_DEFLATED: "deflate"}
# Characters neither XML 1.0 nor PostgreSQL's text hold: C0 controls but tab, LF and CR, and
# the noncharacters U+FFFE and U+FFFF.
FORBIDDEN_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
MAX_ERRORS = 20


def waiting_translations(locale):
    ids = [
        row.translation_id
        for row in compute_rows()
        if row.locale.pk == locale.pk and row.state in State.WAITING and row.translation_id
    ]
    return Translation.objects.filter(pk__in=ids).select_related("source", "target_locale")


def with_memory_and_glossary(po, translation):
    """The PO file of `translation` made ready for an agency: each string still to translate
    that the translation memory has an exact match for gets it as a *fuzzy* entry (a
    suggestion to check: the import ignores fuzzy entries), and each string using glossary
    terms carries them, with their approved translations, as translator comments."""
    suggestions = exact_translations(translation)
    entries = [entry for entry in po if not entry.obsolete]
    terms = glossary_for(
        [entry.msgid for entry in entries], translation.source.locale, translation.target_locale
    )
    for entry in entries:
        comments = []
        suggestion = suggestions.get((entry.msgctxt, entry.msgid))
        if not entry.msgstr and suggestion:
            entry.msgstr = suggestion
            entry.flags.append("fuzzy")
            comments.append(
                _("Translation memory: published elsewhere for the same text. Check it.")
            )
        for match in terms.get(entry.msgid, []):
            if match.do_not_translate:
                approved = _("do not translate")
            else:
                approved = match.target_term or _("no approved translation yet")
            note = f" ({match.note})" if match.note else ""
            comments.append(
                _("Glossary: %(term)s = %(approved)s")
                % {"term": match.source_term, "approved": approved}
                + note
            )
        if comments:
            entry.tcomment = "\n".join(filter(None, [entry.tcomment, *comments]))
    return po


def export_archive(locale):
    """Bytes of a .zip with one PO file per translation waiting in `locale`, pre-filled
    from the translation memory and annotated with the glossary (`with_memory_and_glossary`)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for translation in waiting_translations(locale).order_by("pk"):
            po = with_memory_and_glossary(translation.export_po(), translation)
            po.metadata["Language"] = locale.language_code
            name = slugify(translation.source.object_repr)[:60] or "translation"
            archive.writestr(f"{name}-{str(translation.uuid)[:8]}.po", str(po))
    return buffer.getvalue()


@dataclass
class ImportReport:
    applied: list = field(default_factory=list)  # (file name, number of strings)
    skipped: list = field(default_factory=list)  # (file name, reason)
    errors: list = field(default_factory=list)  # (file name, reason): nothing was imported

    @property
    def ok(self):
        return not self.errors


def _parse(data):
    # polib reads a *path* when given a string that names a file: always give it a file.
    with tempfile.NamedTemporaryFile(suffix=".po", delete=False) as handle:
        handle.write(data)
    try:
        return polib.pofile(handle.name, encoding="utf-8")
    finally:
        os.unlink(handle.name)


def check_archive(upload):
    """(ZipFile, its PO files) when reading them costs what the limits allow; else a
    ValidationError saying why, in the user's language. Reads the zip's directory only."""
    if upload.size > MAX_ARCHIVE_SIZE:
        raise ValidationError(
            _("The archive is larger than %(size)s MB.")
            % {"size": MAX_ARCHIVE_SIZE // (1024 * 1024)}
        )
    try:
        upload.seek(0)
        archive = zipfile.ZipFile(upload)
        members = [m for m in archive.infolist() if not m.is_dir()]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise ValidationError(_("The file is not a .zip archive.")) from None
    if len(members) > MAX_FILES:
        raise ValidationError(
            _("The archive holds more than %(count)s files.") % {"count": MAX_FILES}
        )
    errors = []
    po_files = [m for m in members if m.filename.endswith(".po")]
    for member in po_files:
        name = member.filename
        if member.flag_bits & 0x1:
            errors.append(
                _("%(name)s is encrypted: make the archive without a password.") % {"name": name}
            )
        elif member.compress_type not in READABLE_COMPRESSION:
            errors.append(
                _(
                    "%(name)s is compressed with a method this site cannot read: make the "
                    "archive with ordinary (deflate) compression."
                )
                % {"name": name}
            )
        elif member.file_size > MAX_FILE_SIZE:
            errors.append(
                _("%(name)s is larger than %(size)s MB.")
                % {"name": name, "size": MAX_FILE_SIZE // (1024 * 1024)}
            )
        elif member.file_size > RATIO_FROM_SIZE and member.file_size > MAX_RATIO * max(
            member.compress_size, 1
        ):
            errors.append(
                _("%(name)s is compressed too many times over to be a PO file.") % {"name": name}
            )
    total = sum(member.file_size for member in po_files)
    if total > MAX_TOTAL_SIZE:
        errors.insert(
            0,
            _(
                "The PO files add up to more than %(size)s MB: import them in several "
                "smaller archives."
            )
            % {"size": MAX_TOTAL_SIZE // (1024 * 1024)},
        )
    if errors:
        raise ValidationError(errors[:MAX_ERRORS])
    return archive, members


def _read(archive, member):
    """The member's bytes, never more than its declared (and checked) size."""
    with archive.open(member) as handle:
        data = handle.read(min(member.file_size, MAX_FILE_SIZE) + 1)
    if len(data) > member.file_size:
        raise zipfile.BadZipFile("larger than declared")
    return data


def _count_strings(data):
    """The PO file's strings, counted without parsing it (a `msgid` at a line's start)."""
    return data.count(b"\nmsgid ") + data.startswith(b"msgid ")


def _forbidden_character(po):
    """The line of the first entry holding a character text cannot hold, else None."""
    for entry in po:
        texts = [entry.msgid, entry.msgctxt or "", entry.msgstr, *entry.msgstr_plural.values()]
        if any(FORBIDDEN_CHARACTERS.search(text) for text in texts):
            return entry.linenum
    return None


def import_archive(upload, locale, user):
    report = ImportReport()
    try:
        archive, members = check_archive(upload)
    except ValidationError as error:
        report.errors.extend(("", message) for message in error.messages)
        return report
    # Read and count every file's strings first: parsing starts only within the limits.
    contents = []
    strings = 0
    for member in members:
        name = member.filename
        if not name.endswith(".po"):
            report.skipped.append((name, _("Not a PO file.")))
            continue
        try:
            data = _read(archive, member)
        except (
            zipfile.BadZipFile,
            OSError,
            EOFError,
            zlib.error,
            NotImplementedError,
            RuntimeError,
        ):
            report.errors.append((name, _("The file cannot be read from the archive.")))
            continue
        strings += _count_strings(data)
        contents.append((name, data))
    if strings > MAX_STRINGS:
        report.errors.append(
            (
                "",
                _(
                    "The archive holds more than %(count)s strings: import it in several "
                    "smaller archives."
                )
                % {"count": MAX_STRINGS},
            )
        )
    if report.errors:
        report.skipped = []
        return report
    planned = []
    for name, data in contents:
        try:
            po = _parse(data)
        except (OSError, UnicodeDecodeError, ValueError, zipfile.BadZipFile):
            report.errors.append((name, _("The file is not a valid PO file.")))
            continue
        line = _forbidden_character(po)
        if line is not None:
            report.errors.append(
                (
                    name,
                    _(
                        "Line %(line)s holds a control character (such as NUL) that text "
                        "cannot hold: remove it."
                    )
                    % {"line": line},
                )
            )
            continue
        translation_uuid = po.metadata.get("X-WagtailLocalize-TranslationID", "")
        translation = None
        if _is_uuid(translation_uuid):
            translation = (
                Translation.objects.filter(uuid=translation_uuid)
                .select_related("target_locale")
                .first()
            )
        if translation is None:
            report.errors.append((name, _("The file names no translation of this site.")))
            continue
        language = po.metadata.get("Language") or translation.target_locale.language_code
        if translation.target_locale_id != locale.pk or language != locale.language_code:
            # Name the file's own language (its header, else its translation's), and this
            # import's, so the translator sees which file went to the wrong place.
            if language == translation.target_locale.language_code:
                file_language = translation.target_locale.get_display_name()
            else:
                file_language = _language_name(language)
            report.errors.append(
                (
                    name,
                    _("The file is in %(file_language)s, not in %(language)s.")
                    % {"file_language": file_language, "language": locale.get_display_name()},
                )
            )
            continue
        if not translation.enabled:
            report.skipped.append((name, _("This translation was stopped.")))
            continue
        # A fuzzy entry is a suggestion the export pre-filled (the translation memory) that
        # the agency did not confirm: it is not a translation.
        for entry in [entry for entry in po if "fuzzy" in entry.flags]:
            po.remove(entry)
        filled = [entry for entry in po if entry.msgstr and not entry.obsolete]
        if not filled:
            report.skipped.append((name, _("No translated strings.")))
            continue
        planned.append((name, translation, po, len(filled)))
    if report.errors:
        report.skipped = []
        return report
    try:
        with transaction.atomic():
            for name, translation, po, count in planned:
                warnings = translation.import_po(po, user=user, tool_name="PO archive")
                report.applied.append((name, count - len(warnings)))
                if warnings:
                    report.skipped.append(
                        (
                            name,
                            _("%(count)d strings are no longer in the source.")
                            % {"count": len(warnings)},
                        )
                    )
    except DatabaseError:
        # Rolled back whole: nothing of the archive is kept.
        logger.exception("PO archive import into %s failed", locale.language_code)
        report.applied, report.skipped = [], []
        report.errors.append(("", _("The database refused the import: nothing was imported.")))
    return report


def _is_uuid(value):
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


def _language_name(code):
    """The display name of a language code read from a file (the code itself if unknown)."""
    known = Locale.objects.filter(language_code=code).first()
    return known.get_display_name() if known else code
