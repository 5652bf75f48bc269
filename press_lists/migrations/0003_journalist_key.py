"""Journalists may unsubscribe through a signed link of their own."""

import press_lists.models
from django.db import migrations, models


def a_key_each(apps, schema_editor):
    """The default gave every existing journalist the same key: one each."""
    Journalist = apps.get_model("press_lists", "Journalist")
    for journalist in Journalist.objects.using(schema_editor.connection.alias).only("pk"):
        journalist.key = press_lists.models.new_key()
        journalist.save(update_fields=["key"])


class Migration(migrations.Migration):

    dependencies = [
        ('press_lists', '0002_editors'),
    ]

    operations = [
        migrations.AddField(
            model_name='journalist',
            name='key',
            field=models.CharField(default=press_lists.models.new_key, editable=False, max_length=32),
        ),
        migrations.AddField(
            model_name='journalist',
            name='unsubscribed_at',
            field=models.DateTimeField(blank=True, help_text='Set when the journalist unsubscribed through the link of a message: nothing more is sent to them. Clear it only at their request.', null=True, verbose_name='unsubscribed on'),
        ),
        migrations.RunPython(a_key_each, migrations.RunPython.noop),
    ]
