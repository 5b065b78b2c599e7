""" "Did you mean …?": its vocabulary holds the words of the live public pages of each
language only, `update_index` forgets the rest, and Arabic words are proposed bare."""

import pytest
from django.core.management import call_command
from wagtail.models import Locale, PageViewRestriction

from home.models import StandardPage
from search.models import SearchWord
from tests.conftest import add_page, search_url, translation_of

pytestmark = pytest.mark.django_db


def vocabulary():
    return set(SearchWord.objects.values_list("language", "word"))


def test_only_words_of_live_public_pages_of_the_language_are_kept(home):
    draft = home.add_child(instance=StandardPage(title="Zanzibarian plans", slug="d", live=False))
    draft.save_revision()  # a new page never published
    private = add_page(home, StandardPage, title="Quixotically private", slug="private")
    english = add_page(home, StandardPage, title="Marmalade cities", slug="marmalade")
    # Waiting for its translator: a French copy holding the English text, not live.
    english.copy_for_translation(Locale.objects.get(language_code="fr"))
    words = vocabulary()
    assert ("en", "marmalade") in words and ("en", "quixotically") in words

    # Made private after it was published: forgotten at the next update_index.
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    call_command("update_index", verbosity=0)
    words = vocabulary()
    assert ("en", "marmalade") in words
    assert not {word for _, word in words} & {"zanzibarian", "quixotically"}
    assert [language for language, word in words if word == "marmalade"] == ["en"]


def test_arabic_words_are_kept_and_proposed_without_article_or_conjunction(client, home):
    arabic_home = translation_of(home, "ar")
    add_page(arabic_home, StandardPage, title="والديمقراطية المحلية", slug="dimuqratiya")
    words = {word for language, word in vocabulary() if language == "ar"}
    assert "ديمقراطية" in words and "والديمقراطية" not in words
    html = client.get(search_url("ar"), {"q": "ديمقراطيا"}).content.decode()
    assert "ديمقراطية</bdi>" in html and "والديمقراطية</bdi>" not in html
