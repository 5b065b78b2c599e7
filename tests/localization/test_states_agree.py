"""The dashboard and the public out-of-date notice read one translation state: a version
whose source was published since it was last published is never *up to date*, and the
notice shows on it exactly then. Both, and the review page of one translation, cost a fixed
number of queries."""

import pytest
from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.text import slugify
from wagtail.models import Locale, Page, Site
from wagtail_localize.models import TranslationSource

from core.localize import translate
from home.models import HomePage, StandardPage
from localization import status, workflow
from tests.localization.conftest import translation_for
from tests.localization.test_dashboard import state_of

pytestmark = pytest.mark.django_db
NOTICE = "notice--translation"
HOST, PORT = "testserver", 8080


class PrefixedStrings(dict):
    """Every source string, translated as itself behind a prefix (slugs stay slugs)."""

    def __init__(self, prefix):
        super().__init__()
        self.prefix = prefix

    def __contains__(self, text):
        return True

    def __getitem__(self, text):
        return self.prefix + text


SPANISH = PrefixedStrings("es-")


@pytest.fixture
def spanish():
    return Locale.objects.get(language_code="es")


@pytest.fixture
def publish_on_commit(django_capture_on_commit_callbacks):
    """wagtail-localize publishes a translation once the transaction commits."""

    def run(action, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return action(*args, **kwargs)

    return run


@pytest.fixture
def english_home(publish_on_commit):
    """The English home page of a site of its own, translated into Spanish."""
    home = Page.get_first_root_node().add_child(
        instance=HomePage(
            title="States home",
            slug="states-home",
            hero_title="Welcome",
            locale=Locale.objects.get(language_code="en"),
        )
    )
    home.save_revision().publish()
    Site.objects.create(hostname=HOST, port=PORT, root_page=home)
    publish_on_commit(translate, home, "es", SPANISH)
    return home


@pytest.fixture
def translated_page(english_home, publish_on_commit):
    """Makes an English page under the test home, published and translated into Spanish."""

    def make(title):
        page = english_home.add_child(
            instance=StandardPage(
                title=title, slug=slugify(title), introduction="Buses run all night."
            )
        )
        page.save_revision().publish()
        publish_on_commit(translate, page, "es", SPANISH)
        return page

    return make


def republish(page, **changes):
    page.refresh_from_db()
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()


def render_notice(page):
    request = RequestFactory().get("/", HTTP_HOST=f"{HOST}:{PORT}")
    template = Template("{% load translation_tags %}{% out_of_date_notice page %}")
    return template.render(Context({"request": request, "page": page}))


def side_by_side(client, page, locale):
    """(dashboard state, percent, whether the notice shows) of the page's version in `locale`."""
    state, percent = state_of(client, page.title, locale.language_code)
    return state, percent, NOTICE in render_notice(page.get_translation(locale))


def test_a_synchronised_field_change_is_not_up_to_date_until_published(
    admin_client, translated_page, spanish, publish_on_commit
):
    page = translated_page("Night buses")
    assert side_by_side(admin_client, page, spanish) == ("up_to_date", "100", False)

    shown_in_menus = not page.show_in_menus
    republish(page, show_in_menus=shown_in_menus)
    assert side_by_side(admin_client, page, spanish) == ("out_of_date", "100", True)

    workflow.sync(TranslationSource.objects.get_for_instance(page), user=None)
    # No string changed, so nothing is left to translate: ready for its reviewer to publish;
    # the public Spanish page has the old value until then.
    assert side_by_side(admin_client, page, spanish) == ("ready", "100", True)

    publish_on_commit(workflow.publish, translation_for(page, "es"), user=None)
    assert side_by_side(admin_client, page, spanish) == ("up_to_date", "100", False)
    assert page.get_translation(spanish).show_in_menus == shown_in_menus


def test_a_text_change_is_behind_until_the_translation_is_published(
    admin_client, translated_page, spanish, publish_on_commit
):
    page = translated_page("Water rights")
    republish(page, introduction="Water is a right, in every city.")
    assert side_by_side(admin_client, page, spanish) == ("out_of_date", "100", True)

    workflow.sync(TranslationSource.objects.get_for_instance(page), user=None)
    state, percent, shown = side_by_side(admin_client, page, spanish)
    assert (state, shown) == ("in_progress", True) and int(percent) < 100

    publish_on_commit(translate, page, "es", SPANISH, publish=False)  # saved as a draft
    translation = translation_for(page, "es")
    workflow.mark_ready(translation, user=None)
    assert side_by_side(admin_client, page, spanish) == ("ready", "100", True)

    publish_on_commit(workflow.publish, translation, user=None)
    assert side_by_side(admin_client, page, spanish) == ("up_to_date", "100", False)


def test_a_version_translated_by_hand_is_behind_once_its_source_is_republished(
    admin_client, english_home, spanish
):
    page = english_home.add_child(instance=StandardPage(title="Street lights", slug="lights"))
    page.save_revision().publish()
    by_hand = page.copy_for_translation(spanish)  # outside wagtail-localize
    by_hand.save_revision().publish()
    assert side_by_side(admin_client, page, spanish) == ("up_to_date", "", False)

    republish(page, introduction="Lit streets are safer streets.")
    assert side_by_side(admin_client, page, spanish) == ("out_of_date", "", True)


def steady_count(action):
    """Queries of `action` once what a first call caches (the site's root paths) is built."""
    action()
    with CaptureQueriesContext(connection) as queries:
        action()
    return len(queries)


def test_the_notice_costs_the_same_queries_whatever_the_number_of_translations(
    translated_page, spanish, django_assert_num_queries
):
    page = translated_page("Night buses")
    republish(page, introduction="Buses run all night, every night.")
    spanish_page = page.get_translation(spanish)
    assert NOTICE in render_notice(spanish_page)
    expected = steady_count(lambda: render_notice(spanish_page))

    for index in range(5):
        republish(translated_page(f"Other page {index}"), introduction="Changed.")
    with django_assert_num_queries(expected):
        assert NOTICE in render_notice(spanish_page)


def test_the_review_page_computes_its_own_translation_only(
    admin_client, translated_page, monkeypatch, django_assert_num_queries
):
    built = []

    class CountedRow(status.Row):
        def __init__(self, *args, **kwargs):
            built.append(args)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(status, "Row", CountedRow)
    translation = translation_for(translated_page("Night buses"), "es")
    url = reverse("localization:translation", args=[translation.pk])

    def review_page():
        response = admin_client.get(url)
        assert response.status_code == 200
        assert '<strong id="l10n-state">Up to date</strong>' in response.content.decode()

    expected = steady_count(review_page)
    assert len(built) == 2  # one row per view
    for index in range(5):
        translated_page(f"Other page {index}")
    with django_assert_num_queries(expected):
        review_page()
