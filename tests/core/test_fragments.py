"""Footer and main menu: built once per language and kept until content changes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.models import FooterContent
from home.models import StandardPage

pytestmark = pytest.mark.django_db


def test_footer_and_menu_cost_no_queries_once_built_and_follow_every_change(client, home):
    with CaptureQueriesContext(connection) as first:
        client.get("/en/about/")
    with CaptureQueriesContext(connection) as again:
        html = client.get("/en/about/").content.decode()
    assert not [q for q in again if "core_footercontent" in q["sql"]]
    assert len(again) < len(first)
    # The menu marks the current section for each page, though the menu itself is shared.
    assert 'href="/en/about/" aria-current="page"' in html
    assert 'href="/en/about/" aria-current' not in client.get("/en/").content.decode()

    footer = FooterContent.objects.get(locale__language_code="en")
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
