"""Demo content of the taxonomy app: themes, global agenda references and partners
(taxonomy/demo/pages.toml), translated from taxonomy/demo/locale/<language>.po; the other
apps' demo pages choose them by slug."""

from pathlib import Path

from core.demo import ensure_snippets, read_catalogs, read_data

DEMO = Path(__file__).parent / "demo"


def load():
    created = []
    data = read_data(DEMO / "pages.toml")
    ensure_snippets(data["snippets"], read_catalogs(DEMO / "locale"), created)
    return len(created)


DEMO_LOADERS = {"content": load}
