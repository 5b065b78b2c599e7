"""factory_boy factories of the home app (tests, benchmarks)."""

import factory
import wagtail_factories

from home.models import HomePage, StandardPage


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Home"
    slug = "home"
    hero_title = "Cities for inclusion"
    listing_summary = "Local governments working together."

    class Meta:
        model = HomePage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Standard page {n}")
    slug = factory.Sequence(lambda n: f"standard-page-{n}")
    listing_summary = "A standard page for tests."

    class Meta:
        model = StandardPage
