"""The base every test starts from, and builders for what a test adds to it.

The database holds the base site (`build_base_site`), built once per run. A test builds
what else it needs with the apps' factories and `translate_everywhere` (wagtail-localize,
as translators do), inside its own rolled-back transaction; a module whose tests share
costly data builds it once with `data_for_module`. Only tests about the demo load it.
"""

import json
import os
import re
import shutil
from collections import Counter
from contextlib import contextmanager
from html import unescape
from pathlib import Path

import pytest
from django.core.cache import cache
from django.db import connections, transaction
from django.test import Client, TestCase
from wagtail.models import Locale, Page, Site

from core.localize import translate
from tests.shared_databases import demo_site as shared_demo_site
from tests.shared_databases import migrated_database, postgres_test_database

LANGUAGES = ["en", "fr", "es", "ar"]


# The base site's home page in each language: (title, slug). Arabic slugs are Latin.
HOME_TRANSLATIONS = {
    "fr": ("Accueil", "accueil"),
    "es": ("Inicio", "inicio"),
    "ar": ("الرئيسية", "home-ar"),
}


def build_base_site():
    """A home page per language (English the source, the others translated through
    wagtail-localize, as translators do), the default site on it, and the translation roles.
    Everything else a test needs it builds itself, with the apps' factories."""
    from home.factories import HomePageFactory
    from localization.roles import setup_roles

    site = Site.objects.get(is_default_site=True)
    # Wagtail's "Welcome" placeholder holds the slug "home".
    site.root_page.delete()
    home = HomePageFactory(parent=Page.get_first_root_node())
    home.save_revision().publish()
    Site.objects.create(
        hostname="testserver", port=80, root_page=home, is_default_site=True, site_name="CISDP"
    )
    for code, (title, slug) in HOME_TRANSLATIONS.items():
        translate(home, code, {"Home": title, "home": slug}, require_all=False)
    setup_roles()


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """With pytest-xdist (`dev.py test` runs on every core), each module runs on one worker,
    so data built once per module is built once (a browser test module starts its worker's
    own server on a copy of the demo site). Modules are handed out in the order that
    pytest_collection_modifyitems gives."""
    from xdist.scheduler import LoadScopeScheduling  # only here when xdist runs

    class ModuleScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid):
            return nodeid.split("::", 1)[0]

    config.option.loadscopereorder = False
    return ModuleScheduling(config, log)


# Seconds each module took in a whole run, for the order below (`python3 dev.py test
# --record-module-seconds` writes them again; a module not in it is estimated).
MODULE_SECONDS = Path(__file__).with_name("module_seconds.json")
# Estimates for a module not measured yet: a browser test costs about ten times a test that
# renders a page in-process.
SECONDS_PER_TEST = 0.6
SECONDS_PER_BROWSER_TEST = 6


def pytest_addoption(parser):
    parser.addoption(
        "--record-module-seconds",
        action="store_true",
        help=f"write the seconds each test module took to {MODULE_SECONDS.name}",
    )


_seconds_by_module = Counter()


def pytest_runtest_logreport(report):
    # On the pytest-xdist controller too: the workers' reports carry their durations.
    _seconds_by_module[report.nodeid.split("::", 1)[0]] += report.duration


def pytest_sessionfinish(session):
    if session.config.getoption("record_module_seconds") and not os.environ.get(
        "PYTEST_XDIST_WORKER"
    ):
        seconds = {path: round(value, 1) for path, value in sorted(_seconds_by_module.items())}
        MODULE_SECONDS.write_text(json.dumps(seconds, indent=1) + "\n")


