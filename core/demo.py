"""Helpers for the demo-content loaders of every app: find or create, then translate."""

from django.conf import settings
from wagtail.models import Locale, Page

from core.localize import translate


def other_languages(source_language):
    return [code for code, _name in settings.LANGUAGES if code != source_language]


def child_by_slug(parent, slug):
    return parent.get_children().filter(slug=slug).specific().first()


def ensure_child(parent, page, counter):
    """Add `page` under `parent` unless a page with its slug is already there."""
    existing = child_by_slug(parent, page.slug)
    if existing is not None:
        return existing
    parent.add_child(instance=page)
    page.save_revision().publish()
    counter.append(page)
    return page


def ensure_translations(instance, translations, counter, source_language=None):
    """Translate `instance` into every other language through wagtail-localize, once.

    `translations` is {language_code: {source string: translated string}}. A language that
    already has a real translation (not an alias) is left as it is.
    """
    source_language = source_language or instance.locale.language_code
    results = {source_language: instance}
    for code in other_languages(source_language):
        locale = Locale.objects.get(language_code=code)
        existing = instance.get_translation_or_none(locale)
        if existing is not None and not (isinstance(existing, Page) and existing.alias_of_id):
            results[code] = existing
            continue
        results[code] = translate(instance, code, translations[code])
        counter.append(results[code])
    return results
