# Written by hand on 2026-11-29.
#
# The vectors now carry facet lexemes (kind, year, organizations, officials, topics;
# search/documents.py): documents are dropped on PostgreSQL and rebuilt right after by
# the post_migrate handler (search.signals.index_after_migrate -> index_missing).
# On the emptied table the GIN indexes are recreated with a small pending list, and
# parallel scans of the table are turned off: a search reads a few hundred rows at
# most, and starting parallel workers costs more than that.

import django.contrib.postgres.indexes
from django.db import migrations, models

from search.operations import OnPostgreSQLOnly

LANGUAGES = ['fr', 'nl', 'de', 'en']


class Migration(migrations.Migration):

    dependencies = [
        ('search', '0001_initial'),
    ]

    operations = [
        OnPostgreSQLOnly(migrations.RunSQL(
            'DELETE FROM search_searchdocument', migrations.RunSQL.noop)),
        OnPostgreSQLOnly(migrations.RunSQL(
            'ALTER TABLE search_searchdocument SET (parallel_workers = 0)',
            'ALTER TABLE search_searchdocument RESET (parallel_workers)')),
    ] + [
        operation
        for language in LANGUAGES
        for operation in (
            OnPostgreSQLOnly(migrations.RemoveIndex(
                model_name='searchdocument', name=f'search_vector_{language}_gin')),
            OnPostgreSQLOnly(migrations.AddIndex(
                model_name='searchdocument',
                index=django.contrib.postgres.indexes.GinIndex(
                    condition=models.Q(('language', language)), fields=['vector'],
                    gin_pending_list_limit=256, name=f'search_vector_{language}_gin'),
            )),
        )
    ]
