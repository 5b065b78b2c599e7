"""factory_boy factories of the themes app (tests, benchmarks), and `translate_now` and
`translate_page`, with which tests translate what they build (pages of any app, snippets)
through wagtail-localize, as translators do."""

import factory
import wagtail_factories
from django.test import TestCase
from wagtail.models import Locale

from core.localize import translate
from themes.models import (
    ActionPlanPage,
    AgendaReference,
    Partner,
    PartnerKind,
    ProjectPage,
    Theme,
    ThemeIndexPage,
    ThemePage,
)


def translate_now(instance, language_code, strings=None):
    """Translate a page or snippet through wagtail-localize and publish it at once.

    `strings` maps source strings to their translation; the others keep the source text.
    wagtail-localize publishes on commit, which never comes inside a test's transaction:
    the callbacks are run here (outside a transaction they run at once anyway).
    """
    with TestCase.captureOnCommitCallbacks(execute=True):
        target = translate(instance, language_code, strings or {}, fill_from_source=True)
    target.refresh_from_db()
    return target


def translate_page(page, language_code, strings=None):
    """Translate `page` and those of its ancestors not yet in that language (a child
    translated before its parent would get an alias of the parent), publishing them."""
    locale = Locale.objects.get(language_code=language_code)
    for ancestor in page.get_ancestors().filter(depth__gt=2).specific():
        existing = ancestor.get_translation_or_none(locale)
        if existing is None or existing.alias_of_id:
            translate_now(ancestor, language_code, strings)
    return translate_now(page, language_code, strings)


def translator(translations):
    """A function (page, language code) → the page in that language, translated with
    `translations` ({language code: {source: translation}}) where it is not already."""

    def translated(page, language_code):
        if language_code == page.locale.language_code:
            return page
        return translate_page(page, language_code, translations[language_code])

    return translated


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


class AgendaReferenceFactory(EnglishLocaleMixin):
    agenda = "sdg"
    code = factory.Sequence(lambda n: f"SDG {n}")
    title = factory.Sequence(lambda n: f"Agenda commitment {n}")
    slug = factory.Sequence(lambda n: f"sdg-{n}")

    class Meta:
        model = AgendaReference


class PartnerFactory(EnglishLocaleMixin):
    name = factory.Sequence(lambda n: f"Partner organisation {n}")
    acronym = factory.Sequence(lambda n: f"PO{n}")
    slug = factory.Sequence(lambda n: f"partner-{n}")
    kind = PartnerKind.NETWORK
    website = "https://example.org/"

    class Meta:
        model = Partner


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