def pytest_collection_modifyitems(config, items):
    """The order that keeps every core busy: longest first (seconds measured in a whole run,
    `MODULE_SECONDS`), so that the run ends on short modules, with the shared databases in
    mind. The longest browser module goes first: its worker builds the run's migrated
    database, then the demo site (tests/shared_databases.py), while another runs the
    modules that need no database, then the two longest that need only the migrated one; by
    then the demo site is built for the other modules that read it (browser modules,
    tests/test_demo.py)."""
    modules = {}
    for item in items:
        modules.setdefault(item.nodeid.split("::", 1)[0], []).append(item)
    measured = json.loads(MODULE_SECONDS.read_text()) if MODULE_SECONDS.exists() else {}

    def needs_database(item):
        return item.get_closest_marker("django_db") or "django_db_setup" in item.fixturenames

    def reads_demo(path):
        return path.startswith("tests/browser/") or any(
            "demo_site" in item.fixturenames or item.get_closest_marker("reads_demo_site")
            for item in modules[path]
        )

    def seconds(path):
        if path in measured:
            return measured[path]
        per_test = SECONDS_PER_BROWSER_TEST if reads_demo(path) else SECONDS_PER_TEST
        return per_test * len(modules[path])

    longest_first = sorted(modules, key=seconds, reverse=True)
    browser = [path for path in longest_first if path.startswith("tests/browser/")]
    no_database = [
        path
        for path in longest_first
        if not any(needs_database(item) for item in modules[path]) and not reads_demo(path)
    ]
    migrated_only = [
        path for path in longest_first if path not in no_database and not reads_demo(path)
    ][:2]
    first = browser[:1] + no_database + migrated_only
    order = first + [path for path in longest_first if path not in first]
    items[:] = [item for path in order for item in modules[path]]


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory):
    """The run's demo site: a folder with a new site prepared as `dev.py setup` does
    (tests/shared_databases.py); copy it before changing it."""
    return shared_demo_site(tmp_path_factory)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """Each worker's test database starts as a copy of the run's migrated database
    (tests/shared_databases.py) instead of applying every migration again: a copied file on
    SQLite, a database made from a template on PostgreSQL."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    test = database.setdefault("TEST", {})
    if database["ENGINE"] == "django.db.backends.sqlite3":
        worker_copy = tmp_path_factory.mktemp("test-database") / "db.sqlite3"
        shutil.copyfile(migrated_database(tmp_path_factory), worker_copy)
        test["NAME"] = str(worker_copy)
    elif database["ENGINE"] == "django.db.backends.postgresql":
        test.setdefault("NAME", f"test_{database['NAME']}")
        postgres_test_database(tmp_path_factory, database, test["NAME"])


@pytest.fixture(scope="session")
def django_db_keepdb(request, django_db_modify_db_settings):
    """The copied database is used as it is (Django then applies no migration)."""
    from django.conf import settings

    engine = settings.DATABASES["default"]["ENGINE"]
    if engine in ("django.db.backends.sqlite3", "django.db.backends.postgresql"):
        return True
    return request.config.getvalue("reuse_db")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test starts from the base site (build_base_site), built once per run."""
    with django_db_blocker.unblock():
        build_base_site()


@pytest.fixture(autouse=True)
def english_by_default():
    """Requests leave their language active in the thread: start each test in English."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture(autouse=True)
def fresh_caches():
    """Each test's database changes are rolled back under the caches: empty them."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def commit_at_once(monkeypatch):
    """After-commit work (the endorsement's confirmation email) runs at once, as outside a
    transaction: a test's transaction never commits."""
    from django.db import transaction

    monkeypatch.setattr(transaction, "on_commit", lambda func, using=None, robust=False: func())


@pytest.fixture
def client():
    # raise_request_exception=False: a view that fails shows what a visitor would get.
    return Client(raise_request_exception=False)


@pytest.fixture
def home(db):
    from home.models import HomePage

    return HomePage.objects.get(locale__language_code="en")


@pytest.fixture
def locales(db):
    return {locale.language_code: locale for locale in Locale.objects.all()}


def translation_of(page, language_code):
    return page.get_translation(Locale.objects.get(language_code=language_code)).specific


@pytest.fixture
def admin_client(db, client):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_superuser("editor-admin", "a@example.org", "pw")
    client.force_login(user)
    return client


