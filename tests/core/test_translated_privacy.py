"""A page made private is private in every language: its translations follow its privacy."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from wagtail.models import PageViewRestriction

from home.factories import StandardPageFactory
from tests.conftest import LANGUAGES, add_page, translate_everywhere, translation_of

pytestmark = pytest.mark.django_db

NAMES = {
    "en": ("Board minutes", "board-minutes"),
    "fr": ("Procès-verbal du bureau", "proces-verbal"),
    "es": ("Acta de la mesa", "acta-mesa"),
    "ar": ("محضر المكتب", "mahdar"),
}


@pytest.fixture
def visitor():
    """An anonymous visitor (the `client` fixture is the one `admin_client` signs in)."""
    return Client()


@pytest.fixture
def minutes(home):
    page = add_page(home, StandardPageFactory, title="Board minutes", slug="board-minutes")
    translate_everywhere(
        page, {code: {NAMES["en"][0]: t, NAMES["en"][1]: s} for code, (t, s) in NAMES.items()}
    )
    return page


def versions(page):
    return {code: translation_of(page, code) for code in LANGUAGES}


def set_privacy(admin_client, page, **data):
    response = admin_client.post(f"/admin/pages/{page.pk}/privacy/", data)
    assert response.status_code == 200 and b"set_privacy_done" in response.content


def test_privacy_set_in_the_admin_holds_in_every_language(admin_client, visitor, minutes):
    pages = versions(minutes)
    for page in pages.values():
        assert visitor.get(page.url).status_code == 200
    set_privacy(admin_client, minutes, restriction_type="login")
    for code, page in pages.items():
        response = visitor.get(page.url)
        assert response.status_code == 302 and "/_util/login/" in response["Location"], code
    # Back to public from any language version: every version is public again.
    set_privacy(admin_client, pages["fr"], restriction_type="none")
    assert not PageViewRestriction.objects.exists()
    for page in pages.values():
        assert visitor.get(page.url).status_code == 200


def test_a_password_and_its_changes_hold_in_every_language(admin_client, visitor, minutes):
    pages = versions(minutes)
    set_privacy(admin_client, minutes, restriction_type="password", password="cities-2030")
    for page in pages.values():
        html = visitor.get(page.url).content.decode()
        assert "/_util/authenticate_with_password/" in html and NAMES["fr"][0] not in html
    set_privacy(admin_client, minutes, restriction_type="password", password="cities-2031")
    arabic = PageViewRestriction.objects.get(page=pages["ar"])
    assert arabic.password == "cities-2031"
    url = f"/ar/_util/authenticate_with_password/{arabic.pk}/{pages['ar'].pk}/"
    opened = visitor.post(url, {"password": "cities-2031", "return_url": pages["ar"].url})
    assert opened.status_code == 302
    assert NAMES["ar"][0] in visitor.get(pages["ar"].url).content.decode()


def test_groups_follow_to_every_language(admin_client, minutes):
    board = Group.objects.create(name="Board")
    set_privacy(admin_client, minutes, restriction_type="groups", groups=[board.pk])
    for page in versions(minutes).values():
        restriction = PageViewRestriction.objects.get(page=page)
        assert restriction.restriction_type == "groups"
        assert list(restriction.groups.all()) == [board]


def test_a_new_translation_of_a_private_page_starts_private(visitor, home):
    page = add_page(home, StandardPageFactory, title="Board minutes", slug="board-minutes")
    PageViewRestriction.objects.create(page=page, restriction_type="login")
    translate_everywhere(page, {"fr": {"board-minutes": "proces-verbal"}})
    french = translation_of(page, "fr")
    assert PageViewRestriction.objects.get(page=french).restriction_type == "login"
    assert visitor.get(french.url).status_code == 302


def test_deleting_a_language_version_leaves_the_others_private(admin_client, visitor, minutes):
    pages = versions(minutes)
    set_privacy(admin_client, minutes, restriction_type="login")
    pages["es"].delete()
    for code in ("en", "fr", "ar"):
        assert visitor.get(pages[code].url).status_code == 302, code


def test_pages_made_private_before_share_their_privacy_after_the_migration(
    visitor, minutes, monkeypatch
):
    import importlib

    from django.apps import apps

    from core import translated_privacy

    # A migration's models send no signal to the site's receivers: neither here.
    monkeypatch.setattr(translated_privacy, "_busy", lambda: True)

    migration = importlib.import_module("core.migrations.0008_privacy_of_every_language_version")
    pages = versions(minutes)
    # As stored before: English restricted alone (bulk_create sends no signal), and the
    # Arabic version with a password of its own.
    PageViewRestriction.objects.bulk_create(
        [
            PageViewRestriction(page=minutes, restriction_type="login"),
            PageViewRestriction(page=pages["ar"], restriction_type="password", password="x-2030"),
        ]
    )
    assert visitor.get(pages["fr"].url).status_code == 200
    migration.share_privacy(apps, None)
    for code in ("en", "fr", "es"):
        assert visitor.get(pages[code].url).status_code == 302, code
    assert PageViewRestriction.objects.get(page=pages["ar"]).password == "x-2030"
