"""Home and standard pages: rendered in every language, with translated content and UI."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from caching.cache_purge import flush_everything
from home.models import HomePage, StandardPage
from tests.conftest import ABOUT, LANGUAGES, PRIVACY, translate_everywhere

pytestmark = pytest.mark.django_db

HERO = {
    "en": "Cities for inclusion, participation and human rights",
    "fr": "Des villes pour l'inclusion, la participation et les droits humains",
    "es": "Ciudades por la inclusión, la participación y los derechos humanos",
    "ar": "مدن من أجل الإدماج والمشاركة وحقوق الإنسان",
}
SKIP_LINK = {
    "en": "Skip to main content",
    "fr": "Aller au contenu principal",
    "es": "Saltar al contenido principal",
    "ar": "انتقل إلى المحتوى الرئيسي",
}
SITE_NAME = {
    "en": "Committee on Social Inclusion, Participatory Democracy and Human Rights",
    "fr": "Commission d’inclusion sociale, de démocratie participative et des droits humains",
    "es": "Comisión de Inclusión Social, Democracia Participativa y Derechos Humanos",
    "ar": "لجنة الإدماج الاجتماعي والديمقراطية التشاركية وحقوق الإنسان",
}


def text(response):
    from html import unescape

    return unescape(response.content.decode())


@pytest.fixture
def featured_home(home, about):
    """The home page with its hero translated and a card leading to the About page."""
    home.hero_title = HERO["en"]
    home.body = [("featured_pages", {"heading": "Get to know us", "pages": [about]})]
    home.save_revision().publish()
    translate_everywhere(home, {code: {HERO["en"]: hero} for code, hero in HERO.items()})
    return home


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_page_shows_translated_content_and_interface(client, featured_home, language):
    html = text(client.get(f"/{language}/"))
    assert HERO[language] in html
    assert SKIP_LINK[language] in html
    assert SITE_NAME[language] in html
    # The featured card and the menu lead to the About page in the same language.
    about_title, about_slug = ABOUT[language]
    link = f'href="/{language}/{about_slug}/">{about_title}</a>'
    main = html[html.index("<main") :]
    assert link in main  # the card
    assert link in html[: html.index("<main")]  # the menu


@pytest.mark.parametrize("language", LANGUAGES)
def test_standard_pages_render_in_every_language(client, about, footer, language):
    about_title, about_slug = ABOUT[language]
    response = client.get(f"/{language}/{about_slug}/")
    assert response.status_code == 200
    html = text(response)
    assert f'<h1 class="page-header__title">{about_title}</h1>' in html
    # Breadcrumbs and footer are in the page's language too.
    footer_html = html[html.index('class="site-footer"') :]
    assert PRIVACY[language][0] in footer_html
    assert SITE_NAME[language] in footer_html


def test_page_creation_rules(home, about):
    root = Page.get_first_root_node()
    assert HomePage.can_create_at(root)
    assert not HomePage.can_create_at(home)
    assert not HomePage.can_create_at(about)
    assert StandardPage.can_create_at(home)
    assert StandardPage.can_create_at(about)
    assert not StandardPage.can_create_at(root)


def test_admin_refuses_a_standard_page_under_the_root(admin_client, home):
    root = Page.get_first_root_node()
    # Wagtail answers a forbidden page type by sending the editor back to the dashboard.
    response = admin_client.get(f"/admin/pages/add/home/standardpage/{root.pk}/")
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    response = admin_client.get(f"/admin/pages/add/home/homepage/{home.pk}/")
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    response = admin_client.get(f"/admin/pages/add/home/standardpage/{home.pk}/")
    assert response.status_code == 200
    assert 'name="title"' in response.content.decode()  # the new page's form


def feature(home, count):
    pages = []
    for index in range(count):
        page = StandardPage(
            title=f"Featured {index}",
            slug=f"featured-{count}-{index}",
            listing_summary=f"Summary {index}",
        )
        home.add_child(instance=page)
        page.save_revision().publish()
        pages.append(page)
    home.body = [("featured_pages", {"heading": "Featured", "pages": pages})]
    home.save_revision().publish()


def count_queries(client, url):
    """Queries of a view with nothing kept (menu, footer, the page's parts all rebuilt)."""
    flush_everything()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response


def test_home_page_costs_the_same_queries_with_1_or_20_featured_items(
    client, home, django_assert_num_queries
):
    feature(home, 1)
    with_one, response = count_queries(client, "/en/")
    assert response.content.decode().count('class="card"') == 1

    home.refresh_from_db()
    feature(home, 20)
    flush_everything()
    with django_assert_num_queries(with_one):
        response = client.get("/en/")
    assert response.content.decode().count('class="card"') == 20


def test_cards_name_the_kind_of_page_only_where_it_tells_something(client, home, about):
    """A featured action plan says "Action plan"; the About page and a section's index say
    nothing ("Standard page" or "Events index" mean nothing to a visitor)."""
    from events.models import EventIndexPage
    from tests.conftest import add_page
    from themes.factories import ActionPlanPageFactory, ThemePageFactory
    from themes.models import ThemeIndexPage

    areas = add_page(home, ThemeIndexPage, title="Work areas", slug="work-areas")
    area = add_page(areas, ThemePageFactory, title="Migration", slug="migration")
    plan = add_page(area, ActionPlanPageFactory, title="Migration plan", slug="plan")
    events = add_page(home, EventIndexPage, title="Events", slug="events")
    home.body = [("featured_pages", {"heading": "Featured", "pages": [plan, area, about, events]})]
    home.save_revision().publish()
    main = text(client.get("/en/"))
    main = main[main.index("<main") :]
    kinds = re.findall(r'<p class="card__kind">([^<]+)</p>', main)
    assert kinds == ["Action plan", "Work area"]
