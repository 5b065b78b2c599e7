"""factory_boy factories of the taxonomy app (tests, benchmarks), and `translate_now` and
`translate_page`, with which tests translate what they build (pages of any app, snippets)
through wagtail-localize, as translators do."""

import factory
from django.test import TestCase
from wagtail.models import Locale

from core.localize import translate
from taxonomy.models import AgendaReference, Partner, PartnerKind, Theme


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
