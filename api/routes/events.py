"""Events: the list (organizer, speaker, year, search, updates since) and one event.
Read through ``live()`` only."""

from django.db.models import Prefetch, Q
from django.utils import timezone
from ninja import Query, Router

from events.models import Event
from organizations.models import Appointment
from releases.models import PressRelease
from translations.updated import last_changes

from .. import documents, schemas
from ..cursor import after_descending, page_of
from ..params import Filtered, Id, Single
from ..responses import json_response
from ..search import matching_ids
from .common import ERRORS, GONE, gone_since, read_public_filters
from .releases import gone_or_missing

router = Router(tags=["Events"])

ORDER = ("-starts_at", "-pk")


def with_parts(queryset):
    """What an event's document shows, in five queries whatever the number of events."""
    return queryset.prefetch_related(
        "organizers",
        Prefetch(
            "speakers",
            queryset=Appointment.objects.select_related("person", "role__organization"),
        ),
        Prefetch(
            "related_releases",
            queryset=PressRelease.objects.live().order_by("-publish_at", "-pk"),
            to_attr="live_releases",
        ),
        "images",
        "documents",
    )


def _documents(events, lang):
    changes = last_changes(Event, [event.pk for event in events])
    return [documents.event_document(event, lang, changes) for event in events]


def filtered(queryset, active, params):
    """Organized by the organization, with the official as a speaker, in the year."""
    if "organization" in active:
        queryset = queryset.filter(organizers=active["organization"])
    if "official" in active:
        queryset = queryset.filter(
            pk__in=Event.speakers.through.objects.filter(
                appointment__person=active["official"]
            ).values("event_id")
        )
    if params.year:
        queryset = queryset.filter(starts_at__year=params.year)
    return queryset


@router.get(
    "/events",
    response={200: schemas.EventPage, **ERRORS},
    url_name="events",
    summary="Live events, latest start first",
)
def event_list(request, params: Query[Filtered]):
    """Events the website shows, upcoming and past, by their start, latest first.
    `organization`: organized by it; `official`: with them as a speaker."""
    now = timezone.now()
    active = read_public_filters(request, params, names=("organization", "official"))
    queryset = filtered(Event.objects.live(now), active, params)
    if params.q:
        queryset = queryset.filter(pk__in=matching_ids(params.q, params.lang, active, "event"))
    since = params.since()
    if since is not None:
        queryset = queryset.filter(Q(publish_at__gte=since) | Q(updated_at__gte=since))
    if params.cursor:
        queryset = queryset.filter(after_descending("starts_at", params.cursor))
    rows, next_url = page_of(
        request,
        queryset.order_by(*ORDER).values_list("pk", "starts_at"),
        params.limit,
        key=lambda row: (row[1], row[0]),
    )
    pks = [pk for pk, _at in rows]
    events = sorted(with_parts(Event.objects.filter(pk__in=pks)), key=lambda e: pks.index(e.pk))
    tombstones = []
    if since is not None and not params.cursor:
        gone = filtered(Event.objects.all(), active, params)
        tombstones = gone_since(gone, "event", since, now)
    return json_response(
        {"items": _documents(events, params.lang), "next": next_url, "tombstones": tombstones}
    )


@router.get(
    "/events/{event_id}",
    response={200: schemas.Event, **ERRORS, **GONE},
    url_name="event",
    summary="One event",
)
def event_detail(request, event_id: Id, params: Query[Single]):
    """A live event. Withdrawn or expired: 410 with the notice."""
    event = with_parts(Event.objects.live().filter(pk=event_id)).first()
    if event is None:
        return gone_or_missing(Event, "event", event_id)
    return json_response(_documents([event], params.lang)[0])
