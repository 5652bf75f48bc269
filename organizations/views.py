from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView

from newsroom.publishing import live_q
from newsroom.views import TranslatedSlugDetailView
from releases.models import PressRelease, Quote

from .models import Appointment, Organization, Person


class OrganizationListView(ListView):
    template_name = "organizations/organization_list.html"
    context_object_name = "organizations"

    def get_queryset(self):
        return Organization.objects.select_related("parent")


class OrganizationDetailView(TranslatedSlugDetailView):
    model = Organization
    context_object_name = "organization"

    def get_queryset(self):
        return Organization.objects.select_related("parent__parent").prefetch_related("children")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        organization = self.object
        context["releases"] = (
            PressRelease.objects.live()
            .filter(Q(issuing_organization=organization) | Q(related_organizations=organization))
            .select_related("issuing_organization")
            .distinct()[:20]
        )
        return context


class PersonDetailView(DetailView):
    model = Person
    context_object_name = "person"

    def get_object(self, queryset=None):
        return get_object_or_404(
            Person.objects.prefetch_related(
                Prefetch(
                    "appointments",
                    queryset=Appointment.objects.select_related("role__organization"),
                )
            ),
            slug=self.kwargs["slug"],
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        person = self.object
        context["quotes"] = (
            Quote.objects.filter(live_q(prefix="release__"), appointment__person=person)
            .select_related("release", "appointment__role")
            .order_by("-release__publish_at")[:20]
        )
        return context
