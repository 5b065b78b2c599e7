"""One moderation story: the site's review is the translation hand-off (translators mark
ready, each language's reviewers publish; communications editors publish source pages).
Wagtail's default "Moderators approval" workflow, created by its migrations, sent pages to
an empty "Moderators" group and locked them; it is switched off (WAGTAIL_WORKFLOW_ENABLED)
and removed here with Wagtail's default groups, unless someone was put in them."""

from django.db import migrations

DEFAULT_GROUPS = ["Moderators", "Editors"]


def remove_default_moderation(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    unused = Group.objects.filter(name__in=DEFAULT_GROUPS, user__isnull=True)
    tasks = GroupApprovalTask.objects.filter(groups__in=unused).distinct()
    workflows = Workflow.objects.filter(workflow_tasks__task__in=tasks).distinct()
    for workflow in workflows:
        workflow.workflow_pages.all().delete()
        workflow.active = False
        workflow.save(update_fields=["active"])
    tasks.update(active=False)
    unused.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("localization", "0002_published_incomplete_event"),
        ("wagtailcore", "0098_apitoken"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(remove_default_moderation, migrations.RunPython.noop)]
