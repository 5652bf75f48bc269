"""Every consent of a subscriber (a later request for the same address adds its
choices and a consent); the rate limits' marks of the subscription form (keyed
hashes, no address, no IP)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('subscriptions', '0002_editors'),
    ]

    operations = [
        migrations.AlterField(
            model_name='subscriber',
            name='confirmed_at',
            field=models.DateTimeField(help_text='When the confirmation link was followed (the first time).', verbose_name='consent given on'),
        ),
        migrations.AlterField(
            model_name='subscriber',
            name='requested_at',
            field=models.DateTimeField(help_text='When the form was sent (the first time).', verbose_name='consent asked on'),
        ),
        migrations.AlterField(
            model_name='subscriber',
            name='source',
            field=models.CharField(blank=True, help_text='The page the form was on (the first time).', max_length=200, verbose_name='source'),
        ),
        migrations.CreateModel(
            name='Consent',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('requested_at', models.DateTimeField(verbose_name='asked on')),
                ('confirmed_at', models.DateTimeField(verbose_name='given on')),
                ('source', models.CharField(blank=True, max_length=200, verbose_name='source')),
                ('choices', models.JSONField(default=dict, verbose_name='choices')),
                ('subscriber', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='consents', to='subscriptions.subscriber', verbose_name='subscriber')),
            ],
            options={
                'verbose_name': 'consent',
                'verbose_name_plural': 'consents',
                'ordering': ['confirmed_at', 'pk'],
                'default_permissions': (),
            },
        ),
        migrations.CreateModel(
            name='RequestMark',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('key', models.CharField(max_length=64)),
                ('at', models.DateTimeField()),
            ],
            options={
                'default_permissions': (),
                'indexes': [models.Index(fields=['key', 'at'], name='subscriptions_mark_key_at'), models.Index(fields=['at'], name='subscriptions_mark_at')],
            },
        ),
    ]
