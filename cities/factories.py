"""factory_boy factories of the cities app (tests, benchmarks)."""

from decimal import Decimal

import factory
import wagtail_factories

from cities.models import CityIndexPage, CityPage, CityRole, Region


class CityIndexPageFactory(wagtail_factories.PageFactory):
    title = "Cities"
    slug = "cities"
    show_in_menus = True

    class Meta:
        model = CityIndexPage


class CityPageFactory(wagtail_factories.PageFactory):
    """Tangier by default: a real place, so the coordinates check passes."""

    title = factory.Sequence(lambda n: f"City {n}")
    slug = factory.Sequence(lambda n: f"city-{n}")
    country = "MA"
    region = Region.AFRICA
    latitude = Decimal("35.7595")
    longitude = Decimal("-5.8340")
    role = CityRole.MEMBER
    listing_summary = "A city for tests."

    class Meta:
        model = CityPage
