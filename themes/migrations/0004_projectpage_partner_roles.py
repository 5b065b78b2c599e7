"""ProjectPage.partners becomes partner_roles: action plans and campaigns have `partners` too,
a many-to-many, and one name for two shapes made code guess which it had.

Renaming the column is not enough: Wagtail and wagtail-localize keep the field's name in what
they stored. Revisions (drafts, history, scheduled publishing) and translation sources
(`content_json`, from which translations are built) hold the page's fields by name;
wagtail-localize's translation contexts (to which translated strings and overrides are
attached) and Wagtail's reference index hold content paths that start with it. Each is
rewritten here, both ways.
"""

import json
import uuid

from django.db import migrations

OLD_NAME = "partners"
NEW_NAME = "partner_roles"

# The namespaces of wagtail_localize.models.TranslationContext._get_path_id and
# wagtail.models.ReferenceIndex._get_content_path_hash: the hashes are part of the stored data.
TRANSLATION_CONTEXT_PATH_NAMESPACE = uuid.UUID("fcab004a-2b50-11ea-978f-2e728ce88125")
REFERENCE_INDEX_PATH_NAMESPACE = uuid.UUID("bdc70d8b-e7a2-4c2a-bf43-2a3e3fcbbe86")


def _renamed_keys(data, old, new):
    return {(new if key == old else key): value for key, value in data.items()}


def _renamed_path(path, old, new):
    """`old.x.y` → `new.x.y`; any other path as it is."""
    if path == old or path.startswith(old + "."):
        return new + path[len(old) :]
    return path


def rename_stored_field(apps, app_label, model_name, old, new):
    """Rewrite the field name `old` to `new` wherever Wagtail and wagtail-localize stored it
    for pages of this model (revisions, translation sources and contexts, reference index)."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("wagtailcore", "Revision")
    ReferenceIndex = apps.get_model("wagtailcore", "ReferenceIndex")
    TranslationSource = apps.get_model("wagtail_localize", "TranslationSource")
    TranslationContext = apps.get_model("wagtail_localize", "TranslationContext")

    content_type = ContentType.objects.filter(app_label=app_label, model=model_name).first()
    if content_type is None:
        return  # a new database: nothing was stored yet

    for revision in Revision.objects.filter(content_type=content_type).iterator():
        if revision.content and old in revision.content:
            revision.content = _renamed_keys(revision.content, old, new)
            revision.save(update_fields=["content"])

    sources = TranslationSource.objects.filter(specific_content_type=content_type)
    for source in sources.iterator():
        content = json.loads(source.content_json)
        if old in content:
            source.content_json = json.dumps(_renamed_keys(content, old, new))
            source.save(update_fields=["content_json"])

    contexts = TranslationContext.objects.filter(
        object_id__in=sources.values("object_id"), path__startswith=old
    )
    for context in contexts.iterator():
        path = _renamed_path(context.path, old, new)
        if path == context.path:
            continue  # another field whose name starts with `old`
        context.path = path
        context.path_id = uuid.uuid5(TRANSLATION_CONTEXT_PATH_NAMESPACE, path)
        context.field_path = _renamed_path(context.field_path, old, new)
        context.save(update_fields=["path", "path_id", "field_path"])

    references = ReferenceIndex.objects.filter(
        content_type=content_type, content_path__startswith=old
    )
    for reference in references.iterator():
        path = _renamed_path(reference.content_path, old, new)
        if path == reference.content_path:
            continue
        reference.content_path = path
        reference.content_path_hash = uuid.uuid5(REFERENCE_INDEX_PATH_NAMESPACE, path)
        reference.model_path = _renamed_path(reference.model_path, old, new)
        reference.save(update_fields=["content_path", "content_path_hash", "model_path"])


def forwards(apps, schema_editor):
    rename_stored_field(apps, "themes", "projectpage", OLD_NAME, NEW_NAME)


def backwards(apps, schema_editor):
    rename_stored_field(apps, "themes", "projectpage", NEW_NAME, OLD_NAME)


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("themes", "0003_section_index_introduction"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [
        migrations.RenameField(
            model_name="projectpage", old_name="partners", new_name="partner_roles"
        ),
        migrations.RunPython(forwards, backwards),
    ]
