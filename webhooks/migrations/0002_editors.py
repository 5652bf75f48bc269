"""Editors manage the webhook subscriptions and read the delivery log."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Editors"
CODENAMES = [
    "view_subscription",
    "add_subscription",
    "change_subscription",
    "delete_subscription",
    "view_delivery",
]


def grant(apps, schema_editor):
    config = apps.get_app_config("webhooks")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    config.models_module = None
    alias = schema_editor.connection.alias
    permissions = apps.get_model("auth", "Permission").objects.using(alias).filter(
        content_type__app_label="webhooks", codename__in=CODENAMES
    )
    for group in apps.get_model("auth", "Group").objects.using(alias).filter(name=EDITORS):
        group.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("webhooks", "0001_initial"),
        ("workflow", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
