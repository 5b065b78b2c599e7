"""The glossary's files for translation agencies: written as CSV or TBX, read from either,
and applied to the glossary. The views offering them: `localization.views.glossary`.

CSV columns: `slug, part_of_speech, do_not_translate`, then `term_<language>` and
`note_<language>` for each language of the site; a cell a spreadsheet would run as a formula
gets a leading apostrophe (`core.spreadsheets`), which the import takes off again. TBX:
TBX-Basic (TBX v3) style, one `<conceptEntry id="slug">` per term with a
`<langSec xml:lang="…">` per language holding its `<termSec>` (`<term>`,
`<termNote type="partOfSpeech">`, `<note>`); TBX v2's `termEntry`, `langSet` and `tig` are
read too. The export holds the published (live) versions.

An import applies every row or none (one transaction): a term is found by its slug; one not
there yet is made in the site's default language when the row has it (else in the row's
first language) and published; the other languages' terms become its translations through
wagtail-localize (core.localize.translate), published, as an editor's own work is. A blank
cell leaves that language as it is.
"""

import csv
import io
import xml.etree.ElementTree as ET  # noqa: S405 - builds the export; imports parse with defusedxml
from dataclasses import dataclass, field

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring as parse_xml
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.db import DatabaseError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import Locale
from wagtail_localize.models import TranslationSource

from core.localize import MissingTranslationError, translate
from core.spreadsheets import restore_formula, safe_row
from localization.models import GlossaryTerm, PartOfSpeech

TBX_NS = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Our parts of speech in TBX: partOfSpeech, and termType where TBX says more.
TBX_PART_OF_SPEECH = {
    PartOfSpeech.NOUN: ("noun", None),
    PartOfSpeech.PROPER_NOUN: ("properNoun", None),
    PartOfSpeech.ACRONYM: ("noun", "acronym"),
    PartOfSpeech.VERB: ("verb", None),
    PartOfSpeech.ADJECTIVE: ("adjective", None),
    PartOfSpeech.PHRASE: ("other", "phraseologicalUnit"),
}
TBX_TERM_TYPES = {"acronym": PartOfSpeech.ACRONYM, "abbreviation": PartOfSpeech.ACRONYM}
TBX_TERM_TYPES |= {"phraseologicalUnit": PartOfSpeech.PHRASE, "phrase": PartOfSpeech.PHRASE}
TBX_PARTS = {"noun": PartOfSpeech.NOUN, "properNoun": PartOfSpeech.PROPER_NOUN}
TBX_PARTS |= {"verb": PartOfSpeech.VERB, "adjective": PartOfSpeech.ADJECTIVE}
TRUE = {"1", "true", "yes", "y", "x"}
FALSE = {"", "0", "false", "no", "n"}
MAX_ROWS = 5000
MAX_ERRORS = 20
TERM_LENGTH = GlossaryTerm._meta.get_field("term").max_length
SLUG_LENGTH = GlossaryTerm._meta.get_field("slug").max_length


class GlossaryFileError(Exception):
    """A file that cannot be imported; `errors` says why, in the admin's language."""

    def __init__(self, errors):
        super().__init__("; ".join(errors))
        self.errors = errors


@dataclass
class Row:
    """One term in every language, as files hold it."""

    slug: str
    part_of_speech: str | None = None  # None: as it is (a new term: a noun)
    do_not_translate: bool | None = None
    terms: dict = field(default_factory=dict)  # {language code: (term, note)}


def languages():
    """The site's language codes, in the settings' order, that have a locale."""
    existing = set(Locale.objects.values_list("language_code", flat=True))
    return [code for code, _name in settings.LANGUAGES if code in existing]


# --- Export --------------------------------------------------------------------------------


def export_rows():
    """[Row] of every term's live versions, by slug."""
    rows = {}
    for term in GlossaryTerm.objects.filter(live=True).select_related("locale").order_by("pk"):
        row = rows.setdefault(
            term.translation_key,
            Row(term.slug, term.part_of_speech, term.do_not_translate),
        )
        row.terms[term.locale.language_code] = (term.term, term.note)
    return sorted(rows.values(), key=lambda row: row.slug)


def csv_header(codes):
    header = ["slug", "part_of_speech", "do_not_translate"]
    for code in codes:
        header += [f"term_{code}", f"note_{code}"]
    return header


