import datetime

from django.apps import apps
from django.db.models import OuterRef, Prefetch
from django.http import Http404
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.views.generic import DetailView, ListView

from newsroom.publishing import live_q
from newsroom.structured_data import json_ld_script, organization_data
from public_cache.fragments import cached_fragment
from releases.models import PressRelease, Quote
from workflow.permissions import may_preview
from workflow.public_views import PublicQuerysetMixin, TranslatedSlugDetailView

from .models import Appointment, Organization, OrganizationRelation, Person

RELEASES_ON_PROFILE = 10
SESSIONS_ON_PROFILE = 20


def is_public_now(request, organization):
    """``organization.is_public()``, kept in the fragment cache under the public version
    (for an organization that issues nothing, the rule is a large query)."""
    return cached_fragment(
        request, "organization-is-public", [organization.pk], organization.is_public
    )


def shown_ancestors(request, organization):
    """The hierarchy above ``organization`` its page shows: its parent and up, each
    only while it is public (one that no live content names is left out, with all
    above it), read for the public once per content version (fragment cache)."""
    chain = organization.ancestors()
    if not chain or may_preview(request.user, Organization):
        return chain
    public = set(
        cached_fragment(
            request,
            "organization-public-ancestors",
            [organization.pk],
            lambda: list(
                Organization.objects.public()
                .filter(pk__in=[ancestor.pk for ancestor in chain])
                .values_list("pk", flat=True)
            ),
        )
    )
    shown = []
    for ancestor in reversed(chain):
        if ancestor.pk not in public:
            break
        shown.insert(0, ancestor)
    return shown


def with_shown_parents(organizations):
    """``organizations`` (all the public ones) with ``shown_parent``: the parent when
    it is public itself, else None."""
    organizations = list(organizations)
    public = {organization.pk for organization in organizations}
    for organization in organizations:
        organization.shown_parent = (
            organization.parent if organization.parent_id in public else None
        )
    return organizations


class RelationRow:
    """A relation as one organization's page says it: "Hosted by X, through Y,
    since 2016" on the subject's, "Hosts X" on the related one's, and "X hosted by
    Y" on the page of the organization it goes through."""

    def __init__(self, relation, organization):
        self.relation = relation
        self.through = relation.through if relation.through_id != organization.pk else None
        if organization.pk == relation.through_id:
            self.subject, self.label, self.other = (
                relation.organization,
                relation.get_kind_display(),
                relation.related,
            )
        else:
            self.subject = None
            self.label = relation.label_from(organization)
            self.other = (
                relation.related
                if organization.pk == relation.organization_id
                else relation.organization
            )
        self.started_on, self.ended_on = relation.started_on, relation.ended_on
        self.is_future = relation.started_on is not None and not relation.is_current()
        self.has_ended = relation.ended_on is not None and relation.ended_on < timezone.localdate()


def public_relations(organization, now=None):
    """The public relations naming ``organization`` (either side, or as the one they
    go through), with their organizations, in one query."""
    return list(
        OrganizationRelation.objects.public(now)
        .involving(organization)
        .select_related("organization", "related", "through")
    )


def relation_rows(organization, relations):
    """Rows for the page: those not ended first, each group in the order of the kinds
    (hosted, funded, co-funded, partner, member), the earliest first."""
    kinds = list(OrganizationRelation.Kind)
    rows = [RelationRow(relation, organization) for relation in relations]
    return sorted(
        rows,
        key=lambda row: (
            row.has_ended,
            kinds.index(row.relation.kind),
            row.started_on or datetime.date.min,
            row.relation.pk,
        ),
    )


def organization_structured_data(request, organization, children, relations):
    """The page's JSON-LD: the organization with its public parent and children
    and its relations (``children`` and ``relations``: public ones only)."""
    parent = None
    if organization.parent_id is not None:
        parent = Organization.objects.public().filter(pk=organization.parent_id).first()
    data = organization_data(
        organization,
        request.build_absolute_uri,
        parent=parent,
        children=children,
        relations=relations,
    )
    return json_ld_script({"@context": "https://schema.org", **data})


class OrganizationListView(ListView):
    template_name = "organizations/organization_list.html"
    context_object_name = "organizations"

    def get_queryset(self):
        return Organization.objects.public().select_related("parent")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Read when the template draws its fragment, not before.
        context["organizations"] = SimpleLazyObject(lambda: with_shown_parents(self.object_list))
        return context


