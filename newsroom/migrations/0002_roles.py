"""Create the Press officers and Editors groups (as they were then: _roles_helpers.py; today's are in workflow/roles.py)."""

from django.db import migrations

from newsroom.migrations._roles_helpers import EDITORS, PRESS_OFFICERS, create_roles


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
