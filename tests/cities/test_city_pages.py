"""City pages and the cities index: what a city takes part in, in every language, at a
fixed query cost; the index's filters with counts; maps; feeds, search and sitemap."""

import re
import xml.etree.ElementTree as ET
from decimal import Decimal
from html import unescape

import pytest
from django.utils import translation
from wagtail.models import Locale

from campaigns.endorsements import Endorsement, EndorsementStatus
from campaigns.factories import CampaignIndexPageFactory, CampaignPageFactory
from cities.factories import CityIndexPageFactory, CityPageFactory
from cities.models import CityPage, CityRole, Region
from events.factories import EventIndexPageFactory, EventPageFactory
from resources.factories import ResourcePageFactory
from resources.models import ResourceLibraryPage
from taxonomy.factories import ThemeFactory
from tests.conftest import (
    LANGUAGES,
    add_page,
    page_text,
    publish,
    steady_queries,
    translate_everywhere,
    view_then_renew,
)
from themes.factories import ProjectPageFactory, ThemePageFactory
from themes.models import ThemeIndexPage

pytestmark = pytest.mark.django_db

CITY_NAMES = {"fr": "Tanger", "es": "Tánger", "ar": "طنجة"}


def locale_of(code):
    return Locale.objects.get(language_code=code)


def tagged(page, names=None):
    """Translations that say their language: "Title (fr)", slug "slug-fr"; `names` gives a
    city its own name per language."""
    strings = {}
    for code in LANGUAGES:
        title = (names or {}).get(code, f"{page.title} ({code})")
        strings[code] = {page.title: title, page.slug: f"{page.slug}-{code}"}
    return strings


def add_everywhere(parent, factory, names=None, **fields):
    page = add_page(parent, factory, **fields)
    translate_everywhere(page, tagged(page, names))
    return page


def endorse(campaign, city, status=EndorsementStatus.APPROVED, public=True, n=0):
    return Endorsement.objects.create(
        campaign_key=campaign.translation_key,
        signatory_type="local_government",
        organisation=f"City of Tangier {n}",
        city="Tangier",
        country="MA",
        contact_name="A. Person",
        contact_role="Mayor",
        email=f"mayor{n}-{status}-{public}@example.org",
        consent_public=public,
        consent_privacy=True,
        language="en",
        status=status,
        matched_city=city,
    )


@pytest.fixture
def cities_index(home):
    return add_everywhere(home, CityIndexPageFactory)


@pytest.fixture
def tangier(cities_index):
    return add_everywhere(
        cities_index, CityPageFactory, names=CITY_NAMES, title="Tangier", slug="tangier"
    )


@pytest.fixture
def sections(home):
    """A work area, the events index, the campaigns index and the library, translated."""
    areas = add_everywhere(home, ThemeIndexPage, title="Work areas", slug="work-areas")
    return {
        "area": add_everywhere(areas, ThemePageFactory, title="Migration", slug="migration"),
        "events": add_everywhere(home, EventIndexPageFactory),
        "campaigns": add_everywhere(home, CampaignIndexPageFactory),
        "library": add_everywhere(home, ResourceLibraryPage, title="Library", slug="library"),
    }


def link_everything(sections, city, count=1, translated=True):
    """`count` projects, events, campaigns and resources linked to `city` (in 4 languages
    when `translated`); returns the English pages by kind."""
    made = {"projects": [], "events": [], "campaigns": [], "resources": []}
    for n in range(count):
        project = add_page(sections["area"], ProjectPageFactory, title=f"Project {n}")
        project.cities = [city]
        publish(project)
        event = add_page(sections["events"], EventPageFactory, title=f"Event {n}")
        event.host_city = city
        publish(event)
        campaign = add_page(sections["campaigns"], CampaignPageFactory, title=f"Campaign {n}")
        endorse(campaign, city, n=n)
        resource = add_page(sections["library"], ResourcePageFactory, title=f"Resource {n}")
        resource.cities = [city]
        publish(resource)
        for kind, page in zip(made, (project, event, campaign, resource), strict=True):
            if translated:
                translate_everywhere(page, tagged(page))
            made[kind].append(page)
    return made


def map_svg(html):
    """The city map's SVG element of a page, parsed."""
    start = html.index('<svg class="city-map__svg"')
    return html[start : html.index("</svg>", start) + len("</svg>")]


def section_titles(response):
    return {
        section.name: [card.title for card in section.cards]
        for section in response.context["city_sections"]["sections"]
    }


