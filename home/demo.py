"""Demo content of the home app: the home page, About, Legal notice, Privacy and the footer,
from home/demo/pages.toml, translated from home/demo/locale/<language>.po."""

from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from wagtail.models import Locale, Page, Site

from core.demo import (
    build,
    child_by_slug,
    ensure_pages,
    ensure_translations,
    field_value,
    other_languages,
    read_catalogs,
    read_data,
)
from core.localize import translate
from core.models import FooterContent, SitePages
from home.models import HomePage

DEMO = Path(__file__).parent / "demo"


def _ensure_home(fields, site_name, created):
    site = Site.objects.get(is_default_site=True)
    root_page = site.root_page.specific
    if isinstance(root_page, HomePage):
        return root_page
    root = Page.get_first_root_node()
    # Wagtail's "Welcome" placeholder takes the slug "home": remove it once the site moves.
    placeholder = root_page if root_page.depth == 2 and type(root_page) is Page else None
    if placeholder is not None:
        placeholder.delete()
    home = child_by_slug(root, fields["slug"])
    if home is None:
        home = build(HomePage, fields, Locale.get_default())
        root.add_child(instance=home)
        home.save_revision().publish()
        created.append(home)
    # The site's address makes canonical, hreflang and sitemap URLs absolute.
    base_url = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    site.hostname = base_url.hostname or "localhost"
    site.port = base_url.port or (443 if base_url.scheme == "https" else 80)
    site.root_page = home
    site.site_name = site_name
    site.save()
    return home


def load():
    data = read_data(DEMO / "pages.toml")
    catalogs = read_catalogs(DEMO / "locale")
    created = []
    home_fields = dict(data["home"])
    del home_fields["type"]
    # The home page's body chooses pages of every section: load_sections sets it.
    home_fields.pop("body")
    home = _ensure_home(home_fields, data["site"]["site_name"], created)
    # About, Legal notice and the site's privacy page (pages["privacy"]), after the home
    # page's translations.
    pages = ensure_pages(data["pages"], catalogs, created, translate=False)
    # Its children were added through other instances: reload it, or saving it would write
    # back a stale child count.
    home.refresh_from_db()
    SitePages.objects.get_or_create(
        site=home.get_site(), defaults={"privacy_page": pages["privacy"]}
    )
    # The home page first: translating a child before its parent exists in the target
    # language would make wagtail-localize create an alias of the parent instead.
    ensure_translations(home, catalogs, created)
    for page in pages.values():
        ensure_translations(page, catalogs, created)

    footer = FooterContent.objects.filter(locale=home.locale).first()
    if footer is None:
        footer = build(FooterContent, data["footer"], home.locale)
        footer.save()
        created.append(footer)
    ensure_translations(footer, catalogs, created)
    return len(created)


def load_sections():
    """The home page's body: its spotlights, the sections' latest items, key figures and
    featured pages, set once every app's pages exist (it chooses them), then carried into
    the home page's translations through wagtail-localize (their catalogs)."""
    data = read_data(DEMO / "pages.toml")
    home = Site.objects.get(is_default_site=True).root_page.specific
    if not isinstance(home, HomePage) or home.body:
        return 0
    home.body = field_value(HomePage._meta.get_field("body"), data["home"]["body"], home.locale)
    home.save_revision().publish()
    # Its translations follow when it is the demo's home page; a site's own home page (the
    # demo loaded into an existing site) keeps its translations as they are, as every
    # loader leaves existing translations.
    if home.hero_title == data["home"]["hero_title"]:
        catalogs = read_catalogs(DEMO / "locale")
        for code in other_languages(home.locale.language_code):
            translate(home, code, catalogs[code])
    return 1


# The home page first; its sections once every app's pages exist (core.demo).
DEMO_LOADERS = {"content": load, "sections": load_sections}
