"""A translation behind its source tells visitors so, in their language, until it is synced
and published again; a site setting turns the notice off."""

import pytest
from django.utils import translation as django_translation
from wagtail.models import Locale, Site
from wagtail_localize.models import TranslationSource

from localization import workflow
from localization.models import TranslationSettings
from tests.localization.conftest import translation_for

pytestmark = pytest.mark.django_db
NOTICE = "notice--translation"


@pytest.fixture
def about(about):
    """The English About page (translated into French and Spanish)."""
    return about["en"]


def spanish_html(client, about):
    spanish = about.get_translation(Locale.objects.get(language_code="es"))
    response = client.get(spanish.url)
    assert response.status_code == 200
    return response.content.decode()


def edit_source(page, user=None):
    page.refresh_from_db()
    page.introduction += " Updated."
    page.save_revision(user=user).publish(user=user)


def test_notice_appears_after_a_source_change_and_goes_after_sync_and_publish(
    client, about, django_capture_on_commit_callbacks
):
    assert NOTICE not in spanish_html(client, about)
    edit_source(about)
    html = spanish_html(client, about)
    assert NOTICE in html
    with django_translation.override("es"):
        from django.utils.translation import gettext

        assert gettext("Read the original version") in html
    assert 'href="/en/about/" hreflang="en"' in html
    # One line under the page's title, not a box above it.
    header_end = html.index("</header>", html.index('class="page-header'))
    assert header_end < html.index(NOTICE) < html.index('class="stream"', header_end)

    workflow.sync(TranslationSource.objects.get_for_instance(about), user=None)
    # Synced but not yet published: the public page is still the old translation.
    assert NOTICE in spanish_html(client, about)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.publish(translation_for(about, "es"), user=None)
    assert NOTICE not in spanish_html(client, about)


def test_a_site_setting_turns_the_notice_off(client, about):
    edit_source(about)
    assert NOTICE in spanish_html(client, about)
    settings = TranslationSettings.for_site(Site.objects.get(is_default_site=True))
    settings.show_out_of_date_notice = False
    settings.save()
    assert NOTICE not in spanish_html(client, about)


def test_source_pages_show_no_notice(client, about):
    edit_source(about)
    assert NOTICE not in client.get("/en/about/").content.decode()