def test_a_city_page_lists_what_the_city_takes_part_in_in_every_language(client, tangier, sections):
    made = link_everything(sections, tangier)
    for code in LANGUAGES:
        city = tangier.get_translation(locale_of(code))
        response = client.get(city.url)
        assert response.status_code == 200
        suffix = "" if code == "en" else f" ({code})"
        assert section_titles(response) == {
            "projects": [f"Project 0{suffix}"],
            "events": [f"Event 0{suffix}"],
            "campaigns": [f"Campaign 0{suffix}"],
            "resources": [f"Resource 0{suffix}"],
        }
        html = response.content.decode()
        for kind in made:
            assert f'id="{kind}-heading"' in html
        assert CITY_NAMES.get(code, "Tangier") in html
        # The counts at the top link to their sections, each named by its kind too: a
        # screen reader's list of links reads "1 Projects", not "1, 1, 1".
        for section in response.context["city_sections"]["sections"]:
            link = re.search(rf'<a href="#{section.name}">(.*?)</a>', html).group(1)
            assert unescape(re.sub(r"<[^>]+>", "", link)) == f"1 {section.heading}"


def test_pending_or_non_public_endorsements_never_show_a_campaign(client, tangier, sections):
    pending = add_page(sections["campaigns"], CampaignPageFactory, title="Pending campaign")
    endorse(pending, tangier, status=EndorsementStatus.PENDING, n=1)
    private = add_page(sections["campaigns"], CampaignPageFactory, title="Private campaign")
    endorse(private, tangier, public=False, n=2)
    unmatched = add_page(sections["campaigns"], CampaignPageFactory, title="Unmatched campaign")
    endorse(unmatched, None, n=3)
    response = client.get(tangier.url)
    assert "campaigns" not in section_titles(response)
    html = response.content.decode()
    for title in ("Pending campaign", "Private campaign", "Unmatched campaign"):
        assert title not in html


def test_a_city_page_costs_the_same_queries_with_1_or_24_linked_items(
    client, tangier, sections, django_assert_num_queries
):
    link_everything(sections, tangier, count=1, translated=False)
    expected, response = steady_queries(client, tangier.url)
    assert sum(s.count for s in response.context["city_sections"]["sections"]) == 4
    link_everything(sections, tangier, count=5, translated=False)  # 6 of each: 24 items
    view_then_renew(client, tangier.url)
    with django_assert_num_queries(expected):
        response = client.get(tangier.url)
    assert sum(s.count for s in response.context["city_sections"]["sections"]) == 24


def test_the_city_page_counts_its_themes(client, tangier, sections):
    housing = ThemeFactory(slug="housing", name="Housing")
    made = link_everything(sections, tangier, count=2, translated=False)
    for page in made["events"] + made["resources"][:1]:
        page.themes = [housing]
        publish(page)
    response = client.get(tangier.url)
    counts = {item.theme.slug: item.count for item in response.context["city_sections"]["themes"]}
    assert counts == {"housing": 3}
    assert 'Housing <span class="tag__count">(3)</span>' in response.content.decode()


def test_the_city_page_shows_the_city_on_a_map_in_the_visitors_language(client, tangier):
    french = tangier.get_translation(locale_of("fr"))
    html = page_text(client, french.url)
    svg = map_svg(html)
    root = ET.fromstring(svg)
    links = root.findall(".//{http://www.w3.org/2000/svg}a")
    assert [link.get("href") for link in links] == [french.url]
    assert "Tanger" in (links[0].get("aria-label") or "")


def test_coordinates_outside_the_country_are_refused(cities_index):
    from django.core.exceptions import ValidationError

    city = CityPageFactory.build(
        title="Tangier", slug="tangier-2", latitude=Decimal("40.4168"), longitude=Decimal("-3.7038")
    )  # Madrid's coordinates
    city.locale = cities_index.locale
    with pytest.raises(ValidationError) as error:
        city.full_clean(exclude=["path", "depth"])
    assert "Spain" in str(error.value) and "Morocco" in str(error.value)
    city.latitude, city.longitude = Decimal("-5.8340"), Decimal("35.7595")  # swapped
    with pytest.raises(ValidationError) as error:
        city.full_clean(exclude=["path", "depth"])
    assert "swapped" in str(error.value)


