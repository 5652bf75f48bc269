"""Rows of several tables read in one query, as JSON, and made model instances again.

A page that shows an item with many small relations (a release's quotes, links,
topics, contacts, pictures ...) costs a query per relation with
``prefetch_related``, and the ORM builds the SQL of each again on every request,
which costs more than running it. Here the caller writes one query, once per
process, from the models' metadata: each row is a JSON object of its columns
(``JsonRows.row``), each relation a subquery that gathers its rows into one JSON
array (``json_list``). ``JsonRows.instance`` makes a row an instance again, each
value converted as the ORM converts what it reads, so templates and model methods
see the instances the ORM would give; ``cache_related`` and ``cache_prefetched``
put them where ``select_related`` and ``prefetch_related`` would.

PostgreSQL (``to_json``, ``json_agg``) and SQLite (``json_object``,
``json_group_array``) only, the two databases the project runs on.
"""

import datetime
import functools
import json

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.utils.dateparse import parse_date, parse_datetime
from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname


def quote_name(name):
    """An SQL identifier, as both databases quote it."""
    return '"{}"'.format(name.replace('"', '""'))


def json_array(vendor, items):
    function = "json_build_array" if vendor == "postgresql" else "json_array"
    return f"{function}({', '.join(items)})"


def json_list(vendor, row, source, order):
    """A subquery: the JSON array of ``row`` for every row of ``source`` (``FROM ...
    WHERE ...`` without ``FROM``), in ``order``; ``[]`` when there is none."""
    if vendor == "postgresql":
        return f"(SELECT COALESCE(json_agg({row} ORDER BY {order}), '[]') FROM {source})"
    # SQLite before 3.44 has no ORDER BY inside an aggregate: the rows come
    # ordered from a subquery, which SQLite does not flatten into an aggregate.
    return (
        f"(SELECT json_group_array(json(_row)) FROM "
        f"(SELECT {row} AS _row FROM {source} ORDER BY {order}))"
    )


def decode(value):
    """A JSON column as Python values (psycopg may have decoded it already)."""
    return json.loads(value) if isinstance(value, str | bytes) else value


def _translated_fields(model):
    try:
        return translator.get_options_for_model(model).all_fields
    except NotRegistered:
        return {}


class JsonRows:
    """The rows of ``model``'s table under ``alias`` in a hand-written query."""

    def __init__(self, model, alias):
        self.model = model
        self.alias = quote_name(alias)
        self.fields = model._meta.concrete_fields
        self.attnames = [field.attname for field in self.fields]
        self.columns = [field.column for field in self.fields]
        self.pk_column = model._meta.pk.column
        self.converters = [_converter(field) for field in self.fields]
        self.table = f"{quote_name(model._meta.db_table)} {self.alias}"

    def column(self, name):
        """The qualified column of field ``name`` (``pk`` for the primary key)."""
        field = self.model._meta.pk if name == "pk" else self.model._meta.get_field(name)
        return f"{self.alias}.{quote_name(field.column)}"

    def row(self, vendor):
        """The row as a JSON object of its columns. PostgreSQL writes a whole row
        (``to_json``), which it parses and plans far faster than each column named."""
        if vendor == "postgresql":
            return f"to_json({self.alias})"
        pairs = []
        for field in self.fields:
            column = f"{self.alias}.{quote_name(field.column)}"
            if isinstance(field, models.JSONField):
                column = f"json({column})"  # SQLite stores JSON as text: nest it, not quote it
            pairs.append(f"'{field.column}', {column}")
        return f"json_object({', '.join(pairs)})"

    def order(self, language):
        """``ORDER BY`` of the model's ``Meta.ordering``, a translated field in its
        ``language`` column, as django-modeltranslation orders the ORM's queries."""
        translated = _translated_fields(self.model)
        terms = []
        for name in self.model._meta.ordering:
            descending = name.startswith("-")
            name = name.lstrip("-")
            if name in translated:
                name = build_localized_fieldname(name, language)
            terms.append(f"{self.column(name)} {'DESC' if descending else 'ASC'}")
        return ", ".join(terms)

    def join(self, other, foreign_key):
        """``JOIN`` ``other`` (a ``JsonRows``) through this model's ``foreign_key``;
        a ``LEFT JOIN`` when the key may be empty."""
        field = self.model._meta.get_field(foreign_key)
        kind = "LEFT JOIN" if field.null else "JOIN"
        target = other.column(field.target_field.name)
        return f"{kind} {other.table} ON {target} = {self.alias}.{quote_name(field.column)}"

    def instance(self, row, using):
        """The instance a row (``row()``'s object) stands for, or None for the empty
        row of a ``LEFT JOIN``."""
        if row is None or row.get(self.pk_column) is None:
            return None
        return self.model.from_db(
            using,
            self.attnames,
            [
                value if convert is None or value is None else convert(value)
                for convert, value in zip(
                    self.converters, (row.get(column) for column in self.columns), strict=True
                )
            ],
        )


