"""Notices: the go-live of a scheduled item is a notice of its own."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('notices', '0001_initial'),
        ('workflow', '0003_audit_labels'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='sentnotice',
            name='one_notice_per_change',
        ),
        migrations.AddField(
            model_name='sentnotice',
            name='kind',
            field=models.CharField(choices=[('change', 'the change'), ('live', 'the go-live')], default='change', max_length=10, verbose_name='kind'),
        ),
        migrations.AddConstraint(
            model_name='sentnotice',
            constraint=models.UniqueConstraint(fields=('change', 'user', 'kind'), name='one_notice_per_change_and_kind'),
        ),
    ]
