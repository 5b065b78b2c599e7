"""Demo content of the themes app: the migration work area and MC2CM
(themes/demo/pages.toml, choosing the taxonomy app's themes and partners), and the
committee's action plan on migration, published from its French source text word for word
(themes/demo/action-plan.toml, themes/content/)."""

from pathlib import Path

from core.demo import build, ensure_pages, read_catalogs, read_data

DEMO = Path(__file__).parent / "demo"
SOURCE_TEXT = Path(__file__).parent / "content" / "migration-action-plan.fr.txt"


def source_lines():
    """The French source text, one entry per line, as the content README maps them."""
    return SOURCE_TEXT.read_text(encoding="utf-8").strip().split("\n")


def action_plan_catalogs():
    """{language code: PO file} of the action plan's translations from French."""
    return read_catalogs(DEMO / "locale" / "action-plan")


def action_plan_translations(language_code):
    """{French source string: translation} of the action plan into `language_code`."""
    return {entry.msgid: entry.msgstr for entry in action_plan_catalogs()[language_code]}


def with_source_text(value, lines):
    """`value` with each {source_line = N} replaced by line N of the source text."""
    if isinstance(value, dict):
        if "source_line" in value:
            return lines[value["source_line"] - 1].removeprefix("- ")
        return {key: with_source_text(item, lines) for key, item in value.items()}
    if isinstance(value, list):
        return [with_source_text(item, lines) for item in value]
    return value


def _build_from_source_text(model, fields, locale):
    return build(model, with_source_text(fields, source_lines()), locale)


def load():
    data = read_data(DEMO / "pages.toml")
    catalogs = read_catalogs(DEMO / "locale")
    created = []
    ensure_pages(data["pages"], catalogs, created)
    ensure_pages(
        read_data(DEMO / "action-plan.toml")["pages"],
        action_plan_catalogs(),
        created,
        build_page=_build_from_source_text,
    )
    return len(created)


DEMO_LOADERS = {"content": load}
