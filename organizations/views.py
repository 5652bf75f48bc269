from django.db.models import OuterRef, Prefetch
from django.views.generic import DetailView, ListView

from newsroom.publishing import live_q
from newsroom.views import PublicQuerysetMixin, TranslatedSlugDetailView
from releases.models import PressRelease, Quote

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
        return (
            super().get_queryset()
            .select_related("parent__parent", "logo")
            .prefetch_related(Prefetch("children", queryset=Organization.objects.public()))
            # Counted with the organization, on indexes (see count_about).
            .annotate(release_count=PressRelease.objects.live().count_about(OuterRef("pk")))
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        releases = (
            PressRelease.objects.live().about(self.object)
            .select_related("issuing_organization").order_by("-publish_at", "-pk")
        )
        context["releases"] = releases[:RELEASES_ON_PROFILE].numbered()
        context["release_count"] = self.object.release_count
        return context


class PersonDetailView(PublicQuerysetMixin, DetailView):
    """An official: the roles they held, what they said, the releases quoting them."""

    model = Person
    context_object_name = "person"

    def get_queryset(self):
        return super().get_queryset().select_related("portrait").prefetch_related(
            Prefetch(
                "appointments",
                queryset=Appointment.objects.started().select_related("role__organization"),
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        person = self.object
        context["quotes"] = (
            Quote.objects.filter(live_q(prefix="release__"), appointment__person=person)
            .select_related("release", "appointment__role")
            .order_by("-release__publish_at")[:RELEASES_ON_PROFILE]
        )
        releases = (
            PressRelease.objects.live().quoting(person)
            .select_related("issuing_organization").order_by("-publish_at", "-pk")
        )
        context["releases"] = releases[:RELEASES_ON_PROFILE].numbered()
        context["release_count"] = releases.count()
        return context