def test_an_editor_adds_a_city_from_the_admin_form_which_checks_its_coordinates(
    admin_client, cities_index
):
    from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

    def post(latitude, longitude):
        data = nested_form_data(
            {
                "title": "Dakar",
                "slug": "dakar",
                "country": "SN",
                "region": Region.AFRICA,
                "latitude": latitude,
                "longitude": longitude,
                "role": CityRole.MEMBER,
                "member_since": "",
                "introduction": rich_text(""),
                "links": streamfield([]),
                "listing_summary": "",
                "action-publish": "publish",
            }
        )
        return admin_client.post(
            f"/admin/pages/add/cities/citypage/{cities_index.pk}/", data, follow=False
        )

    response = post("48.8566", "2.3522")  # Paris
    assert response.status_code == 200
    assert "not in Senegal" in response.content.decode()
    assert not CityPage.objects.filter(slug="dakar").exists()
    response = post("14.6928", "-17.4467")
    assert response.status_code == 302, response.content.decode()[-3000:]
    dakar = CityPage.objects.get(slug="dakar")
    assert dakar.live and dakar.get_parent().pk == cities_index.pk


# The index --------------------------------------------------------------------------


@pytest.fixture
def many_cities(cities_index):
    housing = ThemeFactory(slug="housing", name="Housing")
    cities = {
        "tangier": ("MA", Region.AFRICA, "35.7595", "-5.8340", CityRole.CO_CHAIR),
        "casablanca": ("MA", Region.AFRICA, "33.5731", "-7.5898", CityRole.MEMBER),
        "lyon": ("FR", Region.EUROPE, "45.7640", "4.8357", CityRole.MEMBER),
        "beirut": ("LB", Region.MIDDLE_EAST, "33.8938", "35.5018", CityRole.PARTNER),
    }
    made = {}
    for slug, (country, region, lat, lon, role) in cities.items():
        city = CityPageFactory(
            parent=cities_index,
            title=slug.title(),
            slug=slug,
            country=country,
            region=region,
            latitude=Decimal(lat),
            longitude=Decimal(lon),
            role=role,
        )
        if slug in ("tangier", "lyon"):
            city.themes = [housing]
        made[slug] = publish(city)
    return made


def index_titles(response):
    return [card.title for card in response.context["cards"]]


def test_the_index_filters_by_country_region_role_and_theme_with_counts(
    client, cities_index, many_cities
):
    url = cities_index.url
    assert index_titles(client.get(url)) == ["Beirut", "Casablanca", "Lyon", "Tangier"]
    response = client.get(url, {"country": "MA"})
    assert index_titles(response) == ["Casablanca", "Tangier"]
    form = response.context["filter_form"]
    # Each option counts the cities it would show with the other filters kept.
    assert dict(form.fields["country"].choices)["MA"] == "Morocco (2)"
    assert dict(form.fields["country"].choices)["FR"] == "France (1)"
    assert dict(form.fields["theme"].choices)["housing"] == "Housing (1)"
    assert dict(form.fields["role"].choices)["co_chair"].endswith("(1)")
    assert index_titles(client.get(url, {"region": "europe"})) == ["Lyon"]
    assert index_titles(client.get(url, {"theme": "housing"})) == ["Lyon", "Tangier"]
    assert index_titles(client.get(url, {"role": "partner"})) == ["Beirut"]
    both = client.get(url, {"theme": "housing", "region": "africa"})
    assert index_titles(both) == ["Tangier"]
    # The map shows what the filters keep.
    html = both.content.decode()
    svg = map_svg(html)
    hrefs = [a.get("href") for a in ET.fromstring(svg).iter("{http://www.w3.org/2000/svg}a")]
    assert hrefs == [many_cities["tangier"].url]


def test_the_index_ignores_garbage_parameters(client, cities_index, many_cities):
    for params in (
        {"country": "ZZ"},
        {"region": "<script>"},
        {"theme": "x" * 500},
        {"role": "\x00"},
        {"page": "-1"},
        {"country": ["MA", "FR"]},
    ):
        response = client.get(cities_index.url, params)
        assert response.status_code in (200, 404), params
        assert response.status_code == 200 or params.get("page")
        if response.status_code == 200:
            assert '<h1 class="page-header__title">Cities</h1>' in response.content.decode()


# Feeds, search and sitemap -------------------------------------------------------------


def test_a_city_has_an_atom_feed_of_its_content_in_each_language(client, tangier, sections):
    link_everything(sections, tangier)
    french = tangier.get_translation(locale_of("fr"))
    response = client.get(f"{french.url}feed/")
    assert response.status_code == 200
    feed = ET.fromstring(response.content)
    atom = "{http://www.w3.org/2005/Atom}"
    titles = sorted(entry.findtext(f"{atom}title") for entry in feed.iter(f"{atom}entry"))
    assert titles == sorted(
        f"{kind} 0 (fr)" for kind in ("Project", "Event", "Campaign", "Resource")
    )
    assert "Tanger" in feed.findtext(f"{atom}title")


