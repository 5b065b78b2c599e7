"""Bulk PO files: everything waiting in one language as one archive, and back."""

import io
import zipfile

import polib
import pytest
from wagtail.models import Locale
from wagtail_localize.models import StringTranslation

from localization import workflow
from tests.localization.conftest import refused, translation_for
from tests.localization.test_dashboard import new_source_page

pytestmark = pytest.mark.django_db
FILES = "/admin/translation-workflow/files/{}/"


@pytest.fixture
def waiting_pages(users, login):
    """Two new English pages submitted for translation into Spanish and French."""
    editor = login(users["editor"])
    pages = [new_source_page(users["editor"], title=t) for t in ("Water rights", "Night buses")]
    locales = [Locale.objects.get(language_code=c).pk for c in ("es", "fr")]
    for page in pages:
        editor.post(f"/admin/localize/submit/page/{page.pk}/", {"locales": locales})
    return pages


def export(client, language):
    response = client.get(FILES.format(language) + "export/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    return {name: polib.pofile(archive.read(name).decode()) for name in archive.namelist()}


def zipped(files):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    buffer.seek(0)
    buffer.name = "agency.zip"
    return buffer


def fill(po, prefix):
    for entry in po:
        entry.msgstr = (
            "vivienda-" + entry.msgid[:5].lower()
            if entry.msgctxt == "slug"
            else (prefix + entry.msgid)
        )
    return str(po)


def test_export_then_import_produces_the_spanish_pages(
    users, login, waiting_pages, django_capture_on_commit_callbacks
):
    client = login(users["translator_es"])
    files = export(client, "es")
    ours = {
        name: po
        for name, po in files.items()
        if any(entry.msgid in ("Water rights", "Night buses") for entry in po)
    }
    assert len(ours) == 2
    assert all(po.metadata["Language"] == "es" for po in files.values())
    upload = {name: fill(po, "ES ") for name, po in ours.items()}
    upload["readme.txt"] = "from the agency"
    response = client.post(FILES.format("es"), {"archive": zipped(upload)})
    assert response.status_code == 200
    html = response.content.decode()
    for name in ours:
        assert f"{name}: 4 strings" in html
    assert "readme.txt: Not a PO file." in html

    reviewer = login(users["reviewer_es"])
    spanish = Locale.objects.get(language_code="es")
    for page in waiting_pages:
        with django_capture_on_commit_callbacks(execute=True):
            workflow.publish(translation_for(page, "es"), users["reviewer_es"])
        target = page.get_translation(spanish).specific
        assert target.title == "ES " + page.title
        assert target.introduction == "ES Why housing comes first."
        response = reviewer.get(target.url)
        assert response.status_code == 200
        assert "ES Why housing comes first." in response.content.decode()


def test_a_file_for_another_language_changes_nothing(users, login, waiting_pages):
    editor = login(users["editor"])
    french = {name: fill(po, "FR ") for name, po in export(editor, "fr").items()}
    spanish = {name: fill(po, "ES ") for name, po in export(editor, "es").items()}
    before = StringTranslation.objects.count()
    mixed = {**spanish, **{"fr-" + name: content for name, content in french.items()}}
    response = editor.post(FILES.format("es"), {"archive": zipped(mixed)})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Nothing was imported" in html
    assert "The file is in Français, not in Español." in html
    assert StringTranslation.objects.count() == before

    # A Spanish translation's file whose header says Arabic: named by what the file says.
    name, po = next(iter(export(editor, "es").items()))
    po.metadata["Language"] = "ar"
    response = editor.post(FILES.format("es"), {"archive": zipped({name: fill(po, "ES ")})})
    assert response.status_code == 400
    assert "The file is in العربية, not in Español." in response.content.decode()
    assert StringTranslation.objects.count() == before


def test_a_broken_file_changes_nothing(users, login, waiting_pages):
    editor = login(users["editor"])
    spanish = {name: fill(po, "ES ") for name, po in export(editor, "es").items()}
    spanish["broken.po"] = 'msgid "unterminated\nmsgstr ""\n\x00'
    before = StringTranslation.objects.count()
    response = editor.post(FILES.format("es"), {"archive": zipped(spanish)})
    assert response.status_code == 400
    assert "broken.po: The file is not a valid PO file." in response.content.decode()
    assert StringTranslation.objects.count() == before
    not_a_zip = io.BytesIO(b"no zip")
    not_a_zip.name = "translations.zip"
    response = editor.post(FILES.format("es"), {"archive": not_a_zip})
    assert response.status_code == 400
    assert "The file is not a .zip archive." in response.content.decode()


def test_translators_get_files_of_their_language_only(users, login, waiting_pages):
    client = login(users["translator_fr"])
    assert export(client, "fr")  # a zip of PO files
    assert refused(client.get(FILES.format("es") + "export/"))
    assert refused(client.post(FILES.format("es"), {"archive": zipped({})}))


def test_the_export_suggests_memory_matches_as_fuzzy_and_names_glossary_terms(
    users, login, waiting_pages
):
    from wagtail_localize.models import String

    from localization.models import MemoryEntry, PartOfSpeech
    from tests.localization.test_glossary import make_term

    english, spanish = (Locale.objects.get(language_code=c) for c in ("en", "es"))
    sentence = "Why housing comes first."
    MemoryEntry.objects.create(
        source_locale=english,
        target_locale=spanish,
        source_text=sentence,
        source_hash=String.objects.get(locale=english, data=sentence).data_hash,
        target_text="Por qué la vivienda va primero.",
        origin_key="8a4d0d5e-0000-4000-8000-000000000001",
        origin_label="Otra página",
        context_path="introduction",
    )
    make_term(
        "housing",
        "housing",
        PartOfSpeech.NOUN,
        False,
        {
            "en": ("housing", ""),
            "fr": ("logement", ""),
            "es": ("vivienda", ""),
            "ar": ("السكن", ""),
        },
    )
    client = login(users["translator_es"])
    files = export(client, "es")
    entries = [entry for po in files.values() for entry in po if entry.msgid == sentence]
    assert len(entries) == 2  # both pages say it
    for entry in entries:
        assert entry.msgstr == "Por qué la vivienda va primero."
        assert "fuzzy" in entry.flags
        assert "Glossary: housing = vivienda" in entry.tcomment
    titles = [entry for po in files.values() for entry in po if entry.msgid == "Water rights"]
    assert titles[0].msgstr == "" and "fuzzy" not in titles[0].flags

    # Sent back unchanged, a fuzzy suggestion is not a translation: nothing is imported.
    upload = {name: str(po) for name, po in files.items()}
    response = client.post(FILES.format("es"), {"archive": zipped(upload)})
    assert response.status_code == 200
    assert '<section id="po-report"' in response.content.decode()
    assert not StringTranslation.objects.filter(
        locale=spanish, translation_of__data=sentence
    ).exists()


# --- Hostile archives: refused with a reason, before parsing, never a 500 -------------------


def patched(archive_bytes, *, method=None, flags=None):
    """The archive with every member's compression method or flags rewritten in its local
    and central headers (zipfile writes neither Deflate64 nor encryption)."""
    data = bytearray(archive_bytes)
    for signature, method_at, flags_at in ((b"PK\x03\x04", 8, 6), (b"PK\x01\x02", 10, 8)):
        start = data.find(signature)
        while start != -1:
            if method is not None:
                data[start + method_at : start + method_at + 2] = method.to_bytes(2, "little")
            if flags is not None:
                data[start + flags_at : start + flags_at + 2] = flags.to_bytes(2, "little")
            start = data.find(signature, start + 4)
    upload = io.BytesIO(bytes(data))
    upload.name = "agency.zip"
    return upload


def po_text(count, msgstr="ES"):
    header = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    return header + "".join(
        f'msgctxt "body.{n}"\nmsgid "Source sentence {n}."\nmsgstr "{msgstr} {n}."\n\n'
        for n in range(count)
    )


@pytest.fixture
def never_parsed(monkeypatch):
    """Fails the test if a PO file is parsed: the limits must refuse before."""
    from localization import po_files

    def parse(data):
        raise AssertionError("parsed a PO file the limits should have refused")

    monkeypatch.setattr(po_files, "_parse", parse)


def refused_upload(client, upload, message):
    before = StringTranslation.objects.count()
    response = client.post(FILES.format("es"), {"archive": upload})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert StringTranslation.objects.count() == before
    return response


def test_deflate64_and_encrypted_members_are_refused_with_a_reason(users, login, never_parsed):
    editor = login(users["editor"])
    plain = zipped({"page.po": po_text(3)}).getvalue()
    refused_upload(editor, patched(plain, method=9), "page.po is compressed with a method")
    refused_upload(editor, patched(plain, flags=0x1), "page.po is encrypted")


def test_an_archive_too_large_once_decompressed_is_refused_before_parsing(
    users, login, never_parsed, monkeypatch
):
    from localization import po_files

    """The audit's case: 45 PO files of 5 MB, 225 MB once decompressed (repetitive enough
    that the archive is small: its own size is no guard)."""
    editor = login(users["editor"])
    five_mb = (po_text(1) + 'msgid "x"\nmsgstr "y"\n\n' * 300_000)[: 5 * 1024 * 1024]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for number in range(45):
            archive.writestr(f"page-{number}.po", five_mb)
    buffer.seek(0)
    buffer.name = "agency.zip"
    response = refused_upload(editor, buffer, "The PO files add up to more than 20 MB")
    assert "page-0.po is larger than 2 MB." in response.content.decode()
    # Deflated less, such an archive is over the upload limit itself.
    monkeypatch.setattr(po_files, "MAX_ARCHIVE_SIZE", len(buffer.getvalue()) - 1)
    buffer.seek(0)
    refused_upload(editor, buffer, "The archive is larger than")


def test_a_zip_bomb_and_too_many_files_are_refused_before_parsing(
    users, login, never_parsed, monkeypatch
):
    from localization import po_files

    editor = login(users["editor"])
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("bomb.po", "#\n" * 900_000)  # 1.8 MB, deflated a thousand times over
    bomb.seek(0)
    bomb.name = "agency.zip"
    refused_upload(editor, bomb, "bomb.po is compressed too many times over")
    monkeypatch.setattr(po_files, "MAX_FILES", 3)
    many = zipped({f"page-{n}.po": po_text(1) for n in range(4)})
    refused_upload(editor, many, "The archive holds more than 3 files.")
    monkeypatch.setattr(po_files, "MAX_ARCHIVE_SIZE", 100)
    refused_upload(editor, zipped({"page.po": po_text(10)}), "The archive is larger than")


def test_too_many_strings_are_refused_before_parsing(users, login, never_parsed, monkeypatch):
    from localization import po_files

    monkeypatch.setattr(po_files, "MAX_STRINGS", 50)
    editor = login(users["editor"])
    upload = zipped({"a.po": po_text(30), "b.po": po_text(30)})
    refused_upload(editor, upload, "The archive holds more than 50 strings")


@pytest.mark.parametrize("character", ["\x00", "\x0b", "\x1b", "\ufffe"])
def test_a_translation_holding_a_control_character_is_refused(
    users, login, waiting_pages, character
):
    editor = login(users["editor"])
    spanish = {name: fill(po, "ES ") for name, po in export(editor, "es").items()}
    name = next(iter(spanish))
    spanish[name] = spanish[name].replace('msgstr "ES ', f'msgstr "ES{character} ', 1)
    response = refused_upload(editor, zipped(spanish), "holds a control character")
    assert name in response.content.decode()


def test_an_import_failing_halfway_keeps_nothing(users, login, waiting_pages, monkeypatch):
    from django.db import DatabaseError
    from wagtail_localize.models import Translation

    editor = login(users["editor"])
    spanish = {name: fill(po, "ES ") for name, po in export(editor, "es").items()}
    assert len(spanish) >= 2
    real_import = Translation.import_po
    calls = []

    def import_po(self, po, **kwargs):
        calls.append(self.pk)
        if len(calls) == 2:  # the database refuses the second file (as PostgreSQL might)
            raise DatabaseError("refused")
        return real_import(self, po, **kwargs)

    monkeypatch.setattr(Translation, "import_po", import_po)
    refused_upload(editor, zipped(spanish), "nothing was imported")
    assert len(calls) == 2
