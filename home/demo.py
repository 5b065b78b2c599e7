"""Demo content of the home app: the home page, About, Legal notice, Privacy and the footer."""

from urllib.parse import urlsplit

from django.conf import settings
from wagtail.models import Page, Site

from core.demo import child_by_slug, ensure_child, ensure_translations
from core.models import FooterContent, SitePages
from home.demo_translations import TRANSLATIONS
from home.models import HomePage, StandardPage


def _paragraphs(*texts):
    return "".join(f"<p>{text}</p>" for text in texts)


ABOUT = dict(
    title="About the committee",
    slug="about",
    show_in_menus=True,
    listing_summary="Who we are: local governments working together on social inclusion, "
    "participatory democracy and human rights.",
    introduction="The committee brings together local governments of a world network of cities "
    "and regions to share knowledge and shape policy on social inclusion, participatory "
    "democracy, human rights and migration.",
    body=[
        (
            "paragraph",
            _paragraphs(
                "Our members are cities, regions and associations of local governments from every "
                "continent. They meet in peer-learning events and policy debates, write action plans "
                "together and speak with one voice in global processes.",
                "We work in English, French, Spanish and Arabic, so that every local government can "
                "take part in its own language.",
            ),
        ),
        (
            "quote",
            {
                "quote": "The right to the city is the right of every inhabitant to shape the place "
                "where they live.",
                "attribution": "The committee's co-presidency",
                "role": "",
            },
        ),
    ],
)

LEGAL = dict(
    title="Legal notice",
    slug="legal-notice",
    show_in_menus=False,
    listing_summary="Who publishes this website and under which terms.",
    introduction="This website is published by the committee's secretariat on behalf of its "
    "member local governments.",
    body=[
        (
            "paragraph",
            _paragraphs(
                "Texts published on this website may be reproduced for non-commercial purposes, "
                "provided the source is cited.",
                "Photographs and logos remain the property of their authors and may not be reused "
                "without their permission.",
            ),
        ),
    ],
)

PRIVACY = dict(
    title="Privacy",
    slug="privacy",
    show_in_menus=False,
    listing_summary="What personal data this website collects, why, and your rights.",
    introduction="We collect as little personal data as we can, and never sell or share it "
    "for advertising.",
    body=[
        (
            "paragraph",
            _paragraphs(
                "This website uses no advertising, no tracking and no third-party scripts. Public "
                "pages set no cookies.",
                "When a local government endorses a campaign, we keep the contact details it gives "
                "us to confirm the endorsement and to inform it about the campaign. Only the name of "
                "the organisation, its city and its country are published, and only with its consent.",
                "You may ask to see, correct or delete your data at any time by writing to the "
                "secretariat.",
            ),
        ),
    ],
)

HOME = dict(
    title="Home",
    slug="home",
    hero_title="Cities for inclusion, participation and human rights",
    listing_summary="Local governments working together on social inclusion, participatory "
    "democracy, human rights and migration.",
    introduction=_paragraphs(
        "Local governments of a world network share knowledge, build policy and speak together "
        "for welcoming cities and the right to the city for all.",
    ),
)

FOOTER_TEXT = _paragraphs(
    "A committee of a world network of local governments, working for social inclusion, "
    "participatory democracy and human rights.",
)


def _ensure_home(created):
    site = Site.objects.get(is_default_site=True)
    root_page = site.root_page.specific
    if isinstance(root_page, HomePage):
        return root_page
    root = Page.get_first_root_node()
    # Wagtail's "Welcome" placeholder takes the slug "home": remove it once the site moves.
    placeholder = root_page if root_page.depth == 2 and type(root_page) is Page else None
    if placeholder is not None:
        placeholder.delete()
    home = child_by_slug(root, HOME["slug"])
    if home is None:
        home = HomePage(**HOME)
        root.add_child(instance=home)
        home.save_revision().publish()
        created.append(home)
    # The site's address makes canonical, hreflang and sitemap URLs absolute.
    base_url = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    site.hostname = base_url.hostname or "localhost"
    site.port = base_url.port or (443 if base_url.scheme == "https" else 80)
    site.root_page = home
    site.site_name = "CISDP"
    site.save()
    return home


def load():
    created = []
    home = _ensure_home(created)
    pages = {
        fields["slug"]: ensure_child(home, StandardPage(**fields), created)
        for fields in (ABOUT, LEGAL, PRIVACY)
    }
    SitePages.objects.get_or_create(
        site=home.get_site(), defaults={"privacy_page": pages["privacy"]}
    )
    if not home.body:
        home.body = [
            ("featured_pages", {"heading": "Get to know the committee", "pages": [pages["about"]]})
        ]
        home.save_revision().publish()
    # The home page first: translating a child before its parent exists in the target
    # language would make wagtail-localize create an alias of the parent instead.
    ensure_translations(home, TRANSLATIONS, created)
    for page in pages.values():
        ensure_translations(page, TRANSLATIONS, created)

    footer = FooterContent.objects.filter(locale=home.locale).first()
    if footer is None:
        footer = FooterContent.objects.create(
            locale=home.locale,
            text=FOOTER_TEXT,
            links=[
                ("link", {"label": "", "page": pages[slug], "url": ""})
                for slug in ("about", "legal-notice", "privacy")
            ],
        )
        created.append(footer)
    ensure_translations(footer, TRANSLATIONS, created)
    return len(created)
