"""What the routes share: the error responses each declares, the website's filters
read as the website reads them, and the tombstones of items no longer public."""

from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.http import Http404

from newsroom.publishing import Status
from releases.filters import read_filters

from .. import documents, schemas
from ..problems import ProblemError

#: Every route may answer these (the OpenAPI schema lists them, as problem details).
ERRORS = {400: schemas.Problem, 404: schemas.Problem, 429: schemas.Problem}
GONE = {410: schemas.Gone}


def read_public_filters(request, params, names=("organization", "official", "topic")):
    """The organization, official and topic named by their slugs, as the website's
    filters read them (releases/filters.py): only what the public may see; anything
    else is a 404, as on the website."""
    given = {name: getattr(params, name, None) for name in names}
    try:
        return read_filters({name: value for name, value in given.items() if value})
    except Http404 as error:
        raise ProblemError(404, "Not found", str(error)) from None


#: Tombstones in one answer at most, the oldest first: with as many, a mirror asks
#: again with ``updated_since`` at the last one's ``at``.
MAX_TOMBSTONES = 1000


def gone_since(queryset, kind, since, now):
    """Items of ``queryset`` (the list's filters applied) that were public and stopped
    being so since ``since``: withdrawn after their go-live, or expired. Those withdrawn
    before they went live were never public and are not named."""
    withdrawn = Q(
        status=Status.WITHDRAWN,
        withdrawn_at__gte=since,
        publish_at__isnull=False,
        publish_at__lte=F("withdrawn_at"),
    )
    expired = Q(
        status=Status.APPROVED,
        unpublish_at__gte=since,
        unpublish_at__lte=now,
        publish_at__lt=F("unpublish_at"),
    )
    items = (
        queryset.filter(withdrawn | expired)
        .annotate(gone_at=Coalesce("withdrawn_at", "unpublish_at"))
        .order_by("gone_at", "pk")[:MAX_TOMBSTONES]
    )
    return [documents.tombstone(item, kind, now) for item in items]
