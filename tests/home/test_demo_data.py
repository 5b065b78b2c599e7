"""The demo's data files and PO catalogs (no database): what the loaders read is sound."""

from pathlib import Path

import polib
from django.apps import apps

from core.demo import read_data
from core.localize import translation_finder


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
    paths = list(root.glob("*/demo/*.toml"))
    assert paths
    for path in paths:
        data = read_data(path)
        for entry in data.get("pages", []) + data.get("snippets", []):
            model = apps.get_model(entry["type"])
            for name in entry.keys() - {"type", "parent", "locale", "file_languages"}:
                model._meta.get_field(name)  # raises FieldDoesNotExist on a typo
