"""Publishing one page costs one page: a change makes stale only the pages that show what
changed, in every language (caching.cache_purge), and the CDN hears of the same pages."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.blocks import Block
from wagtail.models import Site

from campaigns.factories import EndorsementFactory
from campaigns.models import EndorsementStatus
from events.factories import EventPageFactory
from taxonomy.factories import ThemeFactory
from tests.caching.test_page_cache import RecordingBackend
from tests.conftest import LANGUAGES, publish, translate_everywhere, translation_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]


def urls_of(pages, languages=LANGUAGES):
    return [translation_of(page, code).url for page in pages for code in languages]


def warm(client, urls):
    for url in urls:
        client.get(url)
        assert client.get(url)["X-Cache"] == "HIT", url


def outcomes(client, urls):
    return {url: client.get(url)["X-Cache"] for url in urls}


def assert_all(client, urls, outcome):
    found = outcomes(client, urls)
    assert found == dict.fromkeys(urls, outcome)


def test_publishing_a_resource_makes_stale_its_page_library_translations_and_featuring_home(
    client, shared_site_tree
):
    home, resource = shared_site_tree["HomePage"], shared_site_tree["ResourcePage"]
    home.body = [("featured_pages", {"heading": "Featured", "pages": [resource]})]
    publish(home)
    stale = urls_of([resource, shared_site_tree["ResourceLibraryPage"]]) + [home.url]
    unrelated = urls_of(
        [shared_site_tree[name] for name in ("ActionPlanPage", "EventIndexPage", "EventPage")]
        + [shared_site_tree[name] for name in ("StandardPage", "CampaignPage", "ProjectPage")]
    ) + urls_of([home], ["fr", "es", "ar"])
    warm(client, stale + unrelated)

    resource.title = "A resource, revised"
    publish(resource)

    assert_all(client, stale, "MISS")
    assert_all(client, unrelated, "HIT")
    assert "A resource, revised" in client.get(home.url).content.decode()


def test_a_home_page_that_does_not_feature_a_resource_stays_cached(client, shared_site_tree):
    home, resource = shared_site_tree["HomePage"], shared_site_tree["ResourcePage"]
    warm(client, urls_of([home]))
    publish(resource)
    assert_all(client, urls_of([home]), "HIT")


def test_changing_a_theme_makes_stale_exactly_the_pages_that_show_it(client, shared_site_tree):
    theme = ThemeFactory(name="Inclusive cities")
    translate_everywhere(theme)
    plan = shared_site_tree["ActionPlanPage"]
    plan.themes = [theme]
    publish(plan)
    showing = [
        plan.url,
        plan.get_parent().url,  # its work area lists it with its theme tags
        *urls_of([shared_site_tree[name] for name in ("ResourceLibraryPage", "EventIndexPage")]),
        *urls_of([shared_site_tree["CampaignIndexPage"]]),  # their theme filters
    ]
    not_showing = urls_of(
        [shared_site_tree[name] for name in ("StandardPage", "EventPage", "ResourcePage")]
        + [shared_site_tree[name] for name in ("ProjectPage", "CampaignPage", "HomePage")]
    )
    warm(client, showing + not_showing)

    theme.name = "Inclusive and welcoming cities"
    theme.save_revision().publish()

    assert_all(client, showing, "MISS")
    assert_all(client, not_showing, "HIT")
    assert "Inclusive and welcoming cities" in client.get(plan.url).content.decode()


def test_a_draft_of_a_theme_makes_nothing_stale(client, shared_site_tree):
    theme = ThemeFactory(name="Housing")
    plan = shared_site_tree["ActionPlanPage"]
    plan.themes = [theme]
    publish(plan)
    warm(client, [plan.url])
    theme.name = "Housing, a draft"
    theme.save_revision()
    assert_all(client, [plan.url], "HIT")


def test_approving_an_endorsement_makes_stale_its_campaign_in_every_language_and_its_listing(
    client, shared_site_tree
):
    campaign = shared_site_tree["CampaignPage"]
    showing = urls_of([campaign, shared_site_tree["CampaignIndexPage"]])
    unrelated = urls_of(
        [shared_site_tree[name] for name in ("ActionPlanPage", "ResourceLibraryPage", "HomePage")]
        + [shared_site_tree[name] for name in ("EventPage", "StandardPage")]
    )
    endorsement = EndorsementFactory(
        campaign_key=campaign.translation_key, status=EndorsementStatus.PENDING
    )
    warm(client, showing + unrelated)

    moderator = get_user_model().objects.create_user("moderator", "m@example.org", "pw")
    endorsement.moderate(EndorsementStatus.APPROVED, moderator)

    assert_all(client, showing, "MISS")
    assert_all(client, unrelated, "HIT")
    for url in urls_of([campaign]):
        assert endorsement.organisation in client.get(url).content.decode()


def test_the_home_page_follows_the_sections_and_the_campaign_it_shows(client, shared_site_tree):
    """A home page showing the latest events and a campaign's endorsement count is stale when
    an event is published there or an endorsement approved, and shows them at once."""
    home, campaign = shared_site_tree["HomePage"], shared_site_tree["CampaignPage"]
    events = shared_site_tree["EventIndexPage"]
    home.body = [
        ("spotlight", {"page": campaign, "heading": "", "button_label": ""}),
        ("section_latest", {"heading": "Next", "section": events, "number": 6, "link_label": ""}),
    ]
    publish(home)
    warm(client, [home.url])
    count = client.get(home.url).content.decode().count("endorsement")

    start = timezone.localdate() + datetime.timedelta(days=400)
    publish(EventPageFactory(parent=events, title="Newly announced debate", start_date=start))
    assert client.get(home.url)["X-Cache"] == "MISS"
    assert "Newly announced debate" in client.get(home.url).content.decode()

    endorsement = EndorsementFactory(
        campaign_key=campaign.translation_key, status=EndorsementStatus.PENDING
    )
    assert client.get(home.url)["X-Cache"] == "HIT"  # a signature waiting changes nothing
    before = re.search(r"(\d+) endorsements?", client.get(home.url).content.decode()).group(1)
    moderator = get_user_model().objects.create_user("moderator", "m@example.org", "pw")
    endorsement.moderate(EndorsementStatus.APPROVED, moderator)
    response = client.get(home.url)
    assert response["X-Cache"] == "MISS"
    after = re.search(r"(\d+) endorsements?", response.content.decode()).group(1)
    assert int(after) == int(before) + 1 and count


@pytest.fixture
def rendered_blocks(monkeypatch):
    """The blocks rendered from now on: [(block, value)]."""
    rendered = []
    original = Block.render

    def render(self, value, context=None):
        rendered.append((self, value))
        return original(self, value, context)

    monkeypatch.setattr(Block, "render", render)
    return rendered


def test_a_menu_title_change_renews_the_menu_everywhere_without_rendering_bodies_again(
    client, shared_site_tree, about, rendered_blocks
):
    plan = shared_site_tree["ActionPlanPage"]
    pages = urls_of([plan, shared_site_tree["EventPage"], shared_site_tree["ResourcePage"]])
    warm(client, pages)
    assert rendered_blocks  # the plan's lines of action were rendered once

    about.title = "Who we are"
    publish(about)
    rendered_blocks.clear()

    for url in pages[:4]:  # the plan in every language
        response = client.get(url)
        assert response["X-Cache"] == "MISS"
    assert "Who we are" in client.get(plan.url).content.decode()
    line_block = plan.lines[0].block
    assert [block for block, _value in rendered_blocks if block is line_block] == []


def test_a_menu_page_whose_body_changes_leaves_the_other_pages_cached(
    client, shared_site_tree, about
):
    pages = urls_of([shared_site_tree["ActionPlanPage"], shared_site_tree["EventPage"]])
    warm(client, pages)
    about.body = [("paragraph", "<p>More about us.</p>")]
    publish(about)
    assert_all(client, pages, "HIT")


def test_the_site_wide_flush_makes_every_page_stale(admin_client, shared_site_tree):
    visitor = Client()
    pages = urls_of([shared_site_tree["ActionPlanPage"], shared_site_tree["HomePage"]])
    warm(visitor, pages)
    call_command("flush_page_cache")
    assert_all(visitor, pages, "MISS")

    url = reverse("clear_page_cache")
    assert admin_client.get(url).status_code == 200
    assert_all(visitor, pages, "HIT")  # looking at the confirmation clears nothing
    response = admin_client.post(url)
    assert response.status_code == 302
    assert_all(visitor, pages, "MISS")


def test_only_superusers_may_clear_the_page_cache(client, shared_site_tree):
    editor = get_user_model().objects.create_user("editor", "e@example.org", "pw")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    pages = urls_of([shared_site_tree["ActionPlanPage"]])
    warm(Client(), pages)
    # Wagtail's admin answers a refusal with a redirect to its dashboard and a message.
    assert client.post(reverse("clear_page_cache")).status_code in (302, 403)
    assert_all(Client(), pages, "HIT")


def test_the_cdn_is_purged_of_the_same_pages(settings, shared_site_tree):
    settings.WAGTAILFRONTENDCACHE = {
        "default": {"BACKEND": "tests.caching.test_page_cache.RecordingBackend"}
    }
    RecordingBackend.purged.clear()
    resource = shared_site_tree["ResourcePage"]
    publish(resource)
    purged = set(RecordingBackend.purged)
    for page in (resource, shared_site_tree["ResourceLibraryPage"]):
        for code in LANGUAGES:
            assert translation_of(page, code).full_url in purged
    assert shared_site_tree["ActionPlanPage"].full_url not in purged
    assert shared_site_tree["EventIndexPage"].full_url not in purged


def test_a_page_the_footer_links_to_renews_the_footer_of_every_page(
    client, shared_site_tree, footer, privacy
):
    pages = urls_of([shared_site_tree["ActionPlanPage"], shared_site_tree["EventPage"]], ["en"])
    warm(client, pages)
    privacy.title = "Privacy notice"
    publish(privacy)
    for url in pages:
        response = client.get(url)
        assert response["X-Cache"] == "MISS"
        assert ">Privacy notice</a>" in response.content.decode()


def test_the_privacy_page_changing_renews_the_kept_endorsement_forms(
    client, shared_site_tree, privacy
):
    from core.models import SitePages

    SitePages.objects.update_or_create(
        site=Site.objects.get(is_default_site=True), defaults={"privacy_page": privacy}
    )
    campaign = shared_site_tree["CampaignPage"]
    warm(client, [campaign.url])
    assert f'href="{privacy.url}"' in client.get(campaign.url).content.decode()

    privacy.slug = "privacy-notice"
    publish(privacy)
    response = client.get(campaign.url)
    assert response["X-Cache"] == "MISS"
    assert 'href="/en/privacy-notice/"' in response.content.decode()
