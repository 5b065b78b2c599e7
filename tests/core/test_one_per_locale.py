"""What must be unique in a language is refused with a message in the editor's language,
never a 500: a second footer in a language (one per language), a slug a snippet of the same
language already uses. "Add footer" leads to a language without one, and is gone once every
language has its footer (core.snippet_forms, core.snippet_admin)."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield
from wagtail.users.models import UserProfile

from core.models import FooterContent
from localization.models import GlossaryTerm
from localization.roles import EDITORS
from taxonomy.factories import ThemeFactory
from taxonomy.models import Theme

FOOTERS = "/admin/snippets/core/footercontent/"
ADD_FOOTER = FOOTERS + "add/"


@pytest.fixture
def editor(client, home):
    """A logged-in communications editor whose admin speaks French."""
    user = get_user_model().objects.create_user("redactrice", "r@example.org", "pw")
    user.groups.add(Group.objects.get(name=EDITORS))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "fr"
    profile.save()
    client.force_login(user)
    return client


def footer_form():
    return nested_form_data(
        {"text": rich_text("<p>Un autre pied de page.</p>"), "links": streamfield([])}
    )


def test_a_second_footer_in_a_language_is_refused_with_a_message(editor, home):
    FooterContent.objects.create(locale=home.locale, text="<p>The committee.</p>")

    response = editor.post(ADD_FOOTER + "?locale=en", footer_form())

    assert response.status_code == 200
    assert "Un seul élément «\u00a0pied de page\u00a0» par langue" in response.content.decode()
    assert "celui en anglais existe déjà" in response.content.decode()
    assert FooterContent.objects.count() == 1
    # "Add" leads to a language that has no footer yet.
    listing = editor.get(FOOTERS + "?locale=en").content.decode()
    assert ADD_FOOTER + "?locale=fr" in listing
    assert ADD_FOOTER + "?locale=en" not in listing


def test_no_add_button_when_every_language_has_its_footer(editor, footer):
    count = FooterContent.objects.count()
    assert count == 4

    listing = editor.get(FOOTERS)
    assert listing.status_code == 200
    assert ADD_FOOTER not in listing.content.decode()

    for response in (
        editor.get(ADD_FOOTER + "?locale=es", follow=True),
        editor.post(ADD_FOOTER + "?locale=es", footer_form(), follow=True),
    ):
        assert response.status_code == 200
        assert response.redirect_chain[0][0].startswith(FOOTERS)
        notice = "Toutes les langues ont déjà leur «\u00a0pied de page\u00a0»"
        assert notice in response.content.decode()
    assert FooterContent.objects.count() == count


def test_a_slug_already_used_in_the_language_is_refused_on_its_field(editor):
    ThemeFactory(slug="housing", name="Housing")

    response = editor.post(
        "/admin/snippets/taxonomy/theme/add/?locale=en",
        {"name": "Housing again", "slug": "housing", "description": "", "colour": ""},
    )

    assert response.status_code == 200
    assert "Déjà utilisé en anglais par «\u00a0Housing\u00a0»" in response.content.decode()
    assert Theme.objects.filter(slug="housing").count() == 1
    # The same slug in another language is that theme's translation's: accepted.
    response = editor.post(
        "/admin/snippets/taxonomy/theme/add/?locale=fr",
        {"name": "Logement", "slug": "housing", "description": "", "colour": ""},
    )
    assert response.status_code == 302
    assert Theme.objects.filter(slug="housing").count() == 2


def test_a_glossary_slug_already_used_in_the_language_is_refused(editor):
    GlossaryTerm.objects.create(locale=Theme().get_default_locale(), term="local", slug="local")

    response = editor.post(
        "/admin/snippets/localization/glossaryterm/add/?locale=en",
        {"term": "local governments", "slug": "local", "part_of_speech": "noun", "note": ""},
    )

    assert response.status_code == 200
    assert "Déjà utilisé en anglais par «\u00a0local\u00a0»" in response.content.decode()
    assert GlossaryTerm.objects.count() == 1
