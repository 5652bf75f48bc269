"""Editors see the subscribers, export and delete their data at their request."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Editors"
CODENAMES = ["view_subscriber", "delete_subscriber"]


def grant(apps, schema_editor):
    config = apps.get_app_config("subscriptions")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    config.models_module = None
    alias = schema_editor.connection.alias
    permissions = apps.get_model("auth", "Permission").objects.using(alias).filter(
        content_type__app_label="subscriptions", codename__in=CODENAMES
    )
    for group in apps.get_model("auth", "Group").objects.using(alias).filter(name=EDITORS):
        group.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("subscriptions", "0001_initial"),
        ("workflow", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
