"""A library built for each test: seven resources with themes, publishers and files in
various languages, and on demand two of them translated through wagtail-localize."""

import datetime

import pytest
from wagtail.models import Locale

from resources.factories import ResourceLibraryPageFactory, add_resource
from resources.models import ResourceKind, ResourcePage
from taxonomy.factories import PartnerFactory, ThemeFactory, translate_page

MINORS_BRIEF = "Policy brief: the social inclusion of unaccompanied minors"
MINORS_SUMMARY = "Recommendations for local care, schooling and pathways to autonomy."
WOMEN_BRIEF = "Migrant women's right to the city"

# What translators give the library and the two briefs (Arabic slugs are Latin).
TRANSLATIONS = {
    "fr": {
        "Resources": "Ressources",
        "resources": "ressources",
        MINORS_BRIEF: "Note politique : l'inclusion sociale des mineurs non accompagnés",
        MINORS_SUMMARY: "Recommandations pour l'accueil local, la scolarisation et les "
        "parcours vers l'autonomie.",
        WOMEN_BRIEF: "Le droit des femmes migrantes à la ville",
    },
    "es": {
        "Resources": "Recursos",
        "resources": "recursos",
        MINORS_BRIEF: "Nota de política: la inclusión social de las personas menores no "
        "acompañadas",
        MINORS_SUMMARY: "Recomendaciones para la acogida local, la escolarización y los "
        "itinerarios hacia la autonomía.",
        WOMEN_BRIEF: "El derecho de las mujeres migrantes a la ciudad",
        "brief-migrant-women": "nota-mujeres-migrantes",
    },
    "ar": {
        "Resources": "الموارد",
        "resources": "resources",
        MINORS_BRIEF: "موجز سياسات: الإدماج الاجتماعي للقاصرين غير المصحوبين",
        MINORS_SUMMARY: "توصيات للرعاية المحلية والتعليم ومسارات الاستقلالية.",
        WOMEN_BRIEF: "حق النساء المهاجرات في المدينة",
    },
}

# slug, title, kind, date, file languages, themes, publishers, summary
RESOURCES = [
    (
        "guide-housing-newcomers",
        "Housing for newcomers: a guide for local governments",
        ResourceKind.TOOLKIT,
        (2026, 1, 12),
        ["en"],
        ["housing"],
        ["un-habitat"],
        "Options for emergency, transitional and long-term housing.",
    ),
    (
        "peer-learning-housing-lessons",
        "Peer learning on access to housing: lessons from MC2CM",
        ResourceKind.REPORT,
        (2025, 3, 3),
        ["en", "fr"],
        ["housing"],
        ["icmpd", "un-habitat"],
        "What cities learned from each other about housing for newcomers.",
    ),
    (
        "newsletter-autumn",
        "Committee newsletter: autumn",
        ResourceKind.NEWSLETTER,
        (2025, 10, 1),
        ["en", "fr", "es", "ar"],
        ["local-citizenship"],
        ["uclg"],
        "News of the committee's action plans, campaigns and events.",
    ),
    (
        "brief-unaccompanied-minors",
        MINORS_BRIEF,
        ResourceKind.POLICY_BRIEF,
        (2024, 11, 20),
        ["en", "es", "fr"],
        ["unaccompanied-minors"],
        ["uclg"],
        MINORS_SUMMARY,
    ),
    (
        "video-mayors-welcoming-cities",
        "Video: mayors on welcoming cities",
        ResourceKind.VIDEO,
        (2024, 6, 20),
        [],
        ["local-citizenship"],
        ["uclg"],
        "Five mayors explain what makes a city welcoming.",
    ),
    (
        "brief-migrant-women",
        WOMEN_BRIEF,
        ResourceKind.POLICY_BRIEF,
        (2024, 3, 8),
        ["es", "fr"],
        ["migrant-women"],
        ["uclg"],
        "Safe public spaces, services and a political voice for migrant women.",
    ),
    (
        "mc2cm-profile-tangier",
        "MC2CM city migration profile: Tangier",
        ResourceKind.CASE_STUDY,
        (2023, 5, 10),
        ["fr", "ar", "en"],
        ["housing", "diversity-management"],
        ["icmpd", "uclg"],
        "How Tangier receives and includes migrants: services, partners and challenges.",
    ),
]


@pytest.fixture
def library(home):
    """The English library with the resources of RESOURCES."""
    library = ResourceLibraryPageFactory(parent=home)
    library.save_revision().publish()
    themes = {
        slug: ThemeFactory(slug=slug, name=slug.replace("-", " ").capitalize())
        for slug in sorted({slug for row in RESOURCES for slug in row[5]})
    }
    partners = {
        slug: PartnerFactory(slug=slug, name=slug.upper(), acronym=slug.upper())
        for slug in sorted({slug for row in RESOURCES for slug in row[6]})
    }
    for slug, title, kind, date, files, theme_slugs, partner_slugs, summary in RESOURCES:
        add_resource(
            library,
            file_languages=files,
            themes=[themes[s] for s in theme_slugs],
            publishers=[partners[s] for s in partner_slugs],
            slug=slug,
            title=title,
            kind=kind,
            publication_date=datetime.date(*date),
            summary=summary,
        )
    return library


@pytest.fixture
def resource(library):
    """resource(slug, "es"): a resource of the library in that language, translated (with
    the library) through wagtail-localize when needed."""

    def in_language(slug, language_code):
        page = ResourcePage.objects.get(slug=slug, locale__language_code="en")
        if language_code == "en":
            return page
        existing = page.get_translation_or_none(Locale.objects.get(language_code=language_code))
        if existing is not None and not existing.alias_of_id:
            return existing.specific
        return translate_page(page, language_code, TRANSLATIONS[language_code])

    return in_language
