"""A translatable snippet (theme, partner, agenda reference, footer) submitted for translation
is a draft in the target language until the language's reviewer publishes it; visitors
meanwhile see the source's version, as for a snippet with no translation."""

import pytest
from django.test import Client
from wagtail.models import Locale
from wagtail_localize.models import StringSegment

from taxonomy.factories import ThemeFactory, translate_page
from taxonomy.models import Theme
from tests.conftest import add_page
from tests.localization.conftest import put, state_of, translation_for
from themes.factories import ProjectPageFactory, ThemeIndexPageFactory, ThemePageFactory

pytestmark = pytest.mark.django_db


def test_a_theme_submitted_for_translation_waits_for_its_reviewer(
    users, login, home, django_capture_on_commit_callbacks
):
    theme = ThemeFactory(name="Participatory budgets", slug="participatory-budgets")
    area = add_page(add_page(home, ThemeIndexPageFactory), ThemePageFactory, slug="democracy")
    project = ProjectPageFactory(parent=area, title="Budget school", slug="budget-school")
    project.themes = [theme]
    project.save_revision().publish()
    spanish_project = translate_page(project, "es", {"Budget school": "Escuela de presupuestos"})
    visitor = Client()
    assert "Participatory budgets" in visitor.get(spanish_project.url).content.decode()

    spanish = Locale.objects.get(language_code="es")
    editor = login(users["editor"])
    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(
            f"/admin/localize/submit/snippet/taxonomy/theme/{theme.pk}/", {"locales": [spanish.pk]}
        )
    assert response.status_code == 302
    spanish_theme = Theme.objects.get(translation_key=theme.translation_key, locale=spanish)
    assert not spanish_theme.live  # a draft: nothing reached the Spanish site
    assert state_of(editor, "Participatory budgets", "es")[0] == "in_progress"
    assert "Participatory budgets" in visitor.get(spanish_project.url).content.decode()

    translation = translation_for(theme, "es")
    translator = login(users["translator_es"])
    segment = StringSegment.objects.get(
        source=translation.source, string__data="Participatory budgets"
    )
    put(translator, translation, segment, "Presupuestos participativos")
    for other in StringSegment.objects.filter(source=translation.source).exclude(pk=segment.pk):
        put(translator, translation, other, other.string.data)
    # Translated but not reviewed: still the source's words for visitors.
    assert "Presupuestos participativos" not in visitor.get(spanish_project.url).content.decode()
    assert not Theme.objects.get(pk=spanish_theme.pk).live

    reviewer = login(users["reviewer_es"])
    with django_capture_on_commit_callbacks(execute=True):
        response = reviewer.post(
            f"/admin/translation-workflow/translation/{translation.pk}/", {"action": "publish"}
        )
    assert response.status_code == 302
    spanish_theme.refresh_from_db()
    assert spanish_theme.live and spanish_theme.name == "Presupuestos participativos"
    html = visitor.get(spanish_project.url).content.decode()
    assert "Presupuestos participativos" in html and "Participatory budgets" not in html
    assert state_of(reviewer, "Participatory budgets", "es")[0] == "up_to_date"
