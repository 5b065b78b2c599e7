"""Demo events (events/demo/pages.toml): past and upcoming peer-learning events and policy
debates built on the action plan's questions, marked as sample data, in four languages
through wagtail-localize.

Dates are set relative to the day the demo is loaded, so the site always has both upcoming
and past events; once created, an event is left as it is.
"""

from pathlib import Path

from core.demo import ensure_pages, read_catalogs, read_data

DEMO = Path(__file__).parent / "demo"


def load():
    created = []
    ensure_pages(read_data(DEMO / "pages.toml")["pages"], read_catalogs(DEMO / "locale"), created)
    return len(created)


DEMO_LOADERS = {"content": load}
