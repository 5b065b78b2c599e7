"""A page's whole life in two languages, as its people live it in the admin: an editor
submits it, translators translate, reviewers publish. At each step the dashboard, the
inbox, the public page, its hreflang alternates, the language switcher and the sitemap
tell the same story, and nothing reaches the public in a language before its reviewer
publishes it."""

import datetime
import re

import pytest
from django.test import Client
from django.utils import formats, translation
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, TranslationSource

from campaigns.factories import CampaignPageFactory
from campaigns.models import CampaignIndexPage
from localization.models import TranslationEvent
from tests.conftest import add_page, alternates, switcher, tagged_strings, translate_everywhere
from tests.localization.conftest import DASHBOARD, put, refused, state_of, translation_for

pytestmark = pytest.mark.django_db

NOTICE = "notice--translation"
SPANISH = {
    "Cities of refuge": "Ciudades refugio",
    "cities-of-refuge": "ciudades-refugio",
    "Cities welcome people who flee.": "Las ciudades acogen a quienes huyen.",
    "We, local governments, open our doors.": "Nosotros, gobiernos locales, abrimos las puertas.",
}


def public(url):
    """The page at `url` as an anonymous visitor gets it: (status, HTML)."""
    response = Client().get(url)
    return response.status_code, response.content.decode()


def spanish_date(day):
    """A date as the Spanish campaign page shows it."""
    with translation.override("es"):
        return formats.date_format(day, "DATE_FORMAT")


def sitemap_urls():
    xml = Client().get("/sitemap.xml").content.decode()
    return set(re.findall(r"<loc>([^<]+)</loc>", xml))


def assert_not_public(source, draft):
    """`draft`, a translation of `source`, is not on the public site: as for a page with no
    translation in that language."""
    code = draft.locale.language_code
    draft.refresh_from_db()
    assert not draft.live
    assert public(draft.url)[0] == 404
    assert code not in alternates(Client(), source.url)
    assert f'href="/{code}/"' in switcher(Client(), source.url)  # to that language's home
    assert not any(f"/{code}/" in url for url in sitemap_urls() if "refug" in url)


def assert_public_and_reciprocal(source, target):
    target.refresh_from_db()
    status, html = public(target.url)
    assert status == 200
    assert alternates(Client(), source.url)["es"].endswith(target.url)
    assert alternates(Client(), target.url)["en"].endswith(source.url)
    assert f'href="{target.url}"' in switcher(Client(), source.url)
    assert any(url.endswith(target.url) for url in sitemap_urls())
    return html


def inbox(client):
    html = client.get("/admin/").content.decode()
    return html[html.index('id="translator-inbox"') :].split("</section>")[0]


