import pytest
from django.test import Client
from wagtail.models import Locale, Page, Site

from core.localize import translate

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

    from resources.facet_index import forget_local_indexes

    cache.clear()
    forget_local_indexes()
    yield
    cache.clear()
    forget_local_indexes()


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


def steady_queries(client, url):
    """The SQL queries of a view of `url` once what views share after a change (menu, footer,
    the library's facet index) is built: a first view builds it, the second is counted."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    # Counted now: the connection's log of queries is a bounded deque.
    return len(queries), response
