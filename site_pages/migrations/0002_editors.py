"""Editors write the site pages (the rule of workflow/roles.py's EDITORS_EXTRA)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Editors"
CODENAMES = ["view_sitepage", "add_sitepage", "change_sitepage"]


def grant(apps, schema_editor):
    config = apps.get_app_config("site_pages")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    config.models_module = None
    alias = schema_editor.connection.alias
    permissions = apps.get_model("auth", "Permission").objects.using(alias).filter(
        content_type__app_label="site_pages", codename__in=CODENAMES
    )
    for group in apps.get_model("auth", "Group").objects.using(alias).filter(name=EDITORS):
        group.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("site_pages", "0001_initial"),
        ("workflow", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
