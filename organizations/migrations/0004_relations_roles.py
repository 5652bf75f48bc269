"""Press officers write an organization's relations as they write the organization;
editors also delete them (the rule of workflow/roles.py's CONTENT)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

PRESS_OFFICERS = "Press officers"
EDITORS = "Editors"
MODELS = ["organizationrelation"]


def grant(apps, schema_editor):
    config = apps.get_app_config("organizations")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    config.models_module = None
    alias = schema_editor.connection.alias
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    write = [f"{verb}_{model}" for model in MODELS for verb in ("view", "add", "change")]
    for name, codenames in (
        (PRESS_OFFICERS, write),
        (EDITORS, write + [f"delete_{model}" for model in MODELS]),
    ):
        permissions = Permission.objects.using(alias).filter(
            content_type__app_label="organizations", codename__in=codenames
        )
        for group in Group.objects.using(alias).filter(name=name):
            group.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("organizations", "0003_relations"),
        ("workflow", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
