"""What the routes share: the error responses each declares, the website's filters
read as the website reads them, and the tombstones of items no longer public."""

from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from newsroom.publishing import Status
from releases.filters import read_filters

from .. import documents, schemas
from ..cursor import after_descending, page_of
from ..problems import ProblemError
from ..responses import json_response
from ..search import matching_ids

#: Every route may answer these (the OpenAPI schema lists them, as problem details).
ERRORS = {400: schemas.Problem, 404: schemas.Problem, 429: schemas.Problem}
GONE = {410: schemas.Gone}


def read_public_filters(request, params, names=("organization", "official", "topic")):
    """The organization, official and topic named by their slugs, and the year, as the
    website's filters read them (releases/filters.py): only what the public may see;
    anything else is a 404, as on the website."""
    given = {name: getattr(params, name, None) for name in names}
    given["year"] = str(params.year) if params.year else None
    try:
        return read_filters({name: value for name, value in given.items() if value})
    except Http404 as error:
        raise ProblemError(404, "Not found", str(error)) from None


def live_page(request, params, model, kind, filter_by, date_field, documents_of):
    """One page of live releases or events (``kind``), the latest ``date_field``
    first: the website's filters (``filter_by``), search, updates since, the cursor;
    on the first page of updates, the tombstones with the same filters.
    ``documents_of(pks)`` gives the page's documents in that order."""
    now = timezone.now()
    active = read_public_filters(request, params)
    queryset = filter_by(model.objects.live(now), active)
    if params.q:
        queryset = queryset.filter(pk__in=matching_ids(params.q, params.lang, active, kind))
    since = params.since()
    if since is not None:
        queryset = queryset.filter(Q(publish_at__gte=since) | Q(updated_at__gte=since))
    if params.cursor:
        queryset = queryset.filter(after_descending(date_field, params.cursor))
    rows, next_url = page_of(
        request,
        queryset.order_by(f"-{date_field}", "-pk").values_list("pk", date_field),
        params.limit,
        key=lambda row: (row[1], row[0]),
    )
    tombstones = []
    if since is not None and not params.cursor:
        tombstones = gone_since(filter_by(model.objects.all(), active), kind, since, now)
    return json_response(
        {
            "items": documents_of([pk for pk, _at in rows]),
            "next": next_url,
            "tombstones": tombstones,
        }
    )


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
