"""The demo content: made through wagtail-localize, and safe to load again."""

import pytest
from django.core.management import call_command
from wagtail.models import Page, PageLogEntry, Revision
from wagtail_localize.models import Translation

from core.models import FooterContent
from home.models import StandardPage

pytestmark = pytest.mark.django_db


def snapshot():
    return (
        Page.objects.count(),
        Revision.objects.count(),
        Translation.objects.count(),
        FooterContent.objects.count(),
        PageLogEntry.objects.count(),
    )


def test_loading_the_demo_content_again_changes_nothing():
    before = snapshot()
    call_command("load_demo_content", verbosity=0)
    assert snapshot() == before


def test_translations_come_from_wagtail_localize(home):
    about = StandardPage.objects.get(locale__language_code="en", slug="about")
    for language in ("fr", "es", "ar"):
        assert Translation.objects.filter(
            source__object_id=about.translation_key,
            target_locale__language_code=language,
        ).exists()
        translated = about.get_translation(
            Translation.objects.filter(target_locale__language_code=language).first().target_locale
        )
        assert translated.live and translated.alias_of_id is None
    assert FooterContent.objects.count() == 4


def test_arabic_pages_have_latin_slugs():
    for page in Page.objects.filter(locale__language_code="ar", depth__gt=2):
        assert page.slug.isascii(), page.slug
        assert page.url.isascii()
