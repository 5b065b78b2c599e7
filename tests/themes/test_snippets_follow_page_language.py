"""A page holds the themes, partners and agenda references of its own language: the
admin's selects offer that language only, another language's snippet becomes its
translation or is refused with a message, wagtail-localize's copies follow the target
language, and a data migration fixed the pages saved before."""

import importlib
import re

import pytest
from django.apps import apps
from wagtail.models import Locale

from taxonomy.factories import ThemeFactory, translate_now, translate_page
from taxonomy.models import Theme
from themes.factories import ProjectPageFactory
from themes.models import ProjectPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def themes(housing):
    """The English theme Housing and its French translation."""
    return housing, translate_now(housing, "fr", {"Housing": "Logement"})


@pytest.fixture
def shelter(area):
    """A project with no theme yet."""
    page = ProjectPageFactory(parent=area, title="Shelter project", slug="shelter-project")
    page.save_revision().publish()
    return page


def offered(html, name):
    select = re.search(rf'<select name="{name}".*?</select>', html, re.S).group(0)
    return {int(pk) for pk in re.findall(r'<option value="(\d+)"', select)}


def edit(admin_client, page, **fields):
    """POST the page's edit form as the admin's JavaScript does, publishing it."""
    data = {
        "title": page.title,
        "slug": page.slug,
        "summary": page.summary,
        "start_year": "",
        "end_year": "",
        "partner_roles-count": "0",
        "participating_cities-count": "0",
        "outputs-count": "0",
        "body-count": "0",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
        "action-publish": "action-publish",
        **fields,
    }
    return admin_client.post(f"/admin/pages/{page.pk}/edit/", data)


def test_the_select_offers_the_themes_of_the_pages_language(admin_client, shelter, themes):
    english, french = themes
    html = admin_client.get(f"/admin/pages/{shelter.pk}/edit/").content.decode()
    choices = offered(html, "themes")
    assert english.pk in choices
    assert french.pk not in choices
    assert choices == set(Theme.objects.filter(locale=shelter.locale).values_list("pk", flat=True))


def test_a_french_theme_saved_from_the_english_editor_ends_as_the_english_theme(
    admin_client, shelter, themes
):
    english, french = themes
    response = edit(admin_client, shelter, themes=[str(french.pk)])
    assert response.status_code == 302, response.content.decode()[-3000:]
    shelter = ProjectPage.objects.get(pk=shelter.pk)
    assert list(shelter.themes.all()) == [english]
    assert list(shelter.get_latest_revision_as_object().themes.all()) == [english]


def test_a_theme_with_no_english_version_is_refused_with_its_name(admin_client, shelter):
    french_only = ThemeFactory(name="Laïcité", locale=Locale.objects.get(language_code="fr"))
    revisions = shelter.revisions.count()
    response = edit(admin_client, shelter, themes=[str(french_only.pk)])
    assert response.status_code == 200
    html = response.content.decode()
    assert "Laïcité: not available in English yet" in html
    assert shelter.revisions.count() == revisions
    assert not ProjectPage.objects.get(pk=shelter.pk).themes.exists()


def test_a_translation_holds_the_snippets_of_its_language(shelter, themes):
    english, french = themes
    untranslated = ThemeFactory(name="Water")
    shelter.themes = [english, untranslated]
    shelter.save_revision().publish()
    french_page = translate_page(shelter, "fr")
    # Housing has a French version; Water not yet: it stays, shown in English until translated.
    assert set(french_page.themes.all()) == {french, untranslated}
    assert set(french_page.get_latest_revision_as_object().themes.all()) == {french, untranslated}


def test_the_data_migration_moves_existing_pages_to_their_languages_snippets(shelter, themes):
    english, french = themes
    french_page = translate_page(shelter, "fr")
    links = ProjectPage.themes.through.objects
    links.filter(projectpage_id=french_page.pk).delete()
    links.create(projectpage_id=french_page.pk, theme_id=english.pk)  # as saved before
    links.create(projectpage_id=shelter.pk, theme_id=english.pk)  # already right
    migration = importlib.import_module("localization.migrations.0004_snippets_in_page_language")
    migration.snippets_in_page_language(apps, None)
    assert list(ProjectPage.objects.get(pk=french_page.pk).themes.all()) == [french]
    assert list(ProjectPage.objects.get(pk=shelter.pk).themes.all()) == [english]