def to_csv(rows, codes):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(csv_header(codes))
    for row in rows:
        cells = [row.slug, row.part_of_speech, "1" if row.do_not_translate else "0"]
        for code in codes:
            cells += list(row.terms.get(code, ("", "")))
        # Terms and notes are typed by translators: none runs as a formula in a spreadsheet.
        writer.writerow(safe_row(cells))
    return out.getvalue()


def to_tbx(rows, codes):
    # Elements in TBX's namespace, declared once on the root.
    root = ET.Element(
        "tbx", {"xmlns": TBX_NS, "type": "TBX-Basic", "style": "dca", XML_LANG: codes[0]}
    )
    header = ET.SubElement(root, "tbxHeader")
    description = ET.SubElement(ET.SubElement(header, "fileDesc"), "sourceDesc")
    ET.SubElement(description, "p").text = str(settings.WAGTAIL_SITE_NAME)
    body = ET.SubElement(ET.SubElement(root, "text"), "body")
    for row in rows:
        entry = ET.SubElement(body, "conceptEntry", {"id": row.slug})
        if row.do_not_translate:
            ET.SubElement(entry, "descrip", {"type": "doNotTranslate"}).text = "yes"
        part, term_type = TBX_PART_OF_SPEECH.get(row.part_of_speech, ("other", None))
        for code in codes:
            if code not in row.terms:
                continue
            term, note = row.terms[code]
            lang_sec = ET.SubElement(entry, "langSec", {XML_LANG: code})
            term_sec = ET.SubElement(lang_sec, "termSec")
            ET.SubElement(term_sec, "term").text = term
            ET.SubElement(term_sec, "termNote", {"type": "partOfSpeech"}).text = part
            if term_type:
                ET.SubElement(term_sec, "termNote", {"type": "termType"}).text = term_type
            if note:
                ET.SubElement(term_sec, "note").text = note
    ET.indent(root)
    xml = ET.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + xml + "\n"


# --- Import: reading -----------------------------------------------------------------------


def _part_of_speech(value, where, errors):
    value = (value or "").strip()
    if not value:
        return None
    for code, label in PartOfSpeech.choices:
        if value.lower() in (code, str(label).lower()):
            return code
    errors.append(
        _("%(where)s: unknown part of speech “%(value)s” (use one of: %(choices)s).")
        % {"where": where, "value": value, "choices": ", ".join(PartOfSpeech.values)}
    )
    return None


def _flag(value, where, errors):
    value = (value or "").strip().lower()
    if value in TRUE:
        return True
    if value in FALSE:
        return False if value else None
    errors.append(
        _("%(where)s: “do not translate” is “%(value)s”; write 1 or 0.")
        % {"where": where, "value": value}
    )
    return None


def _check_row(row, where, errors, codes):
    """Fill a missing slug from the terms and check the row's values; errors appended."""
    if not row.terms:
        errors.append(_("%(where)s: no term in any language.") % {"where": where})
        return
    if not row.slug:
        first = next(code for code in [*codes, *row.terms] if code in row.terms)
        row.slug = slugify(row.terms[first][0])[:SLUG_LENGTH]
    try:
        validate_slug(row.slug)
        if len(row.slug) > SLUG_LENGTH:
            raise ValidationError("too long")
    except ValidationError:
        errors.append(
            _(
                "%(where)s: “%(slug)s” is not a valid slug (letters, digits, - and _, "
                "at most %(max)s)."
            )
            % {"where": where, "slug": row.slug, "max": SLUG_LENGTH}
        )
    for code, (term, _note) in row.terms.items():
        if len(term) > TERM_LENGTH:
            errors.append(
                _("%(where)s: the %(language)s term is longer than %(max)s characters.")
                % {"where": where, "language": code, "max": TERM_LENGTH}
            )


def _finish(rows, errors, codes):
    if not rows and not errors:
        errors.append(_("The file holds no term."))
    if len(rows) > MAX_ROWS:
        errors.append(_("The file holds more than %(max)s terms.") % {"max": MAX_ROWS})
    slugs = {}
    for where, row in rows:
        _check_row(row, where, errors, codes)
        if row.slug and row.slug in slugs:
            errors.append(
                _("%(where)s: the slug “%(slug)s” is already used by %(other)s.")
                % {"where": where, "slug": row.slug, "other": slugs[row.slug]}
            )
        slugs.setdefault(row.slug, where)
    if errors:
        raise GlossaryFileError(errors[:MAX_ERRORS])
    return [row for _where, row in rows]


