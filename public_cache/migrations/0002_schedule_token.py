"""The version row holds a second token, ``schedule``, that no reader sees: each process
reads the clock's instants again when it changes (public_cache/caching.py). No more
``changed_at``: pages carry an ETag only."""

import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("public_cache", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="publicversion",
            name="schedule",
            field=models.CharField(default="-", max_length=16),
            preserve_default=False,
        ),
        # With a default first, so that migrating back can give the rows a date again.
        migrations.AlterField(
            model_name="publicversion",
            name="changed_at",
            field=models.DateTimeField(default=django.utils.timezone.now),
        ),
        migrations.RemoveField(model_name="publicversion", name="changed_at"),
    ]