#: Fields whose values JSON gives as the ORM would: text, whole numbers, JSON.
_AS_GIVEN = (
    models.CharField,
    models.TextField,
    models.IntegerField,
    models.JSONField,
    models.FileField,
)


def _converter(field):
    """What turns a column's value as JSON gives it (dates as text, booleans as 0/1
    in SQLite) into the value the ORM reads; None when it is that already."""
    if isinstance(field, models.DateTimeField):
        return _datetime
    if isinstance(field, models.DateField):
        return parse_date
    if isinstance(field, models.BooleanField):
        return bool
    if isinstance(field.target_field if field.is_relation else field, _AS_GIVEN):
        return None
    return field.to_python


def _datetime(value):
    """PostgreSQL writes an offset; SQLite stores UTC without one."""
    value = parse_datetime(value)
    if settings.USE_TZ and value.tzinfo is None:
        value = value.replace(tzinfo=datetime.UTC)
    return value


def cache_related(instance, name, related):
    """As ``select_related(name)`` leaves it: ``instance.<name>`` without a query."""
    instance._meta.get_field(name).set_cached_value(instance, related)


def cache_prefetched(instance, name, objects):
    """As ``prefetch_related(name)`` leaves it: ``instance.<name>.all()`` gives
    ``objects`` without a query, and a query chained on it (``.filter()``) still
    reads only this instance's related rows (the filter is applied only then, as
    the related managers do).

    The attributes set here are Django's private ones, as ``prefetch_related``
    sets them (Django is pinned to 5.2; tests/releases/test_parts.py breaks if they
    change)."""
    relation = instance._meta.get_field(name)
    if relation.many_to_many and not relation.auto_created:  # a ManyToManyField here
        lookup = relation.related_query_name()
    else:  # the reverse side of a foreign key or of a ManyToManyField elsewhere
        lookup = relation.field.name
    model = relation.related_model
    queryset = _queryset_class(model)(model=model, using=instance._state.db)
    # Filtered only if something is chained on it, as the related managers do
    # (their ``_defer_next_filter``): building the filter costs more than the rest.
    queryset._deferred_filter = (False, (), {lookup: instance})
    queryset._result_cache = list(objects)
    queryset._prefetch_done = True
    if not hasattr(instance, "_prefetched_objects_cache"):
        instance._prefetched_objects_cache = {}
    instance._prefetched_objects_cache[name] = queryset


@functools.cache
def _queryset_class(model):
    """The class of ``model``'s querysets, as its default manager makes them
    (django-modeltranslation makes a new class on every call, which costs more
    than all the rest of ``cache_prefetched``)."""
    queryset = model._default_manager.get_queryset()
    if queryset.query.has_filters():
        # Its instances would not see the manager's filter.
        raise ImproperlyConfigured(f"{model._meta.label}'s default manager filters its rows")
    return type(queryset)