def _text(data):
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise GlossaryFileError([_("The file is not UTF-8 text.")]) from error


def read_csv(data):
    """[Row] of a CSV file (bytes) as `to_csv` writes it; GlossaryFileError if it is not."""
    codes = languages()
    try:
        reader = csv.reader(io.StringIO(_text(data), newline=""))
        header = [name.strip().lower() for name in next(reader, [])]
        records = list(reader)
    except csv.Error as error:
        raise GlossaryFileError([_("The file is not a valid CSV file.")]) from error
    errors = []
    if "slug" not in header:
        errors.append(_("The first line must name the columns, among them “slug”."))
    term_columns = {}
    for index, name in enumerate(header):
        prefix, _sep, code = name.partition("_")
        if prefix in ("term", "note") and code:
            if code not in codes:
                errors.append(
                    _("Column “%(column)s”: “%(code)s” is not a language of the site (%(codes)s).")
                    % {"column": name, "code": code, "codes": ", ".join(codes)}
                )
            term_columns.setdefault(code, {})[prefix] = index
        elif name not in ("slug", "part_of_speech", "do_not_translate"):
            errors.append(_("Unknown column “%(column)s”.") % {"column": name})
    if not any("term" in columns for columns in term_columns.values()):
        errors.append(_("No term_<language> column (e.g. term_en)."))
    if errors:
        raise GlossaryFileError(errors)

    def at(record, index):
        # Our own export's neutralised cells come back as they were typed.
        if index is None or index >= len(record):
            return ""
        return restore_formula(record[index].strip())

    def cell(record, name):
        return at(record, header.index(name) if name in header else None)

    rows = []
    for number, record in enumerate(records, start=2):
        if not any(value.strip() for value in record):
            continue
        where = _("Line %(number)s") % {"number": number}
        row = Row(cell(record, "slug"))
        row.part_of_speech = _part_of_speech(cell(record, "part_of_speech"), where, errors)
        row.do_not_translate = _flag(cell(record, "do_not_translate"), where, errors)
        for code, columns in term_columns.items():
            term, note = at(record, columns.get("term")), at(record, columns.get("note"))
            if term:
                row.terms[code] = (term, note)
            elif note:
                errors.append(
                    _("%(where)s: a %(language)s note without its term.")
                    % {"where": where, "language": code}
                )
        rows.append((where, row))
    return _finish(rows, errors, codes)


def _local(tag):
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _children(element, *names):
    return [child for child in element if _local(child.tag) in names]


def _content(element):
    return " ".join("".join(element.itertext()).split())


