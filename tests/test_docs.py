"""What docs/architecture.md names exists: every path, every dotted name of the project's
packages and every management command it mentions (a rename that forgets the docs fails
here)."""

import importlib
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = ["docs/architecture.md"]
PACKAGES = (
    "core", "caching", "graphics", "search", "security", "home", "taxonomy", "themes",
    "cities", "events", "campaigns", "resources", "localization",
)  # fmt: skip
DOTTED = re.compile(rf"^((?:{'|'.join(PACKAGES)})(?:\.\w+)+)(?:\(.*\))?$")
COMMAND = re.compile(r"^manage\.py (\w+)")


def mentions(document):
    return sorted(set(re.findall(r"`([^`\n]+)`", (ROOT / document).read_text())))


def is_path(text):
    return "/" in text and not re.search(r"[\s<>*:()=\"]", text) and not text.startswith("/")


def path_exists(text):
    text = text.rstrip("/")
    return any(
        candidate.exists()
        for candidate in (ROOT / text, ROOT / "templates" / text, *ROOT.glob(f"*/{text}"))
    )


def dotted_name_exists(name):
    parts = name.split(".")
    for split in range(len(parts), 0, -1):
        try:
            found = importlib.import_module(".".join(parts[:split]))
        except ModuleNotFoundError:
            continue
        for attribute in parts[split:]:
            if not hasattr(found, attribute):
                return False
            found = getattr(found, attribute)
        return True
    return False


@pytest.mark.parametrize("document", DOCS)
def test_every_path_the_docs_name_exists(document):
    missing = [text for text in mentions(document) if is_path(text) and not path_exists(text)]
    assert missing == []


@pytest.mark.parametrize("document", DOCS)
def test_every_dotted_name_and_command_the_docs_name_exists(document):
    from django.core.management import get_commands

    missing = [
        text
        for text in mentions(document)
        if (match := DOTTED.match(text)) and not dotted_name_exists(match.group(1))
    ]
    commands = get_commands()
    missing += [
        text
        for text in mentions(document)
        if (match := COMMAND.match(text)) and match.group(1) not in commands
    ]
    assert missing == []


def test_the_checks_find_what_is_missing():
    assert not path_exists("core/no_such_module.py")
    assert path_exists("components/picture.html")
    assert dotted_name_exists("core.listing.Listing")
    assert not dotted_name_exists("core.listing.NoSuchListing")
    assert not dotted_name_exists("core.no_such_module.thing")
