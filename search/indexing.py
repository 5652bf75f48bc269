"""Writing the search index: ``index_releases`` and ``index_events`` (re)build the
documents of the items they are given, in batches; ``search/signals.py`` calls them
whenever content or a name it shows changes.

On PostgreSQL each reader language gets a weighted ``tsvector`` made by the database
(``to_tsvector`` with the configuration of each part's language) and the item's
facet lexemes (kind, year, organizations, officials, topics: search/documents.py);
elsewhere the folded plain text for the fallback.
"""

from itertools import islice

from django.db import connection
from django.db.models import Prefetch

from events.models import Event, Session, SessionParticipant
from organizations.models import Appointment
from releases.models import PressRelease, Quote

from .documents import event_facets, event_parts, fold, release_facets, release_parts
from .models import CONFIGS, SearchDocument

BATCH_SIZE = 200


def full_text_search():
    """Does the database have PostgreSQL's full-text search?"""
    return connection.vendor == "postgresql"


def _vector_sql(parts, facets):
    """SQL and parameters of a weighted tsvector: each (language, weight) group of
    parts through ``to_tsvector`` with that language's configuration, then the
    facets as they are (no parser, no stemming)."""
    groups = {}
    for part in parts:
        if part.text:
            groups.setdefault((CONFIGS[part.language], part.weight), []).append(part.text)
    sql = " || ".join(
        ["setweight(to_tsvector(%s::regconfig, %s), %s)"] * len(groups)
        + ["array_to_tsvector(%s::text[])"]
    )
    params = [
        value
        for (config, weight), texts in groups.items()
        for value in (config, "\n".join(texts), weight)
    ]
    return sql, [*params, list(facets)]


def _write_vectors(rows):
    """Set the date and the vector of each document of ``rows``
    ([(pk, date, parts, facets)]) in one UPDATE. Written in SQL: building this with
    ORM expressions costs a hundred times more in Python, which matters when 100,000
    releases are indexed."""
    values, params = [], []
    for pk, date, parts, facets in rows:
        sql, vector_params = _vector_sql(parts, facets)
        values.append(f"(%s::bigint, %s::timestamptz, {sql})")
        params += [pk, date, *vector_params]
    table = SearchDocument._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} AS d SET date = v.date, vector = v.vector "
            f"FROM (VALUES {', '.join(values)}) AS v(id, date, vector) WHERE d.id = v.id",
            params,
        )


def _batches(iterable, size=BATCH_SIZE):
    iterator = iter(iterable)
    while batch := list(islice(iterator, size)):
        yield batch


def _write(items, field, parts_of, facets_of, date_of):
    """Create or update the documents of ``items`` (all of one model, ``field`` being
    the document's link to it), one per reader language."""
    ids = [item.pk for item in items]
    documents = SearchDocument.objects.filter(**{f"{field}__in": ids})
    existing = set(documents.values_list(f"{field}_id", "language"))
    SearchDocument.objects.bulk_create(
        [
            SearchDocument(**{f"{field}_id": pk}, language=language)
            for pk in ids
            for language in CONFIGS
            if (pk, language) not in existing
        ],
        ignore_conflicts=True,
    )
    by_key = {(getattr(doc, f"{field}_id"), doc.language): doc for doc in documents.all()}
    if full_text_search():
        _write_vectors(
            [
                (
                    by_key[item.pk, language].pk,
                    date_of(item),
                    parts_of(item, language),
                    facets_of(item),
                )
                for item in items
                for language in CONFIGS
            ]
        )
        return
    for item in items:
        for language in CONFIGS:
            document = by_key[item.pk, language]
            document.date = date_of(item)
            document.plain = fold(
                " ".join(part.text for part in parts_of(item, language) if part.text)
            )
    SearchDocument.objects.bulk_update(by_key.values(), ["date", "plain"])


def index_releases(queryset=None):
    """(Re)index the releases of ``queryset`` (default: all). Returns how many."""
    queryset = (PressRelease.objects.all() if queryset is None else queryset).order_by("pk")
    queryset = queryset.select_related("issuing_organization").prefetch_related(
        Prefetch(
            "quotes",
            queryset=Quote.objects.select_related("appointment__person", "appointment__role"),
        ),
        "related_organizations",
        "topics",
    )
    count = 0
    for batch in _batches(queryset.iterator(chunk_size=BATCH_SIZE)):
        _write(batch, "release", release_parts, release_facets, lambda release: release.publish_at)
        count += len(batch)
    return count


def index_events(queryset=None):
    """(Re)index the events of ``queryset`` (default: all). Returns how many."""
    queryset = (Event.objects.all() if queryset is None else queryset).order_by("pk")
    queryset = queryset.prefetch_related(
        "organizers",
        Prefetch("speakers", queryset=Appointment.objects.select_related("person", "role")),
        Prefetch(
            "sessions",
            queryset=Session.objects.prefetch_related(
                Prefetch(
                    "participants",
                    queryset=SessionParticipant.objects.select_related(
                        "appointment__person", "appointment__role"
                    ),
                )
            ),
        ),
    )
    count = 0
    for batch in _batches(queryset.iterator(chunk_size=BATCH_SIZE)):
        _write(batch, "event", event_parts, event_facets, lambda event: event.publish_at)
        count += len(batch)
    return count


def index_missing():
    """Index the items that have no document yet (after an upgrade, or content
    loaded with signals off). Two cheap queries when nothing is missing."""
    return index_releases(
        PressRelease.objects.filter(search_documents__isnull=True)
    ) + index_events(Event.objects.filter(search_documents__isnull=True))