def read_tbx(data):
    """[Row] of a TBX file (bytes); no DTD, entity or external reference is read."""
    codes = languages()
    try:
        root = parse_xml(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except (ET.ParseError, DefusedXmlException, ValueError) as error:
        raise GlossaryFileError([_("The file is not a valid TBX (XML) file.")]) from error
    if _local(root.tag) not in ("tbx", "martif"):
        raise GlossaryFileError([_("The file is XML but not TBX (its root is not <tbx>).")])
    errors = []
    rows = []
    entries = [
        element for element in root.iter() if _local(element.tag) in ("conceptEntry", "termEntry")
    ]
    for number, entry in enumerate(entries, start=1):
        slug = (entry.get("id") or "").strip()
        where = _("Entry %(number)s (%(id)s)") % {"number": number, "id": slug or "—"}
        row = Row(slug)
        for descrip in _children(entry, "descrip", "admin", "note"):
            if descrip.get("type") == "doNotTranslate":
                row.do_not_translate = _flag(_content(descrip), where, errors)
        for lang_sec in _children(entry, "langSec", "langSet"):
            code = (lang_sec.get(XML_LANG) or lang_sec.get("lang") or "").split("-")[0].lower()
            if code not in codes:
                errors.append(
                    _("%(where)s: “%(code)s” is not a language of the site (%(codes)s).")
                    % {"where": where, "code": code or "—", "codes": ", ".join(codes)}
                )
                continue
            term_secs = _children(lang_sec, "termSec", "tig", "ntig")
            if not term_secs:
                continue
            term_sec = term_secs[0]
            terms = [element for element in term_sec.iter() if _local(element.tag) == "term"]
            term = _content(terms[0]) if terms else ""
            notes = [
                _content(element)
                for element in [*_children(term_sec, "note"), *_children(lang_sec, "note")]
            ] + [
                _content(element)
                for element in _children(lang_sec, "descrip")
                if element.get("type") == "definition"
            ]
            part, term_type = None, None
            for note in term_sec.iter():
                if _local(note.tag) == "termNote" and note.get("type") == "partOfSpeech":
                    part = _content(note)
                elif _local(note.tag) == "termNote" and note.get("type") == "termType":
                    term_type = _content(note)
            kind = TBX_TERM_TYPES.get(term_type) or TBX_PARTS.get(part)
            if kind and row.part_of_speech is None:
                row.part_of_speech = kind
            if term:
                row.terms[code] = (term, next((note for note in notes if note), ""))
        rows.append((where, row))
    return _finish(rows, errors, codes)


def read_file(upload):
    """[Row] of an uploaded CSV or TBX file (told apart by its content)."""
    data = upload.read()
    if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        return read_tbx(data)
    return read_csv(data)


# --- Import: applying ----------------------------------------------------------------------


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    translated: int = 0


def _source_language(group, row, codes):
    """The language a term is (or will be) written in first."""
    if group:
        source = (
            TranslationSource.objects.filter(object_id=next(iter(group.values())).translation_key)
            .select_related("locale")
            .first()
        )
        if source is not None and source.locale.language_code in group:
            return source.locale.language_code
        return next(code for code in [settings.LANGUAGE_CODE, *codes] if code in group)
    return next(code for code in [settings.LANGUAGE_CODE, *codes] if code in row.terms)


def _apply_row(row, user, codes, locales, report):
    group = {}
    for term in GlossaryTerm.objects.filter(slug=row.slug).select_related("locale"):
        group.setdefault(term.translation_key, {})[term.locale.language_code] = term
    # Versions of one term share a translation key; the one with the most languages wins.
    group = max(group.values(), key=len) if group else {}
    source_code = _source_language(group, row, codes)
    source = group.get(source_code)
    changed = False
    if source is None:
        term, note = row.terms[source_code]
        source = GlossaryTerm(
            locale=locales[source_code],
            slug=row.slug,
            term=term,
            note=note,
            part_of_speech=row.part_of_speech or PartOfSpeech.NOUN,
            do_not_translate=bool(row.do_not_translate),
        )
        source.full_clean()
        source.save()
        report.created += 1
        changed = True
    else:
        values = {}
        if source_code in row.terms:
            values["term"], values["note"] = row.terms[source_code]
        if row.part_of_speech is not None:
            values["part_of_speech"] = row.part_of_speech
        if row.do_not_translate is not None:
            values["do_not_translate"] = row.do_not_translate
        changed = any(getattr(source, name) != value for name, value in values.items())
        changed = changed or not source.live
        if changed:
            for name, value in values.items():
                setattr(source, name, value)
            source.full_clean()
            source.save()
            report.updated += 1
    if changed:
        source.save_revision(user=user).publish(user=user)
    for code, (term, note) in row.terms.items():
        if code == source_code:
            continue
        existing = group.get(code)
        if (
            not changed
            and existing is not None
            and existing.live
            and (existing.term, existing.note) == (term, note)
        ):
            continue
        strings = {source.term: term}
        if source.note and note:
            strings[source.note] = note
        translate(source, code, strings, user=user, publish=True, require_all=False)
        report.translated += 1


def import_rows(rows, user):
    """Apply `rows` (all or none); returns an ImportReport. GlossaryFileError when a row
    cannot be saved (nothing is then kept)."""
    codes = languages()
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    report = ImportReport()
    try:
        with transaction.atomic():
            for row in rows:
                try:
                    _apply_row(row, user, codes, locales, report)
                except ValidationError as error:
                    raise GlossaryFileError(
                        [f"{row.slug}: {message}" for message in error.messages]
                    ) from error
    except (MissingTranslationError, DatabaseError) as error:
        raise GlossaryFileError([_("The glossary could not be saved: %s") % error]) from error
    return report
