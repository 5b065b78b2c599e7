"""After publishing a page that has translations, the editor is told which languages now lag
behind it and which have none yet, each with the one step that fixes it (Sync translations,
Submit for translation) — in the admin's language; a reviewer publishing a translation is
not."""

import re
from html import unescape

import pytest
from django.test import TestCase
from wagtail.test.utils.form_data import nested_form_data, streamfield

from core.localize import translate
from home.factories import StandardPageFactory
from tests.conftest import editor_client, publish

pytestmark = pytest.mark.django_db


def publish_through_admin(client, page, title):
    data = {
        "title": title,
        "slug": page.slug,
        "introduction": "Who we are.",
        "body": streamfield([]),
        "listing_summary": "",
        "action-publish": "publish",
    }
    response = client.post(f"/admin/pages/{page.pk}/edit/", nested_form_data(data), follow=True)
    assert response.status_code == 200
    return unescape(response.content.decode())


def buttons(html):
    return {
        text.strip(): href for href, text in re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', html)
    }


@pytest.fixture
def page_in_english_and_french(home):
    page = publish(StandardPageFactory(parent=home, title="About", slug="about"))
    with TestCase.captureOnCommitCallbacks(execute=True):
        translate(page, "fr", {"About": "À propos"}, require_all=False)
    return page


def test_publishing_the_source_offers_to_sync_and_to_submit(page_in_english_and_french):
    page = page_in_english_and_french

    html = publish_through_admin(editor_client(), page, "About the committee")

    assert "Its French translation still shows the previous text" in html
    assert "Not translated yet into Arabic, Spanish." in html
    found = buttons(html)
    assert re.fullmatch(
        r"/admin/localize/update/\d+/\?next=%2Fadmin%2Fpages%2F\d+%2Fedit%2F",
        found["Sync translations"],
    )
    assert found["Submit for translation"].startswith(
        f"/admin/localize/submit/page/{page.pk}/?next="
    )


def test_the_sync_button_leads_to_a_sync_that_brings_the_new_strings(page_in_english_and_french):
    page = page_in_english_and_french
    client = editor_client()
    html = publish_through_admin(client, page, "About the committee")

    sync_page = client.get(buttons(html)["Sync translations"])
    assert sync_page.status_code == 200
    response = client.post(buttons(html)["Sync translations"], follow=True)

    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == f"/admin/pages/{page.pk}/edit/"
    from wagtail_localize.models import String

    assert String.objects.filter(data="About the committee").exists()


def test_the_prompt_speaks_the_admins_language(page_in_english_and_french):
    html = publish_through_admin(editor_client("fr"), page_in_english_and_french, "About us")

    assert "Synchroniser les traductions" in html


def test_a_page_never_translated_is_only_offered_a_submission(home):
    page = publish(StandardPageFactory(parent=home, title="News", slug="news"))

    html = publish_through_admin(editor_client(), page, "News and views")

    assert "previous text" not in html
    assert "Not translated yet into Arabic, Spanish, French." in html
