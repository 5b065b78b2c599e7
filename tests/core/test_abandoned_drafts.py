"""A new page left behind as a draft (autosaved, never published) does not leave the next
editor facing a bare "slug already in use": the error names the draft and links to continue
it or delete it, in the editor's admin language (core.snippet_locale.PageForm)."""

import re
from html import unescape

import pytest
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, streamfield

from home.factories import StandardPageFactory
from tests.conftest import editor_client, publish

pytestmark = pytest.mark.django_db


def create_standard_page(client, parent, slug):
    data = {
        "title": "About the committee",
        "slug": slug,
        "introduction": "Who we are.",
        "body": streamfield([]),
        "listing_summary": "",
        "action-publish": "publish",
    }
    return client.post(f"/admin/pages/add/home/standardpage/{parent.pk}/", nested_form_data(data))


@pytest.fixture
def abandoned_draft(home):
    draft = StandardPageFactory(parent=home, title="Untitled draft", slug="about", live=False)
    draft.save_revision()
    return draft


def test_a_slug_held_by_an_abandoned_draft_links_to_continue_or_delete_it(home, abandoned_draft):
    pages_before = Page.objects.count()

    response = create_standard_page(editor_client(), home, "about")

    assert response.status_code == 200
    html = unescape(response.content.decode())
    assert "“Untitled draft”, a draft never published" in html
    links = dict((text, href) for href, text in re.findall(r'<a href="([^"]+)">([^<]+)</a>', html))
    assert links["Continue that draft"] == f"/admin/pages/{abandoned_draft.pk}/edit/"
    assert links["delete it"] == f"/admin/pages/{abandoned_draft.pk}/delete/"
    assert Page.objects.count() == pages_before


def test_the_message_is_in_the_editors_language(home, abandoned_draft):
    response = create_standard_page(editor_client("fr"), home, "about")

    assert "brouillon jamais publié" in unescape(response.content.decode())


def test_a_published_page_keeps_wagtails_message(home):
    publish(StandardPageFactory(parent=home, title="About", slug="about"))

    html = unescape(create_standard_page(editor_client(), home, "about").content.decode())

    assert "The slug 'about' is already in use within the parent page." in html
    assert "Continue that draft" not in html
