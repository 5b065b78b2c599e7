"""The demo content: made through wagtail-localize, and safe to load again."""

from pathlib import Path

import polib
import pytest
from django.apps import apps
from django.core.management import call_command
from wagtail.models import Page, PageLogEntry, Revision
from wagtail_localize.models import Translation

from core.demo import read_data
from core.localize import translation_finder
from core.models import FooterContent
from home.models import StandardPage

pytestmark = pytest.mark.django_db


def snapshot():
    return (
        Page.objects.count(),
        Revision.objects.count(),
        Translation.objects.count(),
        FooterContent.objects.count(),
        PageLogEntry.objects.count(),
    )


def test_loading_the_demo_content_again_changes_nothing():
    before = snapshot()
    call_command("load_demo_content", verbosity=0)
    assert snapshot() == before


def test_translations_come_from_wagtail_localize(home):
    about = StandardPage.objects.get(locale__language_code="en", slug="about")
    for language in ("fr", "es", "ar"):
        assert Translation.objects.filter(
            source__object_id=about.translation_key,
            target_locale__language_code=language,
        ).exists()
        translated = about.get_translation(
            Translation.objects.filter(target_locale__language_code=language).first().target_locale
        )
        assert translated.live and translated.alias_of_id is None
    assert FooterContent.objects.count() == 4


def test_arabic_pages_have_latin_slugs():
    for page in Page.objects.filter(locale__language_code="ar", depth__gt=2):
        assert page.slug.isascii(), page.slug
        assert page.url.isascii()


def test_a_po_entry_with_a_context_applies_only_under_that_field():
    po = polib.POFile()
    po.append(polib.POEntry(msgid="about", msgstr="a-propos", msgctxt="slug"))
    po.append(polib.POEntry(msgid="About", msgstr="À propos"))
    po.append(polib.POEntry(msgid="Note", msgstr="Remarque", msgctxt="body"))
    find = translation_finder(po)
    assert find("slug", "about") == "a-propos"
    assert find("title", "about") is None
    assert find("title", "About") == "À propos"
    assert find("body.4f1c.heading", "Note") == "Remarque"
    assert find("bodytext", "Note") is None


def test_demo_data_names_existing_models_and_fields():
    root = Path(__file__).resolve().parents[2]
    for path in root.glob("*/demo/*.toml"):
        data = read_data(path)
        for entry in data.get("pages", []) + data.get("snippets", []):
            model = apps.get_model(entry["type"])
            for name in entry.keys() - {"type", "parent", "locale", "file_languages"}:
                model._meta.get_field(name)  # raises FieldDoesNotExist on a typo
