"""A project's partners and their roles (`ProjectPage.partner_roles`, once `partners`): the
rename keeps what Wagtail and wagtail-localize stored under the old name.

The rows are made with the current code, then put back in their pre-rename shape (the field's
old name in revisions, translation sources and content paths), and the migration's data step
is run on them.
"""

import importlib
import json

import pytest
from django.apps import apps
from django.utils import translation
from wagtail.models import Page, ReferenceIndex
from wagtail_localize.models import Translation, TranslationContext, TranslationSource

from core.localize import translate
from taxonomy.factories import PartnerFactory
from themes.factories import ProjectPageFactory, ThemePageFactory
from themes.models import PartnerRole

pytestmark = pytest.mark.django_db

rename = importlib.import_module("themes.migrations.0004_projectpage_partner_roles")

OLD, NEW = "partners", "partner_roles"


@pytest.fixture
def translated_project(django_capture_on_commit_callbacks):
    """An English project with one partner and its role, translated into French."""
    partner = PartnerFactory(name="Partner organisation for roles", acronym="POR")
    area = ThemePageFactory(parent=Page.get_first_root_node())
    project = ProjectPageFactory(
        parent=area,
        title="Roles project",
        partner_roles=[("partner", {"partner": partner, "role": PartnerRole.FUNDER})],
        participating_cities=[("city", "Tangier")],
    )
    project.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        french_partner = translate(
            partner,
            "fr",
            {"Partner organisation for roles": "Organisation partenaire"},
            require_all=False,
        )
        french = translate(
            project,
            "fr",
            {"Roles project": "Projet des rôles", "Tangier": "Tanger"},
            require_all=False,
        )
    return project, french, french_partner


def _as_before_rename(project):
    """Store what the rename found: the field's old name wherever Wagtail and
    wagtail-localize keep it."""
    for page in Page.objects.filter(translation_key=project.translation_key):
        for revision in page.revisions.all():
            revision.content[OLD] = revision.content.pop(NEW)
            revision.save(update_fields=["content"])
    source = TranslationSource.objects.get(object_id=project.translation_key)
    content = json.loads(source.content_json)
    content[OLD] = content.pop(NEW)
    source.content_json = json.dumps(content)
    source.save(update_fields=["content_json"])
    contexts = TranslationContext.objects.filter(object_id=project.translation_key)
    for context in contexts.filter(path__startswith=NEW + "."):
        context.path = OLD + context.path.removeprefix(NEW)
        context.path_id = TranslationContext._get_path_id(context.path)
        context.field_path = OLD + context.field_path.removeprefix(NEW)
        context.save()
    for reference in ReferenceIndex.objects.filter(content_path__startswith=NEW + "."):
        reference.content_path = OLD + reference.content_path.removeprefix(NEW)
        reference.content_path_hash = ReferenceIndex._get_content_path_hash(reference.content_path)
        reference.model_path = OLD + reference.model_path.removeprefix(NEW)
        reference.save()
    return source


def _roles(page):
    return [(child.value["partner"], child.value["role"]) for child in page.partner_roles]


def test_a_translated_project_keeps_its_partner_roles_and_translation_after_the_rename(
    translated_project, django_capture_on_commit_callbacks
):
    project, french, french_partner = translated_project
    assert _roles(french) == [(french_partner, PartnerRole.FUNDER)]
    contexts_before = TranslationContext.objects.filter(object_id=project.translation_key)
    partner_contexts = contexts_before.filter(path__startswith=NEW + ".").count()
    assert partner_contexts == 1
    source = _as_before_rename(project)

    rename.forwards(apps, None)

    # Drafts, history and scheduled publishing read the revisions.
    for page in (project, french):
        latest = page.get_latest_revision().as_object()
        assert _roles(latest) == _roles(page)

    # The translation is rebuilt from the stored source as the translator left it.
    translation = Translation.objects.get(source=source, target_locale__language_code="fr")
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)
    rebuilt = translation.get_target_instance()
    assert rebuilt.title == "Projet des rôles"
    assert _roles(rebuilt) == [(french_partner, PartnerRole.FUNDER)]
    assert rebuilt.city_list == ["Tanger"]

    # Synchronising the source again finds the segments' contexts under the new name:
    # none is orphaned, so what translators attached to them stays attached.
    count = contexts_before.count()
    source.update_from_db()
    assert contexts_before.count() == count
    assert not contexts_before.filter(path__startswith=OLD + ".").exists()
    assert contexts_before.filter(path__startswith=NEW + ".").count() == partner_contexts

    # Wagtail's usage listings point at the renamed field.
    references = ReferenceIndex.objects.filter(object_id=str(project.pk))
    assert references.filter(content_path__startswith=NEW + ".").exists()
    assert not references.filter(content_path__startswith=OLD + ".").exists()


def test_each_partner_role_renders_through_its_block_template_in_the_visitors_language(
    translated_project,
):
    project, _french, _french_partner = translated_project
    with translation.override("fr"):
        html = project.partner_roles[0].render()
    assert '<li class="partner-roles__item">' in html
    assert '<a href="https://example.org/">Organisation partenaire</a> (POR)' in html
    assert '<span class="partner-roles__role">Bailleur de fonds</span>' in html
