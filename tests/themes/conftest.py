"""Work areas built for each test: a themes index, the migration work area with a theme,
a project with partners and cities, an action plan with three panels; translated on demand
through wagtail-localize."""

import pytest

from taxonomy.factories import PartnerFactory, ThemeFactory, translate_now, translate_page
from taxonomy.models import PartnerKind
from tests.conftest import publish
from themes.factories import (
    ActionPlanPageFactory,
    ProjectPageFactory,
    ThemeIndexPageFactory,
    ThemePageFactory,
)
from themes.models import PartnerRole

ANCHORS = ["peer-learning", "advocacy", "policy-debates"]
HEADINGS = ["Peer learning", "Advocacy", "Policy debates"]

# What translators give the pages and snippets (Arabic slugs are Latin).
TRANSLATIONS = {
    "fr": {
        "Work areas": "Domaines de travail",
        "work-areas": "domaines-de-travail",
        "Migration and diversity": "Migrations et diversité",
        "migration-and-diversity": "migrations-et-diversite",
        "Migration action plan": "Plan d'action sur la migration",
        "MC2CM": "MC2CM (fr)",
        "Housing": "Logement",
        "Partner organisations": "Organisations partenaires",
        "Peer learning": "Apprentissage entre pairs",
        "International Centre for Migration Policy Development": "Centre international pour le "
        "développement des politiques migratoires",
        "United Cities and Local Governments": "Cités et Gouvernements Locaux Unis",
        "UCLG": "CGLU",
        "Tangier": "Tanger",
    },
    "es": {
        "Work areas": "Áreas de trabajo",
        "work-areas": "areas-de-trabajo",
        "Migration and diversity": "Migración y diversidad",
        "migration-and-diversity": "migracion-y-diversidad",
        "Migration action plan": "Plan de acción sobre la migración",
        "MC2CM": "MC2CM (es)",
        "Housing": "Vivienda",
        "Partner organisations": "Organizaciones socias",
        "Peer learning": "Aprendizaje entre pares",
        "International Centre for Migration Policy Development": "Centro Internacional para el "
        "Desarrollo de Políticas Migratorias",
        "United Cities and Local Governments": "Ciudades y Gobiernos Locales Unidos",
        "UCLG": "CGLU",
        "Tangier": "Tánger",
    },
    "ar": {
        "Work areas": "مجالات العمل",
        "work-areas": "work-areas",
        "Migration and diversity": "الهجرة والتنوع",
        "migration-and-diversity": "migration-and-diversity",
        "Migration action plan": "خطة العمل بشأن الهجرة",
        "MC2CM": "MC2CM (ar)",
        "Housing": "السكن",
        "Partner organisations": "المنظمات الشريكة",
        "Peer learning": "التعلم بين الأقران",
        "International Centre for Migration Policy Development": "المركز الدولي لتطوير "
        "سياسات الهجرة",
        "United Cities and Local Governments": "منظمة المدن والحكومات المحلية المتحدة",
        "UCLG": "UCLG",
        "Tangier": "طنجة",
    },
}


@pytest.fixture
def housing(db):
    return ThemeFactory(slug="housing", name="Housing")


@pytest.fixture
def partners(db):
    return {
        "icmpd": PartnerFactory(
            slug="icmpd",
            name="International Centre for Migration Policy Development",
            acronym="ICMPD",
            kind=PartnerKind.INTERGOVERNMENTAL,
        ),
        "uclg": PartnerFactory(
            slug="uclg", name="United Cities and Local Governments", acronym="UCLG"
        ),
    }


@pytest.fixture
def work_areas(home):
    return publish(ThemeIndexPageFactory(parent=home))


@pytest.fixture
def area(work_areas, housing):
    """The migration work area, whose priority theme is housing."""
    page = ThemePageFactory(
        parent=work_areas, title="Migration and diversity", slug="migration-and-diversity"
    )
    page.themes = [housing]
    return publish(page)


@pytest.fixture
def project(area, housing, partners):
    """MC2CM: tagged housing, two partners with their roles, two cities."""
    page = ProjectPageFactory(
        parent=area,
        title="MC2CM",
        slug="mc2cm",
        start_year=2015,
        partner_roles=[
            ("partner", {"partner": partners["icmpd"], "role": PartnerRole.IMPLEMENTER}),
            ("partner", {"partner": partners["uclg"], "role": PartnerRole.PARTNER}),
        ],
        participating_cities=[("city", "Tangier"), ("city", "Lyon")],
    )
    page.themes = [housing]
    return publish(page)


def panel(heading, anchor, partners=(), themes=()):
    body = [("paragraph", f"<p>What we do: {heading.lower()}.</p>")]
    if partners:
        body.append(
            ("partner_logos", {"heading": "Partner organisations", "partners": list(partners)})
        )
    return (
        "line",
        {
            "heading": heading,
            "anchor": anchor,
            "summary": "",
            "body": body,
            "objectives": [],
            "themes": list(themes),
        },
    )


@pytest.fixture
def plan(area, housing, partners):
    """An action plan tagged housing, with three panels; the first names the partners and
    the theme."""
    page = ActionPlanPageFactory(
        parent=area,
        title="Migration action plan",
        slug="migration-action-plan",
        lines=[
            panel(HEADINGS[0], ANCHORS[0], partners=partners.values(), themes=[housing]),
            panel(HEADINGS[1], ANCHORS[1]),
            panel(HEADINGS[2], ANCHORS[2]),
        ],
    )
    page.themes = [housing]
    return publish(page)


@pytest.fixture
def in_language():
    """in_language(page or snippet, "fr"): its translation through wagtail-localize (a
    page's ancestors too); snippets the page shows are to be translated first."""

    def translated(instance, language_code):
        if language_code == instance.locale.language_code:
            return instance
        strings = TRANSLATIONS[language_code]
        if hasattr(instance, "get_ancestors"):
            return translate_page(instance, language_code, strings)
        return translate_now(instance, language_code, strings)

    return translated
