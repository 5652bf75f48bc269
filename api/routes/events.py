"""Events: the list (organizer, speaker, year, search, updates since) and one event.
Read through ``live()`` only."""

from ninja import Query, Router

from events.models import Event
from translations.updated import last_changes

from .. import documents, schemas
from ..params import Filtered, Id, Single
from ..responses import json_response
from .common import ERRORS, GONE, live_page
from .releases import gone_or_missing

router = Router(tags=["Events"])


def with_parts(queryset):
    """What an event's document shows: its page's parts, its images and documents
    (five queries whatever the number of events)."""
    return queryset.with_page_parts().prefetch_related("images", "documents")


def _documents(events, pks, lang):
    """The documents of ``events``, in the order of ``pks``."""
    by_pk = {event.pk: event for event in events}
    changes = last_changes(Event, pks)
    return [documents.event_document(by_pk[pk], lang, changes) for pk in pks if pk in by_pk]


def filtered(queryset, active):
    """Organized by the organization, with the official as a speaker, in the year."""
    if "organization" in active:
        queryset = queryset.filter(organizers=active["organization"])
    if "official" in active:
        queryset = queryset.with_speaker(active["official"])
    if "year" in active:
        queryset = queryset.filter(starts_at__year=active["year"])
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
    return live_page(
        request,
        params,
        Event,
        "event",
        filtered,
        "starts_at",
        lambda pks: _documents(with_parts(Event.objects.filter(pk__in=pks)), pks, params.lang),
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
    return json_response(_documents([event], [event.pk], params.lang)[0])