class OrganizationDetailView(TranslatedSlugDetailView):
    """An organization, its hierarchy and the latest releases by or about it.

    Whether the public may see it, how many releases it has, and what the page
    lists (public children, releases) are kept in the fragment cache, under the
    public version: counting an organization's releases grows with them, and
    ``public()`` is a large query. A page found there reads the organization's row."""

    model = Organization
    context_object_name = "organization"

    def get_queryset(self):
        return Organization.objects.select_related("parent__parent", "logo")

    def get_object(self, queryset=None):
        organization = super().get_object(queryset)
        if not may_preview(self.request.user, Organization) and not is_public_now(
            self.request, organization
        ):
            raise Http404
        return organization

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        organization = self.object
        children = SimpleLazyObject(
            lambda: list(Organization.objects.public().filter(parent=organization))
        )
        relations = SimpleLazyObject(lambda: public_relations(organization))
        context.update(
            structured_data=cached_fragment(
                self.request,
                "organization-structured-data",
                [organization.pk],
                lambda: organization_structured_data(
                    self.request, organization, children, relations
                ),
            ),
            # Two counts on indexes (see count_about).
            release_count=cached_fragment(
                self.request,
                "organization-release-count",
                [organization.pk],
                lambda: (
                    Organization.objects.filter(pk=organization.pk)
                    .annotate(n=PressRelease.objects.live().count_about(OuterRef("pk")))
                    .values_list("n", flat=True)
                    .get()
                ),
            ),
            ancestors=shown_ancestors(self.request, organization),
            # Read when the template draws its fragment, not before.
            children=children,
            relations=SimpleLazyObject(lambda: relation_rows(organization, relations)),
            releases=SimpleLazyObject(
                lambda: (
                    PressRelease.objects.live()
                    .latest_about(organization, RELEASES_ON_PROFILE)
                    .order_by("-publish_at", "-pk")[:RELEASES_ON_PROFILE]
                    .numbered("issuing_organization")
                )
            ),
        )
        return context


class PersonDetailView(PublicQuerysetMixin, DetailView):
    """An official: the roles they held, what they said, the releases quoting them."""

    model = Person
    context_object_name = "person"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("portrait")
            .prefetch_related(
                Prefetch(
                    "appointments",
                    queryset=Appointment.objects.started().select_related("role__organization"),
                )
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        person = self.object
        # Every live quote of the person, as (release's publication, release, order,
        # quote) keys, read from the quotes' side: the latest ones found by walking
        # the releases backwards took up to a second at 100,000 releases for an
        # official quoted rarely or long ago. One official's quotes are few enough
        # to sort here, and the same keys give the count and both latest tens.
        now = timezone.now()
        keys = sorted(
            Quote.objects.filter(live_q(now, "release__"), appointment__person=person)
            .order_by()
            .values_list("release__publish_at", "release_id", "order", "pk"),
            key=lambda key: (-key[0].timestamp(), -key[1], key[2], key[3]),
        )
        latest_releases = list(dict.fromkeys(key[1] for key in keys))
        context["quotes"] = (
            Quote.objects.filter(pk__in=[key[3] for key in keys[:RELEASES_ON_PROFILE]])
            .select_related("release", "appointment__role")
            .order_by("-release__publish_at", "-release_id", "order", "pk")
        )
        context["releases"] = (
            PressRelease.objects.live(now)
            .filter(pk__in=latest_releases[:RELEASES_ON_PROFILE])
            .order_by("-publish_at", "-pk")
            .numbered("issuing_organization")
        )
        context["release_count"] = len(latest_releases)
        context["sessions"] = sessions_of(person, now)
        return context


def sessions_of(person, now):
    """The sessions of live events' programmes the person spoke at or moderated, the
    latest first, each with the role they held and the event."""
    SessionParticipant = apps.get_model("events", "SessionParticipant")
    return list(
        SessionParticipant.objects.filter(
            live_q(now, "session__event__"), appointment__person=person
        )
        .select_related("session__event", "appointment__role")
        .order_by("-session__starts_at", "session_id", "order")[:SESSIONS_ON_PROFILE]
    )
