"""The communications editors' group moderates endorsements and exports them with the signers'
contacts (what `localization.roles.setup_roles` now grants): given here to databases whose
group exists already. A new database's group gets them from setup_roles."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Communications editors"  # localization.roles.EDITORS: group names are data
CODENAMES = ["view_endorsement", "change_endorsement", "view_signer_contact"]


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=EDITORS).first()
    if group is None:
        return
    # Permissions are created after the migrations of a run: make sure they exist.
    app_config = apps.get_app_config("campaigns")
    models_module = getattr(app_config, "models_module", None)  # absent on a state's stub
    app_config.models_module = models_module or True  # a migration state's app has none
    try:
        create_permissions(app_config, apps=apps, verbosity=0)
    finally:
        if models_module is None:
            del app_config.models_module
        else:
            app_config.models_module = models_module
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="campaigns", codename__in=CODENAMES)
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=EDITORS).first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="campaigns", codename__in=CODENAMES)
        )


class Migration(migrations.Migration):

    dependencies = [
        ("campaigns", "0009_taxonomy_snippets"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
