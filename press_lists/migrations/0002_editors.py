"""Editors manage the journalists and the press lists (press officers do not: the
addresses are personal data)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Editors"
CODENAMES = [
    f"{verb}_{model}"
    for model in ("journalist", "presslist")
    for verb in ("view", "add", "change", "delete")
]


def grant(apps, schema_editor):
    config = apps.get_app_config("press_lists")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    config.models_module = None
    alias = schema_editor.connection.alias
    permissions = apps.get_model("auth", "Permission").objects.using(alias).filter(
        content_type__app_label="press_lists", codename__in=CODENAMES
    )
    for group in apps.get_model("auth", "Group").objects.using(alias).filter(name=EDITORS):
        group.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("press_lists", "0001_initial"),
        ("workflow", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
