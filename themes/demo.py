"""Demo content of the themes app: taxonomies, the migration work area, MC2CM and the
committee's action plan on migration, published from its French source text word for word."""

from pathlib import Path

from wagtail.models import Locale

from core.demo import child_by_slug, ensure_child, ensure_translations
from home.models import HomePage
from themes.demo_translations import ACTION_PLAN, TRANSLATIONS
from themes.models import (
    ActionPlanPage,
    Agenda,
    AgendaReference,
    Partner,
    PartnerKind,
    PartnerRole,
    PlanStatus,
    ProjectPage,
    Theme,
    ThemeColour,
    ThemeIndexPage,
    ThemePage,
)

SOURCE_TEXT = Path(__file__).parent / "content" / "migration-action-plan.fr.txt"

THEMES = [
    (
        "housing",
        "Housing",
        ThemeColour.BLUE,
        "Access to decent, affordable housing for all inhabitants, including migrants.",
    ),
    (
        "diversity-management",
        "Diversity management",
        ThemeColour.TEAL,
        "Local policies that recognise cultural diversity and turn it into shared wealth.",
    ),
    (
        "non-discrimination",
        "Non-discrimination",
        ThemeColour.RED,
        "Equal treatment and protection against discrimination in local services and public life.",
    ),
    (
        "unaccompanied-minors",
        "Social inclusion of unaccompanied minors",
        ThemeColour.ORANGE,
        "Care, schooling and pathways to autonomy for children who migrate alone.",
    ),
    (
        "migrant-women",
        "Migrant women's right to the city",
        ThemeColour.PURPLE,
        "Safe public spaces, services and a political voice for migrant women.",
    ),
    (
        "civil-society",
        "Cooperation with civil society",
        ThemeColour.GREEN,
        "Working with associations, migrant organisations and community groups.",
    ),
    (
        "intercultural-dialogue",
        "Intercultural and interreligious dialogue",
        ThemeColour.TEAL,
        "Spaces where people of different cultures and faiths meet and build trust.",
    ),
    (
        "local-citizenship",
        "Local citizenship",
        ThemeColour.BLUE,
        "Rights and participation in local life for every resident, whatever their nationality.",
    ),
]

AGENDA_REFERENCES = [
    (
        "sdg-10-7",
        Agenda.SDG,
        "SDG target 10.7",
        "Facilitate orderly, safe, regular and responsible migration",
        "https://sdgs.un.org/goals/goal10",
    ),
    (
        "sdg-11",
        Agenda.SDG,
        "SDG 11",
        "Sustainable cities and communities",
        "https://sdgs.un.org/goals/goal11",
    ),
    (
        "gcm-15",
        Agenda.GCM,
        "GCM objective 15",
        "Provide access to basic services for migrants",
        "https://www.iom.int/global-compact-migration",
    ),
    (
        "gcm-16",
        Agenda.GCM,
        "GCM objective 16",
        "Empower migrants and societies to realize full inclusion and social cohesion",
        "https://www.iom.int/global-compact-migration",
    ),
    (
        "nua-28",
        Agenda.NUA,
        "New Urban Agenda, paragraph 28",
        "Full respect for the human rights of refugees, internally displaced persons and migrants",
        "https://habitat3.org/the-new-urban-agenda/",
    ),
]

PARTNERS = [
    (
        "uclg",
        "United Cities and Local Governments",
        "UCLG",
        PartnerKind.NETWORK,
        "https://www.uclg.org/",
    ),
    (
        "icmpd",
        "International Centre for Migration Policy Development",
        "ICMPD",
        PartnerKind.INTERGOVERNMENTAL,
        "https://www.icmpd.org/",
    ),
    (
        "un-habitat",
        "United Nations Human Settlements Programme",
        "UN-Habitat",
        PartnerKind.UN_AGENCY,
        "https://unhabitat.org/",
    ),
    (
        "european-union",
        "European Union",
        "EU",
        PartnerKind.INTERGOVERNMENTAL,
        "https://european-union.europa.eu/",
    ),
]

CITIES = ["Amman", "Beirut", "Lisbon", "Lyon", "Madrid", "Tangier", "Tunis", "Turin", "Vienna"]

# Themes of each of the five debate questions of panel 3, in the order of the source text.
QUESTION_THEMES = [
    "unaccompanied-minors",
    "migrant-women",
    "civil-society",
    "intercultural-dialogue",
    "local-citizenship",
]


def source_lines():
    """The French source text, one entry per line, as the content README maps them."""
    return SOURCE_TEXT.read_text(encoding="utf-8").strip().split("\n")


def _ensure_snippets(model, rows, build, created):
    english = Locale.objects.get(language_code="en")
    instances = {}
    for row in rows:
        slug = row[0]
        instance = model.objects.filter(locale=english, slug=slug).first()
        if instance is None:
            instance = build(*row)
            instance.locale = english
            instance.save()
            created.append(instance)
        ensure_translations(instance, TRANSLATIONS, created)
        instances[slug] = instance
    return instances


def _in_locale(instances, language_code):
    locale = Locale.objects.get(language_code=language_code)
    return {slug: item.get_translation(locale) for slug, item in instances.items()}


