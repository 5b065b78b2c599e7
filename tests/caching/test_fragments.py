"""Footer and main menu: built once per language and kept until content changes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from home.models import StandardPage

pytestmark = pytest.mark.django_db


def test_footer_and_menu_cost_no_queries_once_built_and_follow_every_change(
    client, home, about, footer
):
    with CaptureQueriesContext(connection) as first:
        client.get("/en/about/")
    with CaptureQueriesContext(connection) as again:
        html = client.get("/en/about/").content.decode()
    assert not [q for q in again if "core_footercontent" in q["sql"]]
    assert len(again) < len(first)
    # The menu marks the current section for each page, though the menu itself is shared.
    assert 'href="/en/about/" aria-current="page"' in html
    assert 'href="/en/about/" aria-current' not in client.get("/en/").content.decode()

    footer.text = "<p>Footer text revised this morning.</p>"
    footer.save()
    assert "Footer text revised this morning." in client.get("/en/about/").content.decode()
    # The French footer is its own fragment: unchanged.
    assert "Footer text revised this morning." not in client.get("/fr/").content.decode()

    page = home.add_child(
        instance=StandardPage(title="Newsroom for the press", slug="newsroom", live=False)
    )
    page.show_in_menus = True
    page.save_revision().publish()
    nav = client.get("/en/about/").content.decode()
    nav = nav[nav.index("<nav") :]
    assert "Newsroom for the press" in nav
    page.refresh_from_db()
    page.unpublish()
    nav = client.get("/en/about/").content.decode()
    assert "Newsroom for the press" not in nav[nav.index("<nav") :]


def test_language_links_alternates_and_breadcrumbs_follow_a_new_translation(client, home):
    from wagtail.models import Locale

    page = home.add_child(
        instance=StandardPage(title="Peer learning visits", slug="peer-visits", live=False)
    )
    page.save_revision().publish()
    html = client.get("/en/peer-visits/").content.decode()
    assert '<link rel="alternate" hreflang="fr"' not in html
    switcher_fr = html.index('hreflang="fr" class="language-switcher')
    assert "is-untranslated" in html[switcher_fr : switcher_fr + 200]
    client.get("/en/peer-visits/")  # kept once built

    french = page.copy_for_translation(Locale.objects.get(language_code="fr"))
    french.title = "Visites d'apprentissage entre pairs"
    french.save_revision().publish()
    html = client.get("/en/peer-visits/").content.decode()
    assert f'<link rel="alternate" hreflang="fr" href="{french.full_url}">' in html

    home.title = "Home of the committee"
    home.save_revision().publish()
    html = client.get("/en/peer-visits/").content.decode()
    crumbs = html[html.index('class="breadcrumbs"') :]
    assert "Home of the committee" in crumbs[: crumbs.index("</nav>")]
