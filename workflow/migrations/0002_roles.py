"""Both roles may read the audit trail, now under this app's name: granted again, for
a database whose groups were made after the move (an existing one keeps its grants
through 0001's move of the content type)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from newsroom.migrations._roles_helpers import EDITORS, PRESS_OFFICERS


def grant_view_statechange(apps, schema_editor):
    config = apps.get_app_config("workflow")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    config.models_module = None
    alias = schema_editor.connection.alias
    view = apps.get_model("auth", "Permission").objects.using(alias).get(
        content_type__app_label="workflow", codename="view_statechange")
    for group in apps.get_model("auth", "Group").objects.using(alias).filter(
            name__in=[PRESS_OFFICERS, EDITORS]):
        group.permissions.add(view)


class Migration(migrations.Migration):
    dependencies = [
        ("workflow", "0001_initial"),
        ("newsroom", "0003_roles_attachments"),
    ]

    operations = [migrations.RunPython(grant_view_statechange, migrations.RunPython.noop)]
