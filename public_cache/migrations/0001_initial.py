"""The public version, taken over from newsroom/ with its table
``newsroom_publicversion`` and its row: the database is not touched, except that its content type now names
this app."""

from django.db import migrations, models

from newsroom.migrations._moved_models import move_content_type


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('newsroom', '0006_move_models_to_their_apps'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.CreateModel(
                name='PublicVersion',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('token', models.CharField(max_length=32)),
                    ('changed_at', models.DateTimeField()),
                ],
                options={
                    'verbose_name': 'public content version',
                    'verbose_name_plural': 'public content versions',
                    'db_table': 'newsroom_publicversion',
                },
            ),
        ]),
        move_content_type('publicversion', 'newsroom', 'public_cache'),
    ]
