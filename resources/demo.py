"""Demo library: a dozen sample resources drawn from the action plan's world (MC2CM outputs,
advocacy on the Global Compact, briefs on the debate questions), with small generated PDF
files in various language combinations, in four languages through wagtail-localize."""

import datetime

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Locale

from core.demo import child_by_slug, ensure_child, ensure_translations
from home.models import HomePage
from resources.demo_translations import TRANSLATIONS
from resources.models import ResourceFile, ResourceKind, ResourceLibraryPage, ResourcePage
from resources.pdf import simple_pdf
from themes.models import AgendaReference, Partner, Theme

SAMPLE_NOTICE = "Sample resource for the demonstration site: its files are placeholders."

# slug, title, kind, date, file languages, themes, publishers, summary
RESOURCES = [
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
        "brief-unaccompanied-minors",
        "Policy brief: the social inclusion of unaccompanied minors",
        ResourceKind.POLICY_BRIEF,
        (2024, 11, 20),
        ["en", "es", "fr"],
        ["unaccompanied-minors"],
        ["uclg"],
        "Recommendations for local care, schooling and pathways to autonomy.",
    ),
    (
        "toolkit-welcoming-cities",
        "Toolkit for welcoming cities",
        ResourceKind.TOOLKIT,
        (2022, 6, 1),
        ["en", "fr", "es", "ar"],
        ["local-citizenship", "non-discrimination"],
        ["uclg"],
        "Practical steps for local governments that want to become welcoming cities.",
    ),
    (
        "statement-global-compact",
        "Local governments and the Global Compact for Migration",
        ResourceKind.STATEMENT,
        (2018, 12, 9),
        ["en", "fr", "es"],
        ["local-citizenship"],
        ["uclg"],
        "The statement of local governments on the adoption of the Global Compact.",
    ),
    (
        "brief-migrant-women",
        "Migrant women's right to the city",
        ResourceKind.POLICY_BRIEF,
        (2024, 3, 8),
        ["es", "fr"],
        ["migrant-women"],
        ["uclg"],
        "Safe public spaces, services and a political voice for migrant women.",
    ),
    (
        "civil-society-case-studies",
        "Cooperation with civil society: three city case studies",
        ResourceKind.CASE_STUDY,
        (2023, 9, 15),
        ["es"],
        ["civil-society"],
        ["uclg"],
        "How three cities design services together with migrant organisations.",
    ),
    (
        "intercultural-dialogue-city",
        "Intercultural and interreligious dialogue in the city",
        ResourceKind.PUBLICATION,
        (2021, 4, 21),
        ["fr", "ar"],
        ["intercultural-dialogue"],
        ["uclg"],
        "Local experiences that bring communities of different faiths together.",
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
        "report-policy-debates",
        "Right to the city and migration: report of the policy debates",
        ResourceKind.REPORT,
        (2020, 2, 14),
        ["en", "fr"],
        ["diversity-management", "non-discrimination"],
        ["uclg"],
        "What the committee's policy debates said about migration and the right to the city.",
    ),
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
]


def _document(title, language):
    model = get_document_model()
    document = model(title=f"{title} ({language.upper()})")
    content = simple_pdf([title, f"Language: {language}", "Sample file of the demo site."])
    document.file.save(f"{title[:40]}-{language}.pdf", ContentFile(content), save=False)
    document._set_document_file_metadata()  # size and hash, as an upload through the admin sets
    document.save()
    return document


def load():
    created = []
    english = Locale.objects.get(language_code="en")
    home = HomePage.objects.get(locale=english)
    library = ensure_child(
        home,
        ResourceLibraryPage(
            title="Resources",
            slug="resources",
            show_in_menus=True,
            listing_summary="Publications, reports, briefs, toolkits and videos of the committee.",
            introduction="<p>Publications, reports, policy briefs, toolkits, case studies and "
            "videos. Find them by theme, kind, year, language or words.</p>",
        ),
        created,
    )
    ensure_translations(library, TRANSLATIONS, created)
    for slug, title, kind, date, languages, themes, publishers, summary in RESOURCES:
        resource = child_by_slug(library, slug)
        if resource is None:
            resource = ResourcePage(
                title=title,
                slug=slug,
                kind=kind,
                publication_date=datetime.date(*date),
                summary=summary,
                body=[("paragraph", f"<p>{SAMPLE_NOTICE}</p>")],
                video_url="https://example.org/video" if kind == ResourceKind.VIDEO else "",
            )
            resource.themes = list(Theme.objects.filter(locale=english, slug__in=themes))
            resource.publishers = list(Partner.objects.filter(locale=english, slug__in=publishers))
            if "local-citizenship" in themes:
                resource.agenda_references = list(
                    AgendaReference.objects.filter(locale=english, slug="gcm-16")
                )
            resource.files = [
                ResourceFile(document=_document(title, code), language=code) for code in languages
            ]
            resource = ensure_child(library, resource, created)
        ensure_translations(resource, TRANSLATIONS, created)
    return len(created)
