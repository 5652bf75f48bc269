"""The audit trail moves to workflow/ and the public version to public_cache/: only
Django's record of the models changes here; the tables stay as they are, with their
rows (workflow/migrations/0001, public_cache/migrations/0001 take them over)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('newsroom', '0005_audit_edits'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.DeleteModel(name='StateChange'),
            migrations.DeleteModel(name='PublicVersion'),
        ]),
    ]
