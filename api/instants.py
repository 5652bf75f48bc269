"""Instants the API reads (``updated_since``, cursors): ISO 8601, in UTC, within the
years the newsroom holds (as the ``year`` filter), so that no date reaches the
database that it cannot compare (SQLite overflows on year 9999 with an offset)."""

import datetime

from releases.filters import FIRST_YEAR, LAST_YEAR

__all__ = ["FIRST_YEAR", "LAST_YEAR", "instant"]


def instant(text):
    """``text`` as an aware datetime in UTC (without an offset: UTC); ValueError for
    anything else, or a year outside 1830-2999 (as the ``year`` filter)."""
    try:
        value = datetime.datetime.fromisoformat(text)
        if value.tzinfo is None:
            value = value.replace(tzinfo=datetime.UTC)
        value = value.astimezone(datetime.UTC)
    except OverflowError:
        raise ValueError("date out of range") from None
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValueError(f"the year must be between {FIRST_YEAR} and {LAST_YEAR}")
    return value