def test_a_page_from_submission_to_publication_in_every_state(
    home, users, login, django_capture_on_commit_callbacks
):
    spanish, arabic = (Locale.objects.get(language_code=code) for code in ("es", "ar"))
    index = add_page(home, CampaignIndexPage, title="Campaigns", slug="campaigns")
    translate_everywhere(index, tagged_strings(index))
    campaign = add_page(
        index,
        CampaignPageFactory,
        title="Cities of refuge",
        slug="cities-of-refuge",
        summary="Cities welcome people who flee.",
        declaration="<p>We, local governments, open our doors.</p>",
        start_date=datetime.date(2026, 3, 1),
    )

    # The editor submits it for Spanish and Arabic from the dashboard's missing rows;
    # the submission's transaction commits.
    editor = login(users["editor"])
    assert state_of(editor, campaign.title, "es") == ("missing", "")
    submit_url = f"/admin/localize/submit/page/{campaign.pk}/"
    dashboard = editor.get(DASHBOARD, {"locale": "es", "state": "missing"}).content.decode()
    assert f'href="{submit_url}">Translate into Español</a>' in dashboard
    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(submit_url, {"locales": [spanish.pk, arabic.pk]})
    assert response.status_code == 302
    assert state_of(editor, campaign.title, "es") == ("in_progress", "0")
    assert state_of(editor, campaign.title, "ar") == ("in_progress", "0")
    draft_es, draft_ar = (campaign.get_translation(locale) for locale in (spanish, arabic))
    assert_not_public(campaign, draft_es)
    assert_not_public(campaign, draft_ar)

    # The Spanish translator translates half of it: still nothing public.
    translation = translation_for(campaign, "es")
    segments = list(StringSegment.objects.filter(source=translation.source).order_by("order"))
    assert len(segments) == 4  # title, slug, summary, declaration
    translator = login(users["translator_es"])
    for segment in segments[:2]:
        put(translator, translation, segment, SPANISH[segment.string.data])
    assert state_of(translator, campaign.title, "es") == ("in_progress", "50")
    assert "Cities of refuge" in inbox(translator)
    assert_not_public(campaign, draft_es)

    # The translator cannot publish, from wagtail-localize's editor or the review page.
    detail = f"{DASHBOARD}translation/{translation.pk}/"
    with django_capture_on_commit_callbacks(execute=True):
        assert refused(translator.post(f"/admin/pages/{draft_es.pk}/edit/", {"action": "publish"}))
        assert refused(translator.post(detail, {"action": "publish"}))
    assert_not_public(campaign, draft_es)

    # The rest, marked ready; the reviewer publishes: public, up to date, linked both ways.
    for segment in segments[2:]:
        put(translator, translation, segment, SPANISH[segment.string.data])
    mark_ready = 'name="action" value="ready"'
    assert mark_ready in translator.get(detail).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        assert translator.post(detail, {"action": "ready"}).status_code == 302
    assert mark_ready not in translator.get(detail).content.decode()  # handed over once
    reviewer = login(users["reviewer_es"])
    assert state_of(reviewer, campaign.title, "es") == ("ready", "100")
    assert "Cities of refuge" in inbox(reviewer)
    # The review page: a preview of the Spanish page, and no hand-off for the reviewer.
    review = reviewer.get(detail).content.decode()
    preview = f"/admin/localize/translate/{translation.pk}/preview/"
    assert f'href="{preview}"' in review and mark_ready not in review
    assert "Ciudades refugio" in reviewer.get(preview).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        assert reviewer.post(detail, {"action": "publish"}).status_code == 302
    assert state_of(reviewer, campaign.title, "es") == ("up_to_date", "100")
    assert "Cities of refuge" not in inbox(reviewer)
    html = assert_public_and_reciprocal(campaign, draft_es)
    assert "Ciudades refugio" in html and NOTICE not in html
    assert_not_public(campaign, draft_ar)

    # A synchronised field changes in the source: the Spanish page is behind and says so.
    campaign.refresh_from_db()
    campaign.start_date = datetime.date(2026, 4, 15)
    campaign.save_revision(user=users["editor"]).publish(user=users["editor"])
    editor = login(users["editor"])
    assert state_of(editor, campaign.title, "es") == ("out_of_date", "100")
    html = public(draft_es.url)[1]
    assert NOTICE in html and spanish_date(datetime.date(2026, 3, 1)) in html

    # Synced from wagtail-localize's own view, even asking it to publish: nothing is
    # published, the reviewer has it in their inbox, ready to publish.
    source = TranslationSource.objects.get_for_instance(campaign)
    sync_form = editor.get(f"/admin/localize/update/{source.pk}/").content.decode()
    assert 'name="publish_translations"' not in sync_form
    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(
            f"/admin/localize/update/{source.pk}/", {"publish_translations": "on"}
        )
    assert response.status_code == 302
    assert state_of(editor, campaign.title, "es") == ("ready", "100")
    html = public(draft_es.url)[1]
    assert NOTICE in html and spanish_date(datetime.date(2026, 3, 1)) in html
    reviewer = login(users["reviewer_es"])
    assert "Cities of refuge" in inbox(reviewer)

    with django_capture_on_commit_callbacks(execute=True):
        assert reviewer.post(detail, {"action": "publish"}).status_code == 302
    assert state_of(reviewer, campaign.title, "es") == ("up_to_date", "100")
    html = public(draft_es.url)[1]
    assert NOTICE not in html and spanish_date(datetime.date(2026, 4, 15)) in html

    # A text field changes: out of date, then after a sync in progress (one string new).
    campaign.refresh_from_db()
    campaign.summary = "Cities welcome people who flee war and persecution."
    campaign.save_revision(user=users["editor"]).publish(user=users["editor"])
    editor = login(users["editor"])
    assert state_of(editor, campaign.title, "es") == ("out_of_date", "100")
    with django_capture_on_commit_callbacks(execute=True):
        editor.post(f"{DASHBOARD}sync/", {"source": [source.pk]})
    assert state_of(editor, campaign.title, "es") == ("in_progress", "75")

    # The reviewer publishes the incomplete translation only after confirming, from
    # wagtail-localize's editor or the review page, which names the untranslated field.
    reviewer = login(users["reviewer_es"])
    with django_capture_on_commit_callbacks(execute=True):
        response = reviewer.post(f"/admin/pages/{draft_es.pk}/edit/", {"action": "publish"})
    assert response.status_code == 302 and response["Location"] == detail
    with django_capture_on_commit_callbacks(execute=True):
        response = reviewer.post(detail, {"action": "publish"})
    confirmation = response.content.decode()
    assert response.status_code == 200 and 'id="l10n-confirm-incomplete"' in confirmation
    assert "<li>Summary</li>" in confirmation
    assert "This field is required" not in confirmation  # the send-back form is untouched
    assert "war and persecution" not in public(draft_es.url)[1]
    with django_capture_on_commit_callbacks(execute=True):
        response = reviewer.post(detail, {"action": "publish", "confirm_incomplete": "1"})
    assert response.status_code == 302
    html = public(draft_es.url)[1]
    assert "war and persecution" in html  # the untranslated summary, in the source's words
    event = translation.workflow_events.first()
    assert event.action == TranslationEvent.Action.PUBLISHED_INCOMPLETE
    assert event.user == users["reviewer_es"] and event.comment == "Summary"
    assert "Published with untranslated fields" in reviewer.get(detail).content.decode()

    # Arabic was never reviewed: never public.
    assert_not_public(campaign, draft_ar)
