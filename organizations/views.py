from django.db.models import OuterRef, Prefetch
from django.http import Http404
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.views.generic import DetailView, ListView

from newsroom.publishing import live_q
from public_cache.fragments import cached_fragment
from releases.models import PressRelease, Quote
from workflow.permissions import may_preview
from workflow.public_views import PublicQuerysetMixin, TranslatedSlugDetailView

from .models import Appointment, Organization, Person

RELEASES_ON_PROFILE = 10


def is_public_now(request, organization):
    """``organization.is_public()``, kept in the fragment cache under the public version
    (for an organization that issues nothing, the rule is a large query)."""
    return cached_fragment(
        request, "organization-is-public", [organization.pk], organization.is_public
    )


class OrganizationListView(ListView):
    template_name = "organizations/organization_list.html"
    context_object_name = "organizations"

    def get_queryset(self):
        return Organization.objects.public().select_related("parent")


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
        context.update(
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
            # Read when the template draws its fragment, not before.
            children=SimpleLazyObject(
                lambda: Organization.objects.public().filter(parent=organization)
            ),
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
        return context
