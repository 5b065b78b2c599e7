"""The language switcher, hreflang alternates and canonical links."""

import re

import pytest
from wagtail.models import Locale

from home.models import StandardPage
from tests.conftest import LANGUAGES, alternates, switcher, translation_of

pytestmark = pytest.mark.django_db


def test_hreflang_links_are_reciprocal_between_all_four_translations(client, about):
    urls = {code: translation_of(about, code).url for code in LANGUAGES}
    assert urls == {
        "en": "/en/about/",
        "fr": "/fr/a-propos/",
        "es": "/es/acerca-de/",
        "ar": "/ar/about/",
    }
    expected = {code: f"http://testserver{url}" for code, url in urls.items()}
    expected["x-default"] = "http://testserver/en/about/"
    for url in urls.values():
        assert alternates(client, url) == expected


def test_switcher_links_to_each_translation_of_the_current_page(client, about):
    nav = switcher(client, "/fr/a-propos/")
    assert 'href="/en/about/" lang="en" dir="ltr" hreflang="en"' in nav
    assert 'href="/es/acerca-de/" lang="es" dir="ltr" hreflang="es"' in nav
    assert 'href="/ar/about/" lang="ar" dir="rtl" hreflang="ar"' in nav
    assert 'href="/fr/a-propos/" lang="fr" dir="ltr" hreflang="fr" aria-current="true"' in nav
    assert "not translated" not in nav


def test_untranslated_page_switcher_goes_to_that_languages_home_with_a_note(client, home):
    page = StandardPage(title="Only in English", slug="only-in-english", introduction="Hello")
    home.add_child(instance=page)
    page.save_revision().publish()

    nav = switcher(client, "/en/only-in-english/")
    assert 'href="/fr/" lang="fr"' in nav
    assert "page n’est pas encore traduite" in nav or "page n&#x27;est pas encore traduite" in nav
    assert 'href="/es/" lang="es"' in nav and "todavía no está traducida" in nav
    assert 'href="/ar/" lang="ar"' in nav and "لم تُترجم" in nav
    # Each note is in its language and written in its direction: the Arabic one right to
    # left on this left-to-right page, its punctuation on its own side.
    notes = re.findall(r'<span class="language-switcher__note"[^>]*>', nav)
    assert notes == [
        f'<span class="language-switcher__note" id="lang-note-{code}" lang="{code}" dir="{way}">'
        for code, way in (("fr", "ltr"), ("es", "ltr"), ("ar", "rtl"))
    ]
    # Only real translations are alternates.
    assert alternates(client, "/en/only-in-english/") == {
        "en": "http://testserver/en/only-in-english/",
        "x-default": "http://testserver/en/only-in-english/",
    }


def test_aliases_and_drafts_are_not_alternates(client, home):
    page = StandardPage(title="Partly translated", slug="partly", introduction="Hello")
    home.add_child(instance=page)
    page.save_revision().publish()
    # A French alias (an untranslated copy, as wagtail-localize makes when syncing trees).
    page.copy_for_translation(
        Locale.objects.get(language_code="fr"), copy_parents=False, alias=True
    )
    # A Spanish draft translation.
    draft = page.copy_for_translation(Locale.objects.get(language_code="es"))
    draft.title = "Parcialmente traducida"
    draft.save_revision()
    assert not draft.live

    found = alternates(client, "/en/partly/")
    assert set(found) == {"en", "x-default"}
    nav = switcher(client, "/en/partly/")
    assert 'href="/fr/" lang="fr"' in nav and 'href="/es/" lang="es"' in nav


def test_an_alias_in_another_language_leads_to_the_page_it_copies(client, home):
    page = StandardPage(title="Copied", slug="copied", introduction="Hello")
    home.add_child(instance=page)
    page.save_revision().publish()
    alias = page.copy_for_translation(
        Locale.objects.get(language_code="fr"), copy_parents=False, alias=True
    )
    response = client.get(alias.url)
    assert (response.status_code, response["Location"]) == (302, "/en/copied/")


def test_an_alias_in_the_same_language_points_its_canonical_to_the_page_it_copies(client, home):
    page = StandardPage(title="Copied", slug="copied", introduction="Hello")
    home.add_child(instance=page)
    page.save_revision().publish()
    section = StandardPage(title="Section", slug="section", introduction="Elsewhere")
    home.add_child(instance=section)
    section.save_revision().publish()
    alias = page.create_alias(parent=section)
    html = client.get(alias.url).content.decode()
    assert '<link rel="canonical" href="http://testserver/en/copied/">' in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_has_a_canonical_link(client, language):
    html = client.get(f"/{language}/").content.decode()
    assert f'<link rel="canonical" href="http://testserver/{language}/">' in html
