"""Demo campaigns: an active one drawn from the action plan's advocacy line, a closed one,
and approved sample endorsements (fictional, marked as sample data)."""

import datetime

from django.utils import timezone
from wagtail.models import Locale

from campaigns.demo_translations import TRANSLATIONS
from campaigns.models import CampaignIndexPage, CampaignPage, Endorsement, EndorsementStatus
from core.demo import ensure_child, ensure_translations
from home.models import HomePage
from themes.models import AgendaReference, Partner, Theme

SAMPLE_ENDORSERS = [
    ("Municipality of Villa Esperanza", "Villa Esperanza", "AR", "local_government"),
    ("City of Port Amal", "Port Amal", "TN", "local_government"),
    ("Commune de Saint-Accueil", "Saint-Accueil", "FR", "local_government"),
    ("Ayuntamiento de Puerto Abierto", "Puerto Abierto", "ES", "local_government"),
    ("Association of Atlantic Coast Municipalities", "Dakar", "SN", "association"),
    ("Neighbours Without Borders", "Casablanca", "MA", "civil_society"),
]


def _tags(model, slugs):
    english = Locale.objects.get(language_code="en")
    return list(model.objects.filter(locale=english, slug__in=slugs))


def load():
    created = []
    today = timezone.localdate()
    home = HomePage.objects.get(locale__language_code="en")
    index = ensure_child(
        home,
        CampaignIndexPage(
            title="Campaigns",
            slug="campaigns",
            show_in_menus=True,
            listing_summary="Advocacy campaigns that local governments endorse.",
            introduction="<p>The committee's advocacy campaigns. Local and regional governments "
            "and their associations can endorse them on behalf of their institution.</p>",
        ),
        created,
    )
    ensure_translations(index, TRANSLATIONS, created)

    active = CampaignPage(
        title="Welcoming cities: the right to the city for all",
        slug="welcoming-cities",
        listing_summary="Local governments declare their cities welcoming, in the spirit of the "
        "Global Compact for Migration.",
        start_date=today - datetime.timedelta(days=200),
        end_date=today + datetime.timedelta(days=365),
        summary="Local governments declare their cities welcoming and claim the right to the "
        "city for all inhabitants, whatever their origin or status, in the spirit of the "
        "Global Compact for Migration.",
        key_demands=[
            (
                "demand",
                "Recognise local governments as actors of migration governance, at home "
                "and in global processes.",
            ),
            (
                "demand",
                "Guarantee every inhabitant access to housing, health, education and "
                "local services.",
            ),
            (
                "demand",
                "Involve migrants and their organisations in the decisions that affect their city.",
            ),
        ],
        body=[
            (
                "paragraph",
                "<p>Since 2018, members of the committee have supported the advocacy "
                "of the world network of local governments around the Global Compact for Safe, "
                "Orderly and Regular Migration.</p>",
            ),
            (
                "key_figures",
                {
                    "heading": "",
                    "figures": [
                        {"number": "23", "label": "objectives in the Global Compact for Migration"},
                        {
                            "number": "2018",
                            "label": "the year the Compact was adopted in Marrakesh",
                        },
                    ],
                },
            ),
            (
                "milestones",
                {
                    "heading": "Milestones",
                    "milestones": [
                        {
                            "date": datetime.date(2018, 12, 10),
                            "title": "Global Compact adopted",
                            "text": "Local governments gathered in Marrakesh alongside the "
                            "intergovernmental conference.",
                        },
                        {
                            "date": datetime.date(2022, 5, 20),
                            "title": "First International Migration Review Forum",
                            "text": "Cities reported on their local action.",
                        },
                    ],
                },
            ),
        ],
        declaration="<p>We, local and regional governments, declare our cities and territories "
        "welcoming. We commit to guarantee the right to the city for all inhabitants, to fight "
        "discrimination, and to work with civil society and migrants' organisations for "
        "inclusive local policies.</p>",
        endorsement_target=100,
    )
    active.themes = _tags(Theme, ["local-citizenship", "non-discrimination", "civil-society"])
    active.partners = _tags(Partner, ["uclg"])
    active.agenda_references = _tags(AgendaReference, ["gcm-16", "sdg-10-7"])
    active = ensure_child(index, active, created)
    ensure_translations(active, TRANSLATIONS, created)

    closed = CampaignPage(
        title="Cities against discrimination",
        slug="cities-against-discrimination",
        listing_summary="A campaign for local plans against racism and discrimination.",
        start_date=today - datetime.timedelta(days=800),
        end_date=today - datetime.timedelta(days=400),
        summary="A campaign for local plans against racism and discrimination in public services.",
        key_demands=[("demand", "Adopt a local plan against discrimination.")],
        body=[
            (
                "paragraph",
                "<p>The campaign is closed. Thank you to every local government "
                "that took part.</p>",
            )
        ],
        declaration="<p>We commit to adopt and evaluate a local plan against discrimination.</p>",
    )
    closed.themes = _tags(Theme, ["non-discrimination"])
    closed = ensure_child(index, closed, created)
    ensure_translations(closed, TRANSLATIONS, created)

    _link_from_the_action_plan(active, created)

    for number, (organisation, city, country, kind) in enumerate(SAMPLE_ENDORSERS):
        _, made = Endorsement.objects.get_or_create(
            campaign_key=active.translation_key,
            email=f"sample-{number}@example.org",
            defaults=dict(
                organisation=organisation,
                city=city,
                country=country,
                signatory_type=kind,
                contact_name="Sample contact",
                contact_role="Sample role",
                consent_public=True,
                consent_privacy=True,
                language="en",
                status=EndorsementStatus.APPROVED,
                is_sample=True,
                confirmed_at=timezone.now(),
                moderated_at=timezone.now(),
            ),
        )
        if made:
            created.append(organisation)
    return len(created)


def _link_from_the_action_plan(campaign, created):
    """Panel 2 of the action plan (advocacy) links to this campaign.

    The French source is edited and published, then its translations are updated through
    wagtail-localize, as a translator's sync would.
    """
    from core.localize import translate
    from themes.demo_translations import ACTION_PLAN
    from themes.models import ActionPlanPage

    french = Locale.objects.get(language_code="fr")
    plan = ActionPlanPage.objects.filter(locale=french, slug="plan-action-migration").first()
    if plan is None:
        return
    advocacy = next((c for c in plan.lines if c.value["anchor"] == "advocacy"), None)
    if advocacy is None or any(b.block_type == "related_pages" for b in advocacy.value["body"]):
        return
    advocacy.value["body"].append(
        (
            "related_pages",
            {"heading": RELATED_CAMPAIGN, "pages": [campaign.get_translation(french)]},
        )
    )
    plan.save_revision().publish()
    for code in ("en", "es", "ar"):
        translate(plan, code, ACTION_PLAN[code])
    created.append(plan)


RELATED_CAMPAIGN = "Campagne liée"  # translated in themes.demo_translations.ACTION_PLAN
