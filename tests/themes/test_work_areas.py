"""Work areas, their automatic listings, projects, taxonomies and page-type rules."""

from html import unescape

import pytest

from home.models import StandardPage
from taxonomy.factories import ThemeFactory
from taxonomy.models import Theme
from tests.conftest import LANGUAGES, steady_queries, view_then_renew
from themes.factories import ProjectPageFactory
from themes.models import ActionPlanPage, ProjectPage, ThemeIndexPage, ThemePage

pytestmark = pytest.mark.django_db

AREA_URLS = {
    "en": "/en/work-areas/migration-and-diversity/",
    "fr": "/fr/domaines-de-travail/migrations-et-diversite/",
    "es": "/es/areas-de-trabajo/migracion-y-diversidad/",
    "ar": "/ar/work-areas/migration-and-diversity/",
}


def text(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return unescape(response.content.decode())


@pytest.mark.parametrize("language", LANGUAGES)
def test_work_areas_index_lists_the_areas_in_the_visitors_language(
    client, area, in_language, language
):
    html = text(client, in_language(area, language).get_parent().url)
    title = {
        "en": "Migration and diversity",
        "fr": "Migrations et diversité",
        "es": "Migración y diversidad",
        "ar": "الهجرة والتنوع",
    }[language]
    assert f'href="{AREA_URLS[language]}">{title}</a>' in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_work_area_lists_what_is_tagged_with_its_themes_in_that_language(
    client, housing, project, plan, in_language, language
):
    in_language(housing, language)
    plan, project = in_language(plan, language), in_language(project, language)
    html = text(client, AREA_URLS[language])
    assert f'href="{plan.url}">{plan.title}</a>' in html
    assert f'href="{project.url}">{project.title}</a>' in html
    # Section titles and priority themes are in the visitor's language.
    section = {
        "en": "Action plans",
        "fr": "Plans d’action",
        "es": "Planes de acción",
        "ar": "خطط العمل",
    }[language]
    assert f"<h2>{section}</h2>" in html
    housing = Theme.objects.get(slug="housing", locale__language_code=language)
    assert f">{housing.name}</span>" in html


def test_work_area_matches_themes_across_languages(client, area, housing, in_language):
    """A page tagged with a French theme is listed on the English work area (same theme)."""
    project = ProjectPageFactory(parent=area, title="Tagged in another language")
    project.themes = [in_language(housing, "fr")]
    project.save_revision().publish()
    assert "Tagged in another language" in text(client, AREA_URLS["en"])

    untagged = ProjectPageFactory(parent=area, title="Not tagged")
    untagged.save_revision().publish()
    assert "Not tagged" not in text(client, AREA_URLS["en"])


def test_work_area_listing_costs_the_same_queries_with_more_pages(
    client, area, housing, django_assert_num_queries
):
    theme = housing
    expected, _ = steady_queries(client, AREA_URLS["en"])
    for index in range(8):
        page = ProjectPageFactory(parent=area, title=f"Housing project {index}")
        page.themes = [theme]
        page.save_revision().publish()
    view_then_renew(client, AREA_URLS["en"])
    with django_assert_num_queries(expected):
        html = client.get(AREA_URLS["en"]).content.decode()
    assert html.count("Housing project") == 8


@pytest.mark.parametrize("language", LANGUAGES)
def test_project_page_shows_partners_roles_and_cities_in_its_language(
    client, project, partners, in_language, language
):
    icmpd = in_language(partners["icmpd"], language)
    html = text(client, in_language(project, language).url)
    assert icmpd.name in html
    role = {
        "en": "Implementer",
        "fr": "Maître d’œuvre",
        "es": "Entidad ejecutora",
        "ar": "الجهة المنفذة",
    }[language]
    assert role in html
    city = {"en": "Tangier", "fr": "Tanger", "es": "Tánger", "ar": "طنجة"}[language]
    assert f"<li>{city}</li>" in html


def test_partner_acronyms_are_translated_where_the_language_uses_another(
    partners, housing, in_language
):
    uclg = partners["uclg"]
    assert in_language(uclg, "fr").acronym == "CGLU"
    assert in_language(uclg, "es").acronym == "CGLU"
    assert in_language(uclg, "ar").acronym == "UCLG"
    uclg.refresh_from_db()
    assert uclg.acronym == "UCLG"
    # Theme slugs are synchronised, not translated.
    ThemeFactory(slug="non-discrimination", name="Non-discrimination")
    for theme in Theme.objects.filter(locale__language_code="en"):
        in_language(theme, "ar")
    slugs = set(Theme.objects.filter(locale__language_code="ar").values_list("slug", flat=True))
    assert slugs == {"housing", "non-discrimination"}


def test_page_type_rules_keep_the_tree_in_shape(home, work_areas, area, plan):
    index = work_areas
    assert ThemeIndexPage.can_create_at(home) and not ThemeIndexPage.can_create_at(area)
    assert ThemePage.can_create_at(index) and not ThemePage.can_create_at(home)
    assert ActionPlanPage.can_create_at(area) and not ActionPlanPage.can_create_at(index)
    assert ProjectPage.can_create_at(area) and not ProjectPage.can_create_at(home)
    assert not StandardPage.can_create_at(plan) and not ActionPlanPage.can_create_at(plan)


def test_theme_slug_is_unique_per_language():
    from django.db import IntegrityError, transaction

    ThemeFactory(slug="unique-test")
    with pytest.raises(IntegrityError), transaction.atomic():
        ThemeFactory(slug="unique-test")


def test_period_cannot_end_before_it_starts(project):
    from django.core.exceptions import ValidationError

    project.start_year, project.end_year = 2020, 2019
    with pytest.raises(ValidationError, match="cannot come before"):
        project.full_clean()
