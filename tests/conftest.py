import pytest
from django.core.management import call_command
from django.test import Client
from wagtail.models import Locale, Page

LANGUAGES = ["en", "fr", "es", "ar"]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test starts from the demo content, loaded once through wagtail-localize."""
    with django_db_blocker.unblock():
        call_command("load_demo_content", verbosity=0)


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
