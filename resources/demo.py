"""Demo library (resources/demo/pages.toml): a dozen sample resources drawn from the action
plan's world (MC2CM outputs, advocacy on the Global Compact, briefs on the debate
questions), with small generated PDF files in various language combinations, in four
languages through wagtail-localize."""

from pathlib import Path

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from core.demo import build, ensure_pages, read_catalogs, read_data
from resources.models import ResourceFile
from resources.pdf import simple_pdf

DEMO = Path(__file__).parent / "demo"


def _document(title, language):
    model = get_document_model()
    document = model(title=f"{title} ({language.upper()})")
    content = simple_pdf([title, f"Language: {language}", "Sample file of the demo site."])
    document.file.save(f"{title[:40]}-{language}.pdf", ContentFile(content), save=False)
    document._set_document_file_metadata()  # size and hash, as an upload through the admin sets
    document.save()
    return document


def _build_with_files(model, fields, locale):
    """A page; a resource with one generated sample file per language of `file_languages`."""
    fields = dict(fields)
    languages = fields.pop("file_languages", [])
    page = build(model, fields, locale)
    if languages:
        page.files = [
            ResourceFile(document=_document(page.title, code), language=code) for code in languages
        ]
    return page


def load():
    created = []
    ensure_pages(
        read_data(DEMO / "pages.toml")["pages"],
        read_catalogs(DEMO / "locale"),
        created,
        build_page=_build_with_files,
    )
    return len(created)


DEMO_LOADERS = {"content": load}
