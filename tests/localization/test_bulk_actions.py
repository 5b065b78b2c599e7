"""Wagtail's bulk actions (`/admin/bulk/<app>/<model>/<action>/`) keep a language team to its
language, as the single views do: objects of other languages are listed as "no access" on
the confirmation page and left alone by the action. New terms are not made by copying either."""

import pytest
from wagtail.models import Page

from localization.models import GlossaryTerm
from tests.localization.test_glossary import TERMS, make_term

pytestmark = pytest.mark.django_db

GLOSSARY_DELETE = "/admin/bulk/localization/glossaryterm/delete/"


@pytest.fixture
def term(db):
    """{language code: the term "local governments" in that language}."""
    source = make_term(*TERMS[0])
    return {
        version.locale.language_code: version
        for version in GlossaryTerm.objects.filter(translation_key=source.translation_key)
    }


def ids(versions, *codes):
    return "&".join(f"id={versions[code].pk}" for code in codes)


def remaining(term):
    return set(
        GlossaryTerm.objects.filter(translation_key=term["en"].translation_key).values_list(
            "locale__language_code", flat=True
        )
    )


def test_a_reviewer_bulk_deletes_their_languages_glossary_terms_only(term, users, login):
    client = login(users["reviewer_fr"])
    url = f"{GLOSSARY_DELETE}?{ids(term, 'en', 'fr', 'es', 'ar')}"
    confirmation = client.get(url)
    assert confirmation.status_code == 200
    listed = [item["item"].pk for item in confirmation.context["items"]]
    assert listed == [term["fr"].pk]
    refused = {item.pk for item in confirmation.context["items_with_no_access"]}
    assert refused == {term[code].pk for code in ("en", "es", "ar")}
    client.post(url)
    assert remaining(term) == {"en", "es", "ar"}


def test_selecting_every_glossary_term_deletes_the_reviewers_language_only(term, users, login):
    login(users["reviewer_fr"]).post(f"{GLOSSARY_DELETE}?id=all")
    assert remaining(term) == {"en", "es", "ar"}


def test_an_editor_bulk_deletes_in_every_language(term, users, login):
    login(users["editor"]).post(f"{GLOSSARY_DELETE}?{ids(term, 'en', 'es')}")
    assert remaining(term) == {"fr", "ar"}


@pytest.mark.parametrize("role", ["translator_fr", "reviewer_fr"])
@pytest.mark.parametrize("action", ["delete", "move"])
def test_language_teams_neither_delete_nor_move_pages_in_bulk(about, users, login, role, action):
    """As in the single views: a translation's place in the tree follows its source's, and
    deleting it loses a language's work; both are for editors."""
    french = about["fr"]
    if role == "translator_fr":
        french.unpublish()  # Wagtail lets an editor of a draft delete it
    url = f"/admin/bulk/wagtailcore/page/{action}/?id={french.pk}"
    client = login(users[role])
    assert client.get(url).context["items"] == []
    client.post(url, {"chooser": about["fr"].get_parent().pk})
    assert Page.objects.get(pk=french.pk).path == french.path


def test_reviewers_make_no_new_glossary_terms_by_copying_or_from_the_chooser(term, users, login):
    """New terms are the source's, added by editors (docs/translation-workflow.md); a copy of
    a term, or the chooser's creation form, would be a new term as much as the add form."""
    client = login(users["reviewer_fr"])
    copy = f"/admin/snippets/localization/glossaryterm/copy/{term['fr'].pk}/"
    create = "/admin/snippets/choose/localization/glossaryterm/create/"
    for url in (copy, create):
        assert client.get(url).status_code == 403, url
        data = {"term": "nouveau terme", "slug": "nouveau-terme", "part_of_speech": "noun"}
        assert client.post(url, data).status_code == 403, url
    assert not GlossaryTerm.objects.filter(slug="nouveau-terme").exists()
