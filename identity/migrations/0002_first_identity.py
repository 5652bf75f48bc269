from django.db import migrations


def first_identity(apps, schema_editor):
    """A neutral identity to rename in the admin (the demo fills in its own)."""
    SiteIdentity = apps.get_model("identity", "SiteIdentity")
    SiteIdentity.objects.using(schema_editor.connection.alias).get_or_create(
        pk=1, defaults={"name": "Newsroom", "name_fr": "Newsroom"})


class Migration(migrations.Migration):

    dependencies = [
        ("identity", "0001_initial"),
    ]

    operations = [migrations.RunPython(first_identity, migrations.RunPython.noop)]
