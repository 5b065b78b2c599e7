"""factory_boy factories of the themes app (tests, benchmarks); those of the snippets and
the tests' translation helpers are in `taxonomy.factories`."""

import factory
import wagtail_factories

from themes.models import ActionPlanPage, ProjectPage, ThemeIndexPage, ThemePage


class ThemeIndexPageFactory(wagtail_factories.PageFactory):
    title = "Work areas"
    slug = "work-areas"
    show_in_menus = True

    class Meta:
        model = ThemeIndexPage


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
