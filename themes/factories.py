"""factory_boy factories of the themes app (tests, benchmarks)."""

import factory
import wagtail_factories
from wagtail.models import Locale

from themes.models import ActionPlanPage, Partner, PartnerKind, ProjectPage, Theme, ThemePage


class EnglishLocaleMixin(factory.django.DjangoModelFactory):
    locale = factory.LazyFunction(lambda: Locale.objects.get(language_code="en"))

    class Meta:
        abstract = True


class ThemeFactory(EnglishLocaleMixin):
    name = factory.Sequence(lambda n: f"Theme {n}")
    slug = factory.Sequence(lambda n: f"theme-{n}")
    description = "A theme for tests."

    class Meta:
        model = Theme


class PartnerFactory(EnglishLocaleMixin):
    name = factory.Sequence(lambda n: f"Partner organisation {n}")
    acronym = factory.Sequence(lambda n: f"PO{n}")
    slug = factory.Sequence(lambda n: f"partner-{n}")
    kind = PartnerKind.NETWORK
    website = "https://example.org/"

    class Meta:
        model = Partner


class ThemePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Work area {n}")
    slug = factory.Sequence(lambda n: f"work-area-{n}")

    class Meta:
        model = ThemePage


class ProjectPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Project {n}")
    slug = factory.Sequence(lambda n: f"project-{n}")
    summary = "A project for tests."

    class Meta:
        model = ProjectPage


class ActionPlanPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Action plan {n}")
    slug = factory.Sequence(lambda n: f"action-plan-{n}")
    strapline = "A strapline"

    class Meta:
        model = ActionPlanPage


def line_of_action(index, partners=(), themes=(), pages=(), heading=None):
    """The raw value of one line of action with partners, themes and linked pages."""
    body = [("paragraph", f"<p>Body of line {index}.</p>")]
    if partners:
        body.append(("partner_logos", {"heading": "Partners", "partners": list(partners)}))
    if pages:
        body.append(("related_pages", {"heading": "Related", "pages": list(pages)}))
    return (
        "line",
        {
            "heading": heading or f"Line of action {index}",
            "anchor": f"line-{index}",
            "summary": f"Summary of line {index}.",
            "body": body,
            "objectives": [f"Objective {index}"],
            "themes": list(themes),
        },
    )
