"""Demo cities (cities/demo/pages.toml): the MC2CM project's participating cities and the
cities of the sample events and endorsements, as sample profiles in four languages through
wagtail-localize; then (`link`, at the demo's "links" stage) the demo content of the apps
above matched to them.

The links are applied to every language version of a page (each gets the city pages of its
own language) and to the sample endorsements; what already holds its cities is left as it
is, so loading again changes nothing. The apps above are named only in the data: this app
imports none of them.
"""

from decimal import Decimal
from pathlib import Path

from django.apps import apps
from wagtail_localize.models import TranslationSource

from core.demo import (
    build,
    ensure_pages,
    field_value,
    locale_of,
    page_at,
    read_catalogs,
    read_data,
)

DEMO = Path(__file__).parent / "demo"


def load():
    data = read_data(DEMO / "pages.toml")
    created = []
    ensure_pages(data["pages"], read_catalogs(DEMO / "locale"), created, build_page=_build)
    return len(created)


def link():
    """The demo content of the apps above, loaded after the cities, matched to them."""
    data = read_data(DEMO / "pages.toml")
    created = []
    for link in data["links"]:
        _link_page(dict(link), created)
    for link in data["endorsements"]:
        _link_endorsement(dict(link), created)
    return len(created)


def _build(model, fields, locale):
    """A page whose coordinates, TOML floats, are the decimals written (4 decimal places)."""
    fields = {k: Decimal(str(v)) if isinstance(v, float) else v for k, v in fields.items()}
    return build(model, fields, locale)


def _link_page(fields, created):
    """Set the fields of every language version of the page (not aliases, which follow their
    original), publishing a version only when it changes: its source first, whose new
    content wagtail-localize then records as synced, so that its translations, published
    after it, are not shown as behind it."""
    source = page_at(fields.pop("page"), locale_of("en"))
    versions = source.get_translations().filter(alias_of__isnull=True).specific()
    for page in [source, *versions]:
        changed = False
        for name, value in fields.items():
            field = type(page)._meta.get_field(name)
            wanted = field_value(field, value, page.locale)
            if field.many_to_many:
                same = {item.pk for item in getattr(page, name).all()} == {p.pk for p in wanted}
            else:
                same = getattr(page, field.attname) == wanted.pk
            if not same:
                setattr(page, name, wanted)
                changed = True
        if changed:
            page.save_revision().publish()
            created.append(page)
            if page is source:
                TranslationSource.update_or_create_from_instance(page)


def _link_endorsement(fields, created):
    """Match a sample endorsement (its campaign and email) to its city's page."""
    endorsement_model = apps.get_model("campaigns", "Endorsement")
    english = locale_of("en")
    campaign = page_at(fields.pop("campaign"), english)
    endorsement = endorsement_model.objects.filter(
        campaign_key=campaign.translation_key, email=fields.pop("email")
    ).first()
    if endorsement is None:
        return
    changed = []
    for name, value in fields.items():
        field = endorsement_model._meta.get_field(name)
        wanted = field_value(field, value, english)
        if getattr(endorsement, field.attname) != wanted.pk:
            setattr(endorsement, name, wanted)
            changed.append(name)
    if changed:
        endorsement.save(update_fields=changed)
        created.append(endorsement)


DEMO_LOADERS = {"content": load, "links": link}