def test_city_pages_are_found_by_the_site_search_in_their_language(client, tangier):
    from django.urls import reverse

    with translation.override("fr"):
        url = reverse("search")
    response = client.get(url, {"q": "Tanger"})
    assert response.status_code == 200
    assert tangier.get_translation(locale_of("fr")).url in response.content.decode()


def test_city_pages_are_in_the_sitemap_with_their_alternates(client, tangier):
    body = client.get("/sitemap.xml").content.decode()
    french = tangier.get_translation(locale_of("fr"))
    assert french.full_url in body
    assert 'hreflang="ar"' in body


# Maps on other pages ----------------------------------------------------------------


def map_links(html):
    """(href, accessible name) of every city on the page's map."""
    root = ET.fromstring(map_svg(html))
    return [
        (link.get("href"), link.get("aria-label"))
        for link in root.iter("{http://www.w3.org/2000/svg}a")
    ]


def test_the_campaign_map_shows_only_approved_public_signatories(
    client, cities_index, many_cities, sections
):
    campaign = add_page(sections["campaigns"], CampaignPageFactory, title="Welcoming cities")
    endorse(campaign, many_cities["tangier"], n=1)
    endorse(campaign, many_cities["tangier"], n=2)
    endorse(campaign, many_cities["lyon"], status=EndorsementStatus.PENDING, n=3)
    endorse(campaign, many_cities["beirut"], public=False, n=4)
    endorse(campaign, many_cities["casablanca"], status=EndorsementStatus.REJECTED, n=5)
    html = page_text(client, campaign.url)
    assert map_links(html) == [(many_cities["tangier"].url, "Tangier — 2 endorsements")]


def test_the_project_map_shows_its_cities_in_the_visitors_language(client, tangier, sections):
    project = add_page(
        sections["area"],
        ProjectPageFactory,
        title="MC2CM",
        participating_cities=[("city", "Tangier"), ("city", "Naples")],
    )
    project.cities = [tangier]
    publish(project)
    strings = tagged(project)
    strings["fr"].update({"Tangier": "Tanger", "Naples": "Naples"})
    translate_everywhere(project, strings)
    french = project.get_translation(locale_of("fr"))
    html = page_text(client, french.url)
    french_tangier = tangier.get_translation(locale_of("fr"))
    assert map_links(html) == [(french_tangier.url, "Tanger")]
    # A city named only (no page yet) is listed after the map; a mapped one is not repeated.
    assert '<ul class="city-list"><li>Naples</li></ul>' in html


# The page cache ---------------------------------------------------------------------


@pytest.fixture
def cached_pages(settings):
    from django.core.cache import cache

    settings.PAGE_CACHE_SECONDS = 600
    cache.clear()
    yield
    cache.clear()


def test_linking_a_page_to_a_city_or_unlinking_it_renews_the_city_page(
    client, cities_index, many_cities, sections, cached_pages
):
    tangier, lyon = many_cities["tangier"], many_cities["lyon"]
    event = add_page(sections["events"], EventPageFactory, title="Housing debate")
    for city in (tangier, lyon):
        client.get(city.url)
        assert client.get(city.url)["X-Cache"] == "HIT"
    event.host_city = tangier
    publish(event)
    assert "Housing debate" in client.get(tangier.url).content.decode()
    client.get(lyon.url)
    event.host_city = lyon  # moved: the city it left is renewed too
    publish(event)
    assert "Housing debate" not in client.get(tangier.url).content.decode()
    assert "Housing debate" in client.get(lyon.url).content.decode()
    resource = add_page(sections["library"], ResourcePageFactory, title="Lyon profile")
    resource.cities = [lyon]
    publish(resource)
    assert "Lyon profile" in client.get(lyon.url).content.decode()


def test_a_city_page_without_a_summary_describes_itself_from_its_introduction(client, cities_index):
    city = add_page(
        cities_index,
        CityPageFactory,
        title="Lyon",
        slug="lyon",
        country="FR",
        region=Region.EUROPE,
        latitude=Decimal("45.7640"),
        longitude=Decimal("4.8357"),
        listing_summary="",
        introduction="<p>A city of the Rhône &amp; the Saône.</p><p>Member since 2007.</p>",
    )
    html = client.get(city.url).content.decode()
    expected = "A city of the Rhône &amp; the Saône. Member since 2007."
    assert f'<meta name="description" content="{expected}">' in html
