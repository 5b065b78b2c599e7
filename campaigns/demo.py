"""Demo campaigns (campaigns/demo/pages.toml): an active one drawn from the action plan's
advocacy line, a closed one, and approved sample endorsements (fictional, marked as
sample data)."""

from pathlib import Path

from django.utils import timezone

from campaigns.models import Endorsement
from core.demo import (
    block_value,
    child_by_slug,
    ensure_pages,
    locale_of,
    page_at,
    read_catalogs,
    read_data,
)
from core.localize import translate
from themes.demo import action_plan_catalogs
from themes.models import ActionPlanPage

DEMO = Path(__file__).parent / "demo"


def load():
    data = read_data(DEMO / "pages.toml")
    created = []
    ensure_pages(data["pages"], read_catalogs(DEMO / "locale"), created)
    _link_from_the_action_plan(data["action_plan_link"], created)

    endorsements = data["sample_endorsements"]
    campaign = page_at(endorsements["campaign"], locale_of("en"))
    now = timezone.now()
    for item in endorsements["items"]:
        fields = {**endorsements["fields"], **item}
        _, made = Endorsement.objects.get_or_create(
            campaign_key=campaign.translation_key,
            email=fields.pop("email"),
            defaults={**fields, "confirmed_at": now, "moderated_at": now},
        )
        if made:
            created.append(item["organisation"])
    return len(created)


def _link_from_the_action_plan(link, created):
    """A panel of the action plan links to a campaign.

    The French source is edited and published, then its translations are updated through
    wagtail-localize, as a translator's sync would.
    """
    locale = locale_of(link["locale"])
    plan = child_by_slug(page_at(link["parent"], locale), link["slug"])
    if not isinstance(plan, ActionPlanPage):
        return
    line = next((c for c in plan.lines if c.value["anchor"] == link["line"]), None)
    if line is None or any(b.block_type == "related_pages" for b in line.value["body"]):
        return
    related = {"heading": link["heading"], "pages": [link["page"]]}
    line_body = ActionPlanPage._meta.get_field("lines").stream_block.child_blocks["line"]
    related_block = line_body.child_blocks["body"].child_blocks["related_pages"]
    line.value["body"].append(("related_pages", block_value(related_block, related, locale)))
    plan.save_revision().publish()
    for code, catalog in action_plan_catalogs().items():
        translate(plan, code, catalog)
    created.append(plan)


DEMO_LOADERS = {"content": load}
