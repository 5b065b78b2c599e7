"""Action plans: lines of action as panels, their anchors, their translations."""

import re

import pytest
from wagtail.blocks import StreamBlockValidationError
from wagtail_localize.models import Translation, TranslationSource

from taxonomy.factories import PartnerFactory, ThemeFactory, translate_page
from tests.conftest import closed_panels, page_text, steady_queries, view_then_renew
from tests.themes.conftest import ANCHORS, HEADINGS, TRANSLATIONS
from themes.blocks import AnchorBlock, LinesOfActionBlock
from themes.factories import ActionPlanPageFactory, ProjectPageFactory

pytestmark = pytest.mark.django_db


def test_each_panel_has_a_heading_a_closed_control_and_its_content_in_the_html(client, plan):
    html = page_text(client, plan.url)
    panels = closed_panels(html)
    assert len(panels) == 3
    for panel, heading in zip(panels, HEADINGS, strict=True):
        assert f"What we do: {heading.lower()}." in panel
    assert re.findall(r'<details class="panel" id="([^"]+)"', html) == ANCHORS


def test_panel_headings_and_themes_come_in_the_visitors_language(
    client, plan, housing, partners, in_language
):
    for snippet in (housing, *partners.values()):
        for code in ("es", "ar"):
            in_language(snippet, code)
    html = page_text(client, in_language(plan, "es").url)
    assert "Aprendizaje entre pares" in html and "Vivienda" in html
    assert "Organizaciones socias" in html and "Ciudades y Gobiernos Locales Unidos" in html
    assert "Housing" not in html and "Partner organisations" not in html
    assert "United Cities and Local Governments" not in html
    html = page_text(client, in_language(plan, "ar").url)
    assert "السكن" in html and "منظمة المدن والحكومات المحلية المتحدة" in html
    assert "Housing" not in html
    assert re.findall(r'<details class="panel" id="([^"]+)"', html) == ANCHORS


def test_anchor_is_not_offered_to_translators_and_survives_a_changed_heading(client, plan):
    # A translator rewrites the first panel's heading in French.
    french = translate_page(
        plan, "fr", {**TRANSLATIONS["fr"], HEADINGS[0]: "Apprendre entre villes"}
    )
    source = TranslationSource.objects.get_for_instance(plan)
    msgids = {
        entry.msgid
        for entry in Translation.objects.get(
            source=source, target_locale__language_code="fr"
        ).export_po()
    }
    assert HEADINGS[0] in msgids
    assert not msgids & set(ANCHORS)

    first = french.lines[0].value
    assert first["heading"] == "Apprendre entre villes"
    assert [child.value["anchor"] for child in french.lines] == ANCHORS
    html = page_text(client, french.url)
    assert '<details class="panel" id="peer-learning"' in html
    assert "Apprendre entre villes" in html


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


def test_duplicate_anchor_is_refused_through_the_admin_form(admin_client, area):
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
    client, area, django_assert_num_queries
):
    small = build_plan(area, 3)
    expected, response = steady_queries(client, small.url)
    assert response.content.decode().count("data-panel>") == 3

    large = build_plan(area, 30)
    view_then_renew(client, large.url)
    with django_assert_num_queries(expected):
        response = client.get(large.url)
    html = response.content.decode()
    assert html.count("data-panel>") == 30
    assert html.count('class="card"') == 60 and html.count('class="tag"') == 90
