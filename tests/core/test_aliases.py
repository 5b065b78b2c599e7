"""An alias (a page's live copy in another language's tree, its text untranslated, as
wagtail-localize makes for the untranslated parents of a translated page) is not served
as that language's page: visiting it leads to the page it copies, in its own language, and
it is in no menu, listing, card or search of that language."""

import pytest
from wagtail.models import Locale

from events.factories import EventIndexPageFactory, EventPageFactory
from home.factories import StandardPageFactory
from home.models import HomePage
from taxonomy.factories import translate_now
from tests.conftest import add_page, search_url, translate_everywhere

pytestmark = pytest.mark.django_db


@pytest.fixture
def spanish():
    return Locale.objects.get(language_code="es")


@pytest.fixture
def about(home, spanish):
    """About (in the menu), untranslated, and its child Team, translated into Spanish:
    the Spanish tree holds an alias of About, as wagtail-localize leaves it."""
    about = add_page(home, StandardPageFactory, title="About us", slug="about", show_in_menus=True)
    team = add_page(about, StandardPageFactory, title="Our team", slug="team")
    translated_team = translate_now(team, "es", {"Our team": "Nuestro equipo", "team": "equipo"})
    alias = translated_team.get_parent()
    assert alias.live and alias.alias_of_id == about.pk
    assert alias.get_parent().pk == HomePage.objects.get(locale=spanish).pk
    return {"en": about, "alias": alias, "team": translated_team}


def test_visiting_an_alias_leads_to_the_page_it_copies(client, about):
    response = client.get("/es/about/")
    assert response.status_code == 302
    assert response["Location"] == "/en/about/"
    # Its translated children are the Spanish site's pages, reached through it.
    team = client.get(about["team"].url)
    assert team.status_code == 200
    assert "Nuestro equipo" in team.content.decode()


def test_an_alias_is_in_no_menu_or_search_of_its_tree(client, about):
    spanish_home = client.get("/es/").content.decode()
    assert 'href="/es/about/"' not in spanish_home
    english_home = client.get("/en/").content.decode()
    assert 'href="/en/about/"' in english_home  # the menu shows the real page
    found = client.get(search_url("es"), {"q": "About us"}).content.decode()
    assert "/es/about/" not in found
    assert "/en/about/" in client.get("/en/search/", {"q": "About us"}).content.decode()


def test_an_aliased_event_is_not_listed_in_the_translated_events_index(client, home, spanish):
    index = add_page(home, EventIndexPageFactory)
    spanish_index = translate_everywhere(index, {"es": {"Events": "Eventos", "events": "eventos"}})
    event = add_page(index, EventPageFactory, title="Budget assembly", slug="budget-assembly")
    real = add_page(index, EventPageFactory, title="Housing forum", slug="housing-forum")
    translate_now(real, "es", {"Housing forum": "Foro de vivienda"})
    event.create_alias(parent=spanish_index["es"], update_locale=spanish)
    listing = client.get("/es/eventos/").content.decode()
    assert "Foro de vivienda" in listing
    assert "Budget assembly" not in listing
