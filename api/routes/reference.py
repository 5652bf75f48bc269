"""Reference data: organizations, officials and topics, as the website shows them
(``public()``: named by live content only; an organization created for an embargoed
announcement is absent until the announcement is live)."""

from django.db.models import Prefetch, Q
from ninja import Query, Router

from organizations.models import Appointment, Organization, OrganizationRelation, Person
from releases.models import Topic

from .. import documents, schemas
from ..cursor import after_pk, page_of
from ..params import Id, Listing, Single
from ..problems import problem
from ..responses import json_response
from .common import ERRORS

router = Router(tags=["Organizations, officials and topics"])


def _page(request, params, queryset, document, prepare=None):
    if params.cursor:
        queryset = queryset.filter(after_pk(params.cursor))
    rows, next_url = page_of(request, queryset.order_by("pk"), params.limit, key=lambda r: (r.pk,))
    if prepare is not None:
        prepare(rows)
    return json_response({"items": [document(row, params.lang) for row in rows], "next": next_url})


def _one(queryset, pk, document, lang, kind, prepare=None):
    item = queryset.filter(pk=pk).first()
    if item is None:
        return problem(404, "Not found", f"No {kind} with this id is public.")
    if prepare is not None:
        prepare([item])
    return json_response(document(item, lang))


def organizations():
    return Organization.objects.public()


def with_relations(rows):
    """Give each organization its public relations (``public_relations``), read for
    all of them in one query, and its parent's id when that one is public
    (``public_parent_id``, one query)."""
    rows = list(rows)
    parents = {row.parent_id for row in rows if row.parent_id is not None}
    public_parents = (
        set(Organization.objects.public().filter(pk__in=parents).values_list("pk", flat=True))
        if parents
        else set()
    )
    for row in rows:
        row.public_parent_id = row.parent_id if row.parent_id in public_parents else None
    relations = list(
        OrganizationRelation.objects.public()
        .filter(Q(organization__in=rows) | Q(related__in=rows) | Q(through__in=rows))
        .order_by("kind", "started_on", "pk")
    )
    for row in rows:
        row.public_relations = [
            relation
            for relation in relations
            if row.pk in (relation.organization_id, relation.related_id, relation.through_id)
        ]


def officials():
    return Person.objects.public().prefetch_related(
        Prefetch(
            "appointments",
            queryset=Appointment.objects.started().select_related("role__organization"),
            to_attr="shown_appointments",
        )
    )


@router.get(
    "/organizations",
    response={200: schemas.OrganizationPage, **ERRORS},
    url_name="organizations",
    summary="Organizations",
)
def organization_list(request, params: Query[Listing]):
    """Organizations named by live releases or events, their parents, and those of
    the officials' roles."""
    return _page(request, params, organizations(), documents.organization_document, with_relations)


@router.get(
    "/organizations/{organization_id}",
    response={200: schemas.Organization, **ERRORS},
    url_name="organization",
    summary="One organization",
)
def organization_detail(request, organization_id: Id, params: Query[Single]):
    return _one(
        organizations(),
        organization_id,
        documents.organization_document,
        params.lang,
        "organization",
        with_relations,
    )


@router.get(
    "/officials",
    response={200: schemas.OfficialPage, **ERRORS},
    url_name="officials",
    summary="Officials",
)
def official_list(request, params: Query[Listing]):
    """People quoted in a live release or speaking at a live event, with the roles
    they hold or held."""
    return _page(request, params, officials(), documents.official_document)


@router.get(
    "/officials/{official_id}",
    response={200: schemas.Official, **ERRORS},
    url_name="official",
    summary="One official",
)
def official_detail(request, official_id: Id, params: Query[Single]):
    return _one(officials(), official_id, documents.official_document, params.lang, "official")


@router.get(
    "/topics", response={200: schemas.TopicPage, **ERRORS}, url_name="topics", summary="Topics"
)
def topic_list(request, params: Query[Listing]):
    """Topics of live releases."""
    return _page(request, params, Topic.objects.public(), documents.topic_document)


@router.get(
    "/topics/{topic_id}",
    response={200: schemas.Topic, **ERRORS},
    url_name="topic",
    summary="One topic",
)
def topic_detail(request, topic_id: Id, params: Query[Single]):
    return _one(Topic.objects.public(), topic_id, documents.topic_document, params.lang, "topic")
