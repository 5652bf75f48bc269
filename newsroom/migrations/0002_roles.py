"""Create the Press officers and Editors groups (see newsroom/roles.py)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from newsroom.roles import EDITORS, PRESS_OFFICERS, ensure_roles


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations; this one needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    ensure_roles(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[PRESS_OFFICERS, EDITORS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("releases", "0002_workflow"),
        ("events", "0002_workflow"),
        ("organizations", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
