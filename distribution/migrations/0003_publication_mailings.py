"""Publication mailings at go-live: a sending has a kind, a status and its second;
messages go to subscribers too, are claimed by one worker, and may bounce."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models




def existing_sendings_are_done(apps, schema_editor):
    """The embargoed sendings made before this migration had finished."""
    Sending = apps.get_model("distribution", "Sending")
    Sending.objects.using(schema_editor.connection.alias).update(status="done")


class Migration(migrations.Migration):

    dependencies = [
        ('distribution', '0002_editors'),
        ('press_lists', '0003_journalist_key'),
        ('releases', '0007_dateline'),
        ('subscriptions', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='sending',
            options={'ordering': ['-created_at'], 'verbose_name': 'sending', 'verbose_name_plural': 'sendings'},
        ),
        migrations.RemoveConstraint(
            model_name='delivery',
            name='one_message_per_address',
        ),
        migrations.AddField(
            model_name='delivery',
            name='claimed_at',
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name='delivery',
            name='subscriber',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='deliveries', to='subscriptions.subscriber', verbose_name='subscriber'),
        ),
        migrations.AddField(
            model_name='sending',
            name='due_at',
            field=models.DateTimeField(blank=True, db_index=True, null=True, verbose_name='due at'),
        ),
        migrations.AddField(
            model_name='sending',
            name='finished_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='finished on'),
        ),
        migrations.AddField(
            model_name='sending',
            name='kind',
            field=models.CharField(choices=[('embargo', 'under embargo'), ('publication', 'at go-live')], default='embargo', max_length=12, verbose_name='kind'),
        ),
        migrations.AddField(
            model_name='sending',
            name='reason',
            field=models.CharField(blank=True, choices=[('unscheduled', 'unscheduled before its go-live'), ('withdrawn', 'withdrawn before its mailing was sent'), ('expired', 'expired before its mailing could start'), ('too_late', "the task queue's worker was not running at the go-live, and the release is no longer news (NEWSROOM_MAILING_MAX_DELAY_HOURS)")], max_length=12, verbose_name='reason'),
        ),
        migrations.AddField(
            model_name='sending',
            name='started_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='started on'),
        ),
        migrations.AddField(
            model_name='sending',
            name='status',
            field=models.CharField(choices=[('scheduled', 'waiting for go-live'), ('sending', 'sending'), ('done', 'sent'), ('cancelled', 'cancelled')], default='sending', max_length=10, verbose_name='status'),
        ),
        migrations.AlterField(
            model_name='delivery',
            name='email',
            field=models.EmailField(blank=True, max_length=254, verbose_name='e-mail address'),
        ),
        migrations.AlterField(
            model_name='delivery',
            name='status',
            field=models.CharField(choices=[('pending', 'waiting'), ('sending', 'being sent'), ('sent', 'sent'), ('failed', 'failed'), ('bounced', 'bounced'), ('cancelled', 'cancelled')], db_index=True, default='pending', max_length=10, verbose_name='status'),
        ),
        migrations.AlterField(
            model_name='sending',
            name='created_at',
            field=models.DateTimeField(auto_now_add=True, verbose_name='created on'),
        ),
        migrations.AlterField(
            model_name='sending',
            name='press_lists',
            field=models.ManyToManyField(blank=True, to='press_lists.presslist', verbose_name='press lists'),
        ),
        migrations.AddConstraint(
            model_name='delivery',
            constraint=models.UniqueConstraint(condition=models.Q(('email', ''), _negated=True), fields=('sending', 'email'), name='one_message_per_address'),
        ),
        migrations.AddConstraint(
            model_name='sending',
            constraint=models.UniqueConstraint(condition=models.Q(('kind', 'publication')), fields=('release',), name='one_publication_mailing_per_release'),
        ),
        migrations.RunPython(existing_sendings_are_done, migrations.RunPython.noop),
    ]
