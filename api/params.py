"""Query parameters the lists share (the website's filters, by the same slugs)."""

import datetime
from typing import Annotated, Literal

from django.conf import settings
from ninja import Field, Path, Schema
from pydantic import field_validator

from .cursor import DEFAULT_LIMIT, MAX_LIMIT
from .instants import FIRST_YEAR, LAST_YEAR, instant

Language = Literal[tuple(code for code, _name in settings.LANGUAGES)]


#: An item's id in a path: a positive 64-bit integer (anything else is a 400, never a
#: number the database cannot compare).
Id = Annotated[int, Path(ge=1, le=2**63 - 1)]


class Single(Schema):
    lang: Language | None = Field(
        None,
        description="One language: the texts in it, or in the item's original language "
        "if the item does not exist in it. Without: every language the item exists in.",
    )


class Listing(Single):
    cursor: str | None = Field(
        None, max_length=200, description="From a page's `next` address; do not build it."
    )
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Items per page.")


class Filtered(Listing):
    organization: str | None = Field(
        None, max_length=200, description="An organization's `slug` (in any language)."
    )
    official: str | None = Field(None, max_length=200, description="An official's `slug`.")
    year: int | None = Field(None, ge=FIRST_YEAR, le=LAST_YEAR, description="Year of publication.")
    q: str | None = Field(
        None,
        max_length=200,
        description="Words to search for, as on the website's search page (in `lang`, "
        "else in every language): the 100 most recent matches per language, in the "
        "list's order.",
    )
    updated_since: datetime.datetime | None = Field(
        None,
        description="Only items published or changed since this instant (ISO 8601; "
        "without an offset: UTC), and the tombstones of those withdrawn or expired "
        "since then.",
    )

    @field_validator("updated_since", mode="before")
    @classmethod
    def iso_8601(cls, value):
        """An ISO 8601 date and time (not the numbers pydantic would take for one),
        within the years the newsroom can hold; in UTC."""
        if isinstance(value, str):
            return instant(value)
        return value

    def since(self):
        return self.updated_since


class ReleaseFilters(Filtered):
    topic: str | None = Field(None, max_length=200, description="A topic's `slug`.")
