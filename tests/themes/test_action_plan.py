"""The action plan on migration: the French source text, its translations, its panels."""

import re
from html import unescape
from pathlib import Path

import pytest
from wagtail.blocks import StreamBlockValidationError, StreamValue
from wagtail.models import Locale
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from core.localize import translate
from tests.conftest import steady_queries
from themes.blocks import AnchorBlock, LinesOfActionBlock
from themes.demo import action_plan_translations, source_lines
from themes.factories import (
    ActionPlanPageFactory,
    PartnerFactory,
    ProjectPageFactory,
    ThemeFactory,
)
from themes.models import ActionPlanPage, ThemePage

pytestmark = pytest.mark.django_db

URLS = {
    "fr": "/fr/domaines-de-travail/migrations-et-diversite/plan-action-migration/",
    "en": "/en/work-areas/migration-and-diversity/migration-action-plan/",
    "es": "/es/areas-de-trabajo/migracion-y-diversidad/plan-accion-migracion/",
    "ar": "/ar/work-areas/migration-and-diversity/migration-action-plan/",
}
ANCHORS = ["peer-learning", "advocacy", "policy-debates"]
SHARED_SOURCE = Path(__file__).resolve().parents[3] / "shared" / "content"


def page_text(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return unescape(response.content.decode())


def test_the_published_source_text_is_the_committees_text():
    shipped = Path(__file__).resolve().parents[2] / "themes" / "content"
    original = SHARED_SOURCE / "migration-action-plan.fr.txt"
    if not original.exists():
        pytest.skip("the shared source folder is not beside this checkout")
    assert (shipped / "migration-action-plan.fr.txt").read_text() == original.read_text()


def test_french_page_contains_every_sentence_of_the_source_text(client):
    html = page_text(client, URLS["fr"])
    assert '<html lang="fr" dir="ltr">' in html
    for line in source_lines():
        sentence = line.removeprefix("- ")
        assert sentence in html, sentence


@pytest.mark.parametrize("language", ["en", "es", "ar"])
def test_translations_show_their_text_and_the_same_anchors(client, language):
    html = page_text(client, URLS[language])
    for source, translated in action_plan_translations(language).items():
        if source.startswith("plan-action"):  # the slug: in the URL, not the text
            continue
        assert translated in html, (language, translated)
    assert re.findall(r'<details class="panel" id="([^"]+)"', html) == ANCHORS
    # No French left in the translation.
    assert "paravents" not in html


def test_each_panel_has_a_heading_a_closed_control_and_its_content_in_the_html(client):
    html = page_text(client, URLS["fr"])
    panels = re.findall(r"<details[^>]*data-panel>(.*?)</details>", html, re.S)
    assert len(panels) == 3
    for panel, opening in zip(panels, re.findall(r"<details[^>]*data-panel>", html), strict=True):
        assert " open" not in opening  # closed until the visitor opens it
        summary = re.search(r"<summary[^>]*>(.*?)</summary>", panel, re.S).group(1)
        assert re.search(r'<h2 class="panel__heading">.+</h2>', summary)
        content = panel.split("</summary>", 1)[1]
        assert "<p>" in content  # the body is in the page even while closed
    lines = source_lines()
    assert lines[4] in panels[0] and lines[8] in panels[1]
    assert all(line.removeprefix("- ") in panels[2] for line in lines[13:])


def test_panel_headings_and_themes_come_in_the_visitors_language(client):
    html = page_text(client, URLS["es"])
    assert "Vivienda" in html and "Gestión de la diversidad" in html
    assert "ONU-Hábitat" in html and "Ciudades y Gobiernos Locales Unidos" in html
    assert "Logement" not in html and "Organisations partenaires" not in html
    html = page_text(client, URLS["ar"])
    assert "السكن" in html and "موئل الأمم المتحدة" in html
    assert "Housing" not in html


def test_anchor_is_not_offered_to_translators_and_survives_a_changed_heading(client):
    plan = ActionPlanPage.objects.get(locale__language_code="fr")
    source, _ = TranslationSource.get_or_create_from_instance(plan)
    msgids = {
        entry.msgid
        for entry in Translation.objects.get(
            source=source, target_locale__language_code="en"
        ).export_po()
    }
    assert source_lines()[3] in msgids
    assert not msgids & set(ANCHORS)

    # A translator rewrites the first panel's heading in English.
    strings = action_plan_translations("en")
    strings[source_lines()[3]] = "Peer learning on migration governance"
    english = translate(plan, "en", strings)
    first = english.lines[0].value
    assert first["heading"] == "Peer learning on migration governance"
    assert [child.value["anchor"] for child in english.lines] == ANCHORS
    html = page_text(client, URLS["en"])
    assert '<details class="panel" id="peer-learning"' in html
    assert "Peer learning on migration governance" in html


def test_an_editor_cannot_save_two_panels_with_the_same_anchor():
    block = LinesOfActionBlock()
    body = [{"type": "paragraph", "value": "<p>Text</p>"}]

    def line(heading, anchor):
        return {"type": "line", "value": {"heading": heading, "anchor": anchor, "body": body}}

    value = block.to_python([line("One", "same"), line("Two", "other"), line("Three", "same")])
    with pytest.raises(StreamBlockValidationError) as error:
        block.clean(value)
    errors = error.value.block_errors
    assert set(errors) == {0, 2}
    assert "already uses the anchor “same”" in str(errors[2].block_errors["anchor"])
    block.clean(block.to_python([line("One", "one"), line("Two", "two")]))


@pytest.mark.parametrize("anchor", ["Peer Learning", "peer_learning", "-peer", "peer--x", "é", ""])
def test_anchors_must_be_short_readable_slugs(anchor):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        AnchorBlock().clean(anchor)
    assert AnchorBlock().clean("peer-learning-2") == "peer-learning-2"


def test_duplicate_anchor_is_refused_through_the_admin_form(admin_client):
    area = ThemePage.objects.get(locale__language_code="en")
    plan = ActionPlanPageFactory(
        parent=area,
        lines=[
            ("line", {"heading": "First", "anchor": "dup", "body": []}),
            ("line", {"heading": "Second", "anchor": "dup", "body": []}),
        ],
    )
    edit_url = f"/admin/pages/{plan.pk}/edit/"
    data = {"title": plan.title, "slug": plan.slug, "status": "in_force"}
    # StreamField form data, as the admin's JavaScript posts it.
    data.update(
        {
            "lines-count": "2",
            "lines-0-type": "line",
            "lines-0-deleted": "",
            "lines-0-order": "0",
            "lines-0-id": "a",
            "lines-0-value-heading": "First",
            "lines-0-value-anchor": "dup",
            "lines-0-value-summary": "",
            "lines-0-value-body-count": "0",
            "lines-0-value-objectives-count": "0",
            "lines-0-value-themes-count": "0",
            "lines-1-type": "line",
            "lines-1-deleted": "",
            "lines-1-order": "1",
            "lines-1-id": "b",
            "lines-1-value-heading": "Second",
            "lines-1-value-anchor": "dup",
            "lines-1-value-summary": "",
            "lines-1-value-body-count": "0",
            "lines-1-value-objectives-count": "0",
            "lines-1-value-themes-count": "0",
        }
    )
    response = admin_client.post(edit_url, data)
    assert response.status_code == 200  # the form again, with errors: nothing saved
    assert "Anchors must be unique in the page" in response.content.decode()
    assert not plan.revisions.exists()


def build_plan(area, lines):
    partners = [PartnerFactory() for _ in range(3)]
    themes = [ThemeFactory() for _ in range(3)]
    projects = [ProjectPageFactory(parent=area) for _ in range(2)]
    for page in projects:
        page.save_revision().publish()
    plan = ActionPlanPageFactory(
        parent=area,
        lines=[line_value(i, partners, themes, projects) for i in range(lines)],
    )
    plan.save_revision().publish()
    return plan


def line_value(index, partners, themes, pages):
    from themes.factories import line_of_action

    return line_of_action(index, partners=partners, themes=themes, pages=pages)


def test_an_action_plan_costs_the_same_queries_with_3_or_30_lines(
    client, django_assert_num_queries
):
    area = ThemePage.objects.get(locale__language_code="en")
    small = build_plan(area, 3)
    expected, response = steady_queries(client, small.url)
    assert response.content.decode().count("data-panel>") == 3

    large = build_plan(area, 30)
    client.get(large.url)
    with django_assert_num_queries(expected):
        response = client.get(large.url)
    html = response.content.decode()
    assert html.count("data-panel>") == 30
    assert html.count('class="card"') == 60 and html.count('class="tag"') == 90


def test_stream_value_is_built_from_the_source():
    plan = ActionPlanPage.objects.get(locale__language_code="fr")
    assert isinstance(plan.lines, StreamValue)
    assert [child.value["anchor"] for child in plan.lines] == ANCHORS
    questions = plan.lines[2].value["body"][1].value["questions"]
    assert [q["theme"].slug for q in questions] == [
        "unaccompanied-minors",
        "migrant-women",
        "civil-society",
        "intercultural-dialogue",
        "local-citizenship",
    ]


def test_every_language_version_has_been_made_by_wagtail_localize():
    plan = ActionPlanPage.objects.get(locale__language_code="fr")
    for language in ("en", "es", "ar"):
        translation = Translation.objects.get(
            source__object_id=plan.translation_key, target_locale__language_code=language
        )
        assert translation.get_target_instance().live
        assert StringTranslation.objects.filter(locale__language_code=language).exists()
    assert Locale.objects.count() == 4
