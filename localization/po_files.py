"""Bulk PO files for agencies: everything waiting in one language as one .zip of PO files
(wagtail-localize's own PO format, one file per translation), and its import.

An import is all or nothing: a malformed file, a file for another language or for an
unknown translation rejects the whole archive, and nothing changes.
"""

import io
import os
import tempfile
import uuid
import zipfile
from dataclasses import dataclass, field

import polib
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import Locale
from wagtail_localize.models import Translation

from localization.glossary import glossary_for
from localization.memory import exact_translations
from localization.status import State, compute_rows

MAX_FILES = 2000
MAX_FILE_SIZE = 5 * 1024 * 1024


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


def import_archive(upload, locale, user):
    report = ImportReport()
    try:
        archive = zipfile.ZipFile(upload)
        members = [m for m in archive.infolist() if not m.is_dir()]
    except (zipfile.BadZipFile, OSError):
        report.errors.append(("", _("The file is not a .zip archive.")))
        return report
    if len(members) > MAX_FILES:
        report.errors.append(("", _("The archive holds too many files.")))
        return report
    planned = []
    for member in members:
        name = member.filename
        if not name.endswith(".po"):
            report.skipped.append((name, _("Not a PO file.")))
            continue
        if member.file_size > MAX_FILE_SIZE:
            report.errors.append((name, _("The file is too large.")))
            continue
        try:
            po = _parse(archive.read(member))
        except (OSError, UnicodeDecodeError, ValueError, zipfile.BadZipFile):
            report.errors.append((name, _("The file is not a valid PO file.")))
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
