"""Press officers write the programme of an event as they write the event; editors
also delete sessions (the rule of workflow/roles.py's CONTENT)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

PRESS_OFFICERS = "Press officers"
EDITORS = "Editors"
MODELS = ["session", "sessionparticipant"]


def grant(apps, schema_editor):
    config = apps.get_app_config("events")
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
            content_type__app_label="events", codename__in=codenames
        )
        for group in Group.objects.using(alias).filter(name=name):
            group.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0004_programme_sessions"),
        ("workflow", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