ALTERNATE = re.compile(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">')


def alternates(client, url):
    """{hreflang: URL} of the page at `url`."""
    response = client.get(url)
    assert response.status_code == 200, url
    return dict(ALTERNATE.findall(response.content.decode()))


def switcher(client, url):
    """The HTML of the language switcher of the page at `url`."""
    html = client.get(url).content.decode()
    nav = html[html.index('class="language-switcher"') :]
    nav = nav[: nav.index("</nav>")]
    return nav


def search_url(language):
    """The search page's address in a language (/fr/recherche/, /es/buscar/…)."""
    from django.urls import reverse
    from django.utils import translation

    with translation.override(language):
        return reverse("search")


def live_page_count():
    return Page.objects.live().count()


def one_page_of_each_type():
    """(language, URL path) of one live page per page type per language, in tree order."""
    seen, pages = set(), []
    for page in Page.objects.live().public().filter(depth__gt=1).select_related("locale"):
        key = (page.locale.language_code, page.content_type_id)
        if key not in seen:
            seen.add(key)
            pages.append((page.locale.language_code, page.url))
    return pages


def view_then_renew(client, url):
    """View `url` (building what views share: menu, footer, the library's facet index), then
    renew the page's generation, as a change to its content does: the next view renders the
    page's own parts afresh, which is what query-count tests compare."""
    from caching.invalidation import page_generation, renew_generations

    response = client.get(url)
    page = response.context.get("page") if response.context is not None else None
    if getattr(page, "pk", None):
        renew_generations([page_generation(page.pk)])
    return response


def steady_queries(client, url):
    """The SQL queries of a view of `url` after `view_then_renew`."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    view_then_renew(client, url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    # Counted now: the connection's log of queries is a bounded deque.
    return len(queries), response


@contextmanager
def on_commit_as_in_autocommit(using="default"):
    """Inside an outer atomic block, run on-commit callbacks (wagtail-localize publishes
    translations in them) when the code's own transaction would commit: when its outermost
    atomic block ends, or at once outside any, as they run in autocommit mode."""
    connection = connections[using]
    depth = len(connection.atomic_blocks)
    start = len(connection.run_on_commit)

    def run_pending():
        while len(connection.run_on_commit) > start:
            _savepoints, callback, _robust = connection.run_on_commit.pop(start)
            callback()

    original_exit = transaction.Atomic.__exit__
    original_on_commit = connection.on_commit

    def exit_then_commit(self, exc_type, exc_value, exc_traceback):
        result = original_exit(self, exc_type, exc_value, exc_traceback)
        if exc_type is None and self.using in (None, using):
            if len(connection.atomic_blocks) == depth:
                run_pending()
        return result

    def on_commit(func, robust=False):
        original_on_commit(func, robust)
        if len(connection.atomic_blocks) == depth:
            run_pending()

    transaction.Atomic.__exit__ = exit_then_commit
    connection.on_commit = on_commit
    try:
        yield
    finally:
        transaction.Atomic.__exit__ = original_exit
        del connection.on_commit


@contextmanager
def data_for_module(django_db_blocker, build):
    """Data shared by a module's tests: `build()` runs once, as in autocommit mode, in a
    transaction rolled back after the module's last test. Each test's own transaction
    nests inside it, so tests still cannot see each other's changes."""
    with django_db_blocker.unblock():
        with transaction.atomic():
            with on_commit_as_in_autocommit():
                data = build()
            yield data
            transaction.set_rollback(True)


def page_text(client, url):
    """The page at `url` as a visitor's browser reads it (entities decoded); it must be 200."""
    response = client.get(url)
    assert response.status_code == 200, url
    return unescape(response.content.decode())


def closed_panels(html):
    """The lines of action of an action plan's page, each checked to be a closed `<details>`
    whose summary holds its `<h3>` (a direct child: a heading may not sit in a `<span>`) and
    whose content is in the HTML: [panel's inner HTML]."""
    panels = re.findall(r"<details[^>]*data-panel>(.*?)</details>", html, re.S)
    for panel, opening in zip(panels, re.findall(r"<details[^>]*data-panel>", html), strict=True):
        assert " open" not in opening  # closed until the visitor opens it
        summary = re.search(r"<summary[^>]*>(.*?)</summary>", panel, re.S).group(1)
        assert re.search(r'<h3 class="panel__heading">.+</h3>', summary)
        assert not re.search(r"<span[^>]*>\s*<h3", summary)
        content = panel.split("</summary>", 1)[1]
        assert "<p>" in content  # the body is in the page even while closed
    return panels


def publish(page):
    """Publish `page` through a revision, as an editor does, and read it back."""
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def add_page(parent, factory, **fields):
    """A page built by `factory` (a factory or a page model) under `parent`, published
    through a revision as an editor's would be."""
    if isinstance(factory, type) and issubclass(factory, Page):
        page = parent.add_child(instance=factory(**fields))
    else:
        page = factory(parent=parent, **fields)
    page.save_revision().publish()
    return page


def translate_everywhere(instance, strings=None):
    """`instance` (a page or snippet) translated into every other language through
    wagtail-localize and published. `strings` is {language_code: {source text: translation}};
    text without a translation keeps the source's. Returns {language_code: instance}."""
    strings = strings or {}
    versions = {instance.locale.language_code: instance}
    for code in LANGUAGES:
        if code in versions:
            continue
        # save_target publishes on commit: run it now, inside the test's transaction.
        with TestCase.captureOnCommitCallbacks(execute=True):
            target = translate(instance, code, strings.get(code, {}), require_all=False)
        versions[code] = type(target).objects.get(pk=target.pk)
    return versions


def tagged_strings(page):
    """Translations of a page's title and slug that say their language: "Title (fr)"."""
    return {
        code: {page.title: f"{page.title} ({code})", page.slug: f"{page.slug}-{code}"}
        for code in LANGUAGES
    }


# A standard page's title and slug per language, and those of the privacy page.
ABOUT = {
    "en": ("About the committee", "about"),
    "fr": ("À propos de la Commission", "a-propos"),
    "es": ("Acerca de la Comisión", "acerca-de"),
    "ar": ("عن اللجنة", "about"),
}
PRIVACY = {
    "en": ("Privacy", "privacy"),
    "fr": ("Confidentialité", "confidentialite"),
    "es": ("Privacidad", "privacidad"),
    "ar": ("الخصوصية", "privacy"),
}


def translated_standard_page(parent, names, **fields):
    """A standard page under `parent` in every language, named from `names`
    ({language_code: (title, slug)}, English the source). Returns the English page."""
    from home.factories import StandardPageFactory

    title, slug = names["en"]
    page = add_page(parent, StandardPageFactory, title=title, slug=slug, **fields)
    translate_everywhere(
        page,
        {
            code: {title: translated_title, slug: translated_slug}
            for code, (translated_title, translated_slug) in names.items()
        },
    )
    return page


@pytest.fixture
def about(home):
    """A standard page shown in the menu, in every language: /en/about/, /fr/a-propos/…"""
    return translated_standard_page(home, ABOUT, show_in_menus=True)


@pytest.fixture
def privacy(home):
    """The privacy page in every language: /en/privacy/, /fr/confidentialite/…"""
    return translated_standard_page(home, PRIVACY)


@pytest.fixture
def footer(home, privacy):
    """The footer in every language: a sentence and a link to the privacy page."""
    from core.models import FooterContent

    english = FooterContent.objects.create(
        locale=home.locale,
        text="<p>A committee of local governments.</p>",
        links=[("link", {"label": "", "page": privacy, "url": ""})],
    )
    translate_everywhere(english)
    return english


def build_site_tree(home):
    """One page of each page type under `home`, each translated into every language
    ("Title (fr)", slug "slug-fr"). Returns {model name: English page}."""
    from campaigns.factories import CampaignPageFactory
    from campaigns.models import CampaignIndexPage
    from cities.factories import CityPageFactory
    from cities.models import CityIndexPage
    from events.factories import EventPageFactory
    from events.models import EventIndexPage
    from home.factories import StandardPageFactory
    from resources.factories import ResourcePageFactory
    from resources.models import ResourceLibraryPage
    from themes.factories import (
        ActionPlanPageFactory,
        ProjectPageFactory,
        ThemePageFactory,
        line_of_action,
    )
    from themes.models import ThemeIndexPage

    pages = {}

    def add(parent, factory, **fields):
        page = add_page(parent, factory, **fields)
        translate_everywhere(page, tagged_strings(page))
        pages[type(page).__name__] = page
        return page

    add(home, StandardPageFactory, title="Standard page", slug="standard")
    areas = add(home, ThemeIndexPage, title="Work areas", slug="work-areas")
    area = add(areas, ThemePageFactory, title="Work area", slug="work-area")
    add(area, ActionPlanPageFactory, title="Action plan", slug="plan", lines=[line_of_action(1)])
    add(area, ProjectPageFactory, title="Project", slug="project")
    events = add(home, EventIndexPage, title="Events", slug="events")
    add(events, EventPageFactory, title="Event", slug="event")
    campaigns = add(home, CampaignIndexPage, title="Campaigns", slug="campaigns")
    add(campaigns, CampaignPageFactory, title="Campaign", slug="campaign")
    library = add(home, ResourceLibraryPage, title="Library", slug="library")
    add(library, ResourcePageFactory, title="Resource", slug="resource")
    cities = add(home, CityIndexPage, title="Cities", slug="cities")
    add(cities, CityPageFactory, title="City", slug="city")
    pages["HomePage"] = home
    return pages


@pytest.fixture
def site_tree(home):
    """One page of each page type in every language (build_site_tree)."""
    return build_site_tree(home)


# Shared by the tests of core, caching, security and graphics.
@pytest.fixture
def campaign(home):
    """A campaign open for endorsements, in English."""
    from campaigns.factories import CampaignPageFactory
    from campaigns.models import CampaignIndexPage

    campaigns = add_page(home, CampaignIndexPage, title="Campaigns", slug="campaigns")
    return add_page(campaigns, CampaignPageFactory, title="Welcoming cities", slug="welcoming")


@pytest.fixture
def library(home):
    """The resource library with one report, in English."""
    from resources.factories import ResourcePageFactory
    from resources.models import ResourceLibraryPage

    library = add_page(home, ResourceLibraryPage, title="Library", slug="library")
    add_page(library, ResourcePageFactory, title="A report on housing", slug="housing-report")
    return library


def editor_client(language="en", username=None):
    """A logged-in client of a communications editor (the editors' group, no superuser)
    whose admin speaks `language`."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from wagtail.users.models import UserProfile

    from localization.roles import EDITORS

    user = get_user_model().objects.create_user(
        username or f"editor-{language}", "e@example.org", "pw"
    )
    user.groups.add(Group.objects.get(name=EDITORS))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    client = Client()
    client.force_login(user)
    return client


STAFF_PASSWORD = "a-long-enough-passphrase"  # noqa: S105 - test accounts only


@pytest.fixture
def no_lockouts(db):
    """django-axes keeps failed sign-ins in the database: the test starts and ends with none."""
    from django.core.management import call_command

    call_command("axes_reset", verbosity=0)
    yield
    call_command("axes_reset", verbosity=0)


@pytest.fixture
def staff(db):
    """A staff member ("editor", STAFF_PASSWORD) who may do everything in the admin."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_superuser("editor", "e@example.org", STAFF_PASSWORD)


@pytest.fixture
def page_cache(settings):
    """The page cache switched on, empty at the start and the end."""
    settings.PAGE_CACHE_SECONDS = 600
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="module")
def site_tree_for_module(django_db_setup, django_db_blocker):
    """One page of each type in every language (build_site_tree), built once per module;
    each test's changes are rolled back."""
    from home.models import HomePage

    def build():
        return build_site_tree(HomePage.objects.get(locale__language_code="en"))

    with data_for_module(django_db_blocker, build) as pages:
        yield pages


@pytest.fixture
def shared_site_tree(db, site_tree_for_module):
    """The module's site tree (`site_tree_for_module`), read afresh for each test, whose
    changes are rolled back: for modules whose tests only change pages, not add them."""
    return {name: type(page).objects.get(pk=page.pk) for name, page in site_tree_for_module.items()}
