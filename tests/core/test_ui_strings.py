"""UI strings: complete for fr, es and ar, and compiled (a fresh clone serves them as is)."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings

LOCALE_DIR = Path(settings.BASE_DIR) / "locale"


@pytest.mark.parametrize("language", ["fr", "es", "ar"])
def test_catalog_is_complete(language):
    po = polib.pofile(str(LOCALE_DIR / language / "LC_MESSAGES" / "django.po"))
    assert len(po) > 50
    assert po.untranslated_entries() == []
    assert po.fuzzy_entries() == []


@pytest.mark.parametrize("language", ["fr", "es", "ar"])
def test_compiled_catalog_matches_its_source(language):
    folder = LOCALE_DIR / language / "LC_MESSAGES"
    po = {
        (e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural
        for e in polib.pofile(str(folder / "django.po"))
        if not e.obsolete
    }
    mo = {
        (e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural
        for e in polib.mofile(str(folder / "django.mo"))
        if e.msgid
    }
    assert mo == po, "run `make messages` and commit locale/*/LC_MESSAGES/django.mo"


def test_catalogs_hold_every_string_marked_in_the_code(tmp_path):
    """makemessages on a copy of the project finds no string the catalogs lack or no longer use."""
    if not shutil.which("xgettext"):
        message = "GNU gettext (xgettext) is needed to extract strings: apt-get install gettext"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    root = Path(settings.BASE_DIR)
    copy = tmp_path / "project"
    shutil.copytree(
        root,
        copy,
        ignore=shutil.ignore_patterns(
            ".venv", ".git", "tests", "media", "static_collected", "*.sqlite3", "__pycache__"
        ),
    )
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "-l",
            "fr",
            "--no-obsolete",
            "--ignore=dev.py",
        ],
        cwd=copy,
        check=True,
        capture_output=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "settings.dev"},
    )

    def msgids(path):
        return {(e.msgctxt, e.msgid) for e in polib.pofile(str(path)) if not e.obsolete}

    extracted = msgids(copy / "locale" / "fr" / "LC_MESSAGES" / "django.po")
    committed = msgids(LOCALE_DIR / "fr" / "LC_MESSAGES" / "django.po")
    assert extracted - committed == set(), "new strings: run `make messages` and translate them"
    assert committed - extracted == set(), "strings no longer used: run `make messages`"


# French typography: what the interface and the demo's French say is set as a French
# publisher sets it. Tags and placeholders are left out (their quotes are HTML's).
MARKUP = re.compile(r"<[^>]*>|%\([^)]*\)[sd]|\{[^}]*\}")
FRENCH_RULES = {
    "a typographic apostrophe (’), not '": re.compile(r"\w'\w"),
    "a narrow no-break space before ; ! ?": re.compile(r"(^|[^\u202f\u00a0])[;!?](\s|$)"),
    "a no-break space before a colon": re.compile(r"[^\u202f\u00a0\d/]:(\s|$)"),
    "« » with no-break spaces, not straight quotes": re.compile(
        r'"|«[^\u202f\u00a0]|[^\u202f\u00a0]»'
    ),
}


def french_catalogs():
    root = Path(settings.BASE_DIR)
    return [LOCALE_DIR / "fr" / "LC_MESSAGES" / "django.po", *root.glob("*/demo/locale/fr.po")]


def test_french_strings_follow_french_typography():
    broken = {}
    for path in french_catalogs():
        for entry in polib.pofile(str(path)):
            for text in [entry.msgstr, *entry.msgstr_plural.values()]:
                prose = MARKUP.sub("", text)
                for rule, pattern in FRENCH_RULES.items():
                    if pattern.search(prose):
                        broken.setdefault(rule, []).append(text)
    assert broken == {}