def load():
    created = []
    themes = _ensure_snippets(
        Theme,
        THEMES,
        lambda slug, name, colour, text: Theme(
            slug=slug, name=name, colour=colour, description=text
        ),
        created,
    )
    agenda = _ensure_snippets(
        AgendaReference,
        AGENDA_REFERENCES,
        lambda slug, kind, code, title, url: AgendaReference(
            slug=slug, agenda=kind, code=code, title=title, url=url
        ),
        created,
    )
    partners = _ensure_snippets(
        Partner,
        PARTNERS,
        lambda slug, name, acronym, kind, url: Partner(
            slug=slug, name=name, acronym=acronym, kind=kind, website=url
        ),
        created,
    )

    home = HomePage.objects.get(locale__language_code="en")
    index = ensure_child(
        home,
        ThemeIndexPage(
            title="Work areas",
            slug="work-areas",
            show_in_menus=True,
            listing_summary="The committee's thematic areas, with their action plans, projects "
            "and campaigns.",
            introduction="<p>The committee's work is organised in thematic areas. Each brings "
            "together action plans, projects, campaigns, events and resources.</p>",
        ),
        created,
    )
    ensure_translations(index, TRANSLATIONS, created)

    area = child_by_slug(index, "migration-and-diversity")
    if area is None:
        area = ThemePage(
            title="Migration and diversity",
            slug="migration-and-diversity",
            listing_summary="Welcoming cities, the right to the city for all, and the "
            "inclusion of migrants.",
            introduction="<p>Cities are where migrants arrive, settle and build their lives. "
            "The committee supports local governments that make inclusion a reality, from "
            "housing to political participation.</p>",
        )
        area.themes = list(themes.values())
        area = ensure_child(index, area, created)
    ensure_translations(area, TRANSLATIONS, created)

    project = child_by_slug(area, "mc2cm")
    if project is None:
        project = ProjectPage(
            title="Mediterranean City-to-City Migration (MC2CM)",
            slug="mc2cm",
            listing_summary="Peer learning between cities of the wider Mediterranean region on "
            "inclusive migration governance.",
            summary="A project that brings cities of the wider Mediterranean region together to "
            "learn from each other on inclusive migration governance at the local level, through "
            "peer-learning events, research and policy dialogue.",
            start_year=2015,
            partner_roles=[
                ("partner", {"partner": partners["icmpd"], "role": PartnerRole.IMPLEMENTER}),
                ("partner", {"partner": partners["uclg"], "role": PartnerRole.PARTNER}),
                ("partner", {"partner": partners["un-habitat"], "role": PartnerRole.PARTNER}),
                ("partner", {"partner": partners["european-union"], "role": PartnerRole.FUNDER}),
            ],
            participating_cities=[("city", city) for city in CITIES],
            body=[
                (
                    "paragraph",
                    "<p>Each peer-learning event focuses on one question at the heart "
                    "of local migration policies, such as access to housing or to local services. "
                    "Cities share what worked, what did not, and why.</p>",
                )
            ],
        )
        project.themes = [
            themes["housing"],
            themes["diversity-management"],
            themes["non-discrimination"],
        ]
        project = ensure_child(area, project, created)
    ensure_translations(project, TRANSLATIONS, created)

    plan = _ensure_action_plan(area, themes, agenda, partners, project, created)
    ensure_translations(plan, ACTION_PLAN, created)
    return len(created)


def _ensure_action_plan(area, themes, agenda, partners, project, created):
    """The action plan on migration, written in French: its source text, word for word."""
    french_area = area.get_translation(Locale.objects.get(language_code="fr"))
    existing = child_by_slug(french_area, "plan-action-migration")
    if existing is not None:
        return existing
    lines = source_lines()
    fr_themes = _in_locale(themes, "fr")
    fr_partners = _in_locale(partners, "fr")
    fr_project = project.get_translation(Locale.objects.get(language_code="fr"))

    def paragraphs(*texts):
        return "".join(f"<p>{text}</p>" for text in texts)

    questions = [
        {"text": line.removeprefix("- "), "theme": fr_themes[slug]}
        for line, slug in zip(lines[13:18], QUESTION_THEMES, strict=True)
    ]
    plan = ActionPlanPage(
        title="Plan d'action sur la migration",
        slug="plan-action-migration",
        listing_summary="Promouvoir des territoires urbains accueillants et inclusifs : "
        "apprentissage entre pairs, plaidoyer et débats politiques.",
        strapline=lines[1],
        introduction=paragraphs(lines[0]),
        panels_hint=lines[2],
        start_year=2018,
        status=PlanStatus.IN_FORCE,
        lines=[
            (
                "line",
                {
                    "heading": lines[3],
                    "anchor": "peer-learning",
                    "summary": "",
                    "body": [
                        ("paragraph", paragraphs(*lines[4:7])),
                        (
                            "partner_logos",
                            {
                                "heading": "Organisations partenaires",
                                "partners": [
                                    fr_partners["icmpd"],
                                    fr_partners["uclg"],
                                    fr_partners["un-habitat"],
                                ],
                            },
                        ),
                        ("related_pages", {"heading": "Projet lié", "pages": [fr_project]}),
                    ],
                    "objectives": [],
                    "themes": [
                        fr_themes["housing"],
                        fr_themes["diversity-management"],
                        fr_themes["non-discrimination"],
                    ],
                },
            ),
            (
                "line",
                {
                    "heading": lines[7],
                    "anchor": "advocacy",
                    "summary": "",
                    "body": [("paragraph", paragraphs(*lines[8:10]))],
                    "objectives": [],
                    "themes": [fr_themes["local-citizenship"]],
                },
            ),
            (
                "line",
                {
                    "heading": lines[10],
                    "anchor": "policy-debates",
                    "summary": "",
                    "body": [
                        ("paragraph", paragraphs(lines[11])),
                        ("questions", {"introduction": lines[12], "questions": questions}),
                    ],
                    "objectives": [],
                    "themes": [fr_themes[slug] for slug in QUESTION_THEMES],
                },
            ),
        ],
    )
    plan.themes = [fr_themes[slug] for slug in fr_themes]
    plan.partners = [fr_partners["uclg"], fr_partners["icmpd"], fr_partners["un-habitat"]]
    plan.agenda_references = list(_in_locale(agenda, "fr").values())
    return ensure_child(french_area, plan, created)
