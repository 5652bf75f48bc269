"""Cursor pagination: each page ends where the next begins, by the values of the
list's order (keyset), so a list stays stable while items are published: an item
that goes live between two requests never shifts a page, and deep pages cost what
the first does (no OFFSET)."""

import base64
import binascii
import datetime
import json

from django.db.models import Q

from newsroom.site_url import absolute_url

from .instants import instant
from .problems import ProblemError

#: Items per page: the default and the most a client may ask for.
DEFAULT_LIMIT, MAX_LIMIT = 20, 100


def encode(*values):
    data = [
        value.isoformat() if isinstance(value, datetime.datetime) else value for value in values
    ]
    return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")


def decode(cursor, kinds):
    """The values a cursor holds, checked against ``kinds`` (``datetime``, ``int``);
    400 for anything a client did not get from us."""
    try:
        raw = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        if not isinstance(raw, list) or len(raw) != len(kinds):
            raise ValueError
        values = []
        for value, kind in zip(raw, kinds, strict=True):
            if kind is datetime.datetime:
                value = instant(value)
            elif kind is int and not (isinstance(value, int) and 0 <= value < 2**63):
                raise ValueError
            values.append(value)
        return values
    except (ValueError, TypeError, AttributeError, binascii.Error, UnicodeDecodeError):
        raise ProblemError(400, "Invalid cursor", "Use the `next` address of a page.") from None


def after_descending(field, cursor):
    """Rows after the cursor in the order ``-field, -pk``."""
    value, pk = decode(cursor, [datetime.datetime, int])
    return Q(**{f"{field}__lt": value}) | Q(**{field: value, "pk__lt": pk})


def after_pk(cursor):
    (pk,) = decode(cursor, [int])
    return Q(pk__gt=pk)


def next_url(request, cursor):
    """This address with ``cursor`` as its cursor."""
    params = request.GET.copy()
    params["cursor"] = cursor
    return absolute_url(request.path) + "?" + params.urlencode()


def page_of(request, queryset, limit, key):
    """The rows of one page of ``queryset`` (ordered), and the next page's address:
    ``key(row)`` gives the cursor values of a row. One query: one row more than the
    page tells whether there is a next."""
    rows = list(queryset[: limit + 1])
    more = len(rows) > limit
    rows = rows[:limit]
    return rows, (next_url(request, encode(*key(rows[-1]))) if more and rows else None)
