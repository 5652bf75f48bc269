"""The audit trail, taken over from newsroom/ with its table ``newsroom_statechange``
and every row in it: the database is not touched, except that its content type and
permissions now name this app (so the groups keep their "view state change")."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from newsroom.migrations._moved_models import move_content_type

STATES = [('draft', 'Draft'), ('in_review', 'In review'), ('scheduled', 'Scheduled'),
          ('live', 'Live'), ('expired', 'Expired'), ('withdrawn', 'Withdrawn')]


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ('newsroom', '0006_move_models_to_their_apps'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.CreateModel(
                name='StateChange',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('object_id', models.PositiveBigIntegerField()),
                    ('action', models.CharField(max_length=30, verbose_name='action')),
                    ('from_state', models.CharField(choices=STATES, max_length=20, verbose_name='from')),
                    ('to_state', models.CharField(choices=STATES, max_length=20, verbose_name='to')),
                    ('at', models.DateTimeField(verbose_name='at')),
                    ('change_message', models.TextField(blank=True, verbose_name='change')),
                    ('content_type', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='contenttypes.contenttype')),
                    ('user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, to=settings.AUTH_USER_MODEL, verbose_name='by')),
                ],
                options={
                    'verbose_name': 'state change',
                    'verbose_name_plural': 'state changes',
                    'db_table': 'newsroom_statechange',
                    'ordering': ['-at', '-pk'],
                    'indexes': [models.Index(fields=['content_type', 'object_id'], name='newsroom_st_content_a7f542_idx')],
                },
            ),
        ]),
        move_content_type('statechange', 'newsroom', 'workflow'),
    ]
