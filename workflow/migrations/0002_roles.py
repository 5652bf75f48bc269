"""The roles again, now that the audit trail's permissions name this app: a new
database's groups get "view state change" (an existing one keeps it)."""

from django.db import migrations

from newsroom.migrations import _roles_helpers


class Migration(migrations.Migration):
    dependencies = [
        ("workflow", "0001_initial"),
        ("newsroom", "0003_roles_attachments"),
    ]

    operations = [migrations.RunPython(_roles_helpers.create_roles, migrations.RunPython.noop)]
