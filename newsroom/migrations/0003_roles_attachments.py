"""Grant the roles their permissions on images and documents."""

from django.db import migrations

from newsroom.migrations import _roles_helpers


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0002_roles"),
        ("attachments", "0001_initial"),
        ("organizations", "0002_logo_and_portrait_images"),
    ]

    operations = [migrations.RunPython(_roles_helpers.create_roles, migrations.RunPython.noop)]
