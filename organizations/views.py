from django.db.models import OuterRef, Prefetch
from django.http import Http404
from django.utils import timezone
from django.views.generic import DetailView, ListView

from newsroom.publishing import live_q
from releases.models import PressRelease, Quote
from workflow.permissions import may_preview
from workflow.public_views import PublicQuerysetMixin, TranslatedSlugDetailView

from .models import Appointment, Organization, Person

RELEASES_ON_PROFILE = 10


class OrganizationListView(ListView):
    template_name = "organizations/organization_list.html"
    context_object_name = "organizations"

    def get_queryset(self):
        return Organization.objects.public().select_related("parent")


class OrganizationDetailView(TranslatedSlugDetailView):
    model = Organization
    context_object_name = "organization"

    def get_queryset(self):
        # Whether the public may see it is asked of the one organization found
        # (get_object), not of every organization.
        return (
            Organization.objects.all()
            .select_related("parent__parent", "logo")
            .prefetch_related(Prefetch("children", queryset=Organization.objects.public()))
            # Counted with the organization, on indexes (see count_about).
            .annotate(release_count=PressRelease.objects.live().count_about(OuterRef("pk")))
        )

    def get_object(self, queryset=None):
        organization = super().get_object(queryset)
        if not may_preview(self.request.user, Organization) and not organization.is_public():
            raise Http404
        return organization

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        releases = (
            PressRelease.objects.live()
            .latest_about(self.object, RELEASES_ON_PROFILE)
            .select_related("issuing_organization")
            .order_by("-publish_at", "-pk")
        )
        context["releases"] = releases[:RELEASES_ON_PROFILE].numbered("issuing_organization")
        context["release_count"] = self.object.release_count
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
