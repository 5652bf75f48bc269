from django.db.models import Prefetch
from django.utils.http import urlencode
from django.views.generic import ListView

from events.models import Event
from newsroom.structured_data import json_ld_script, release_data
from newsroom.views import TranslatedSlugDetailView

from .filters import FILTERS, apply_filters, filter_choices
from .models import PressRelease, Quote


def quotes_with_speakers():
    return Prefetch(
        "quotes",
        queryset=Quote.objects.select_related("appointment__person", "appointment__role"),
    )


class ReleaseListView(ListView):
    template_name = "releases/pressrelease_list.html"
    paginate_by = 20
    context_object_name = "releases"

    def get_queryset(self):
        queryset = PressRelease.objects.live().select_related("issuing_organization")
        queryset, self.active_filters = apply_filters(queryset, self.request.GET)
        return queryset

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        kept = {name: self.request.GET[name] for name in FILTERS if self.request.GET.get(name)}
        context.update(
            filters=self.active_filters,
            choices=filter_choices(),
            query_string=urlencode(kept),
            selected=kept,
        )
        return context


class ReleaseDetailView(TranslatedSlugDetailView):
    model = PressRelease
    context_object_name = "release"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("issuing_organization__parent")
            .prefetch_related(
                quotes_with_speakers(),
                "links",
                "topics",
                "related_organizations",
                "contact_links__contact__organization",
                Prefetch("events", queryset=Event.objects.live(), to_attr="live_events"),
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        shown = context["shown"]
        context.update(
            page_title=shown.title,
            page_description=shown.lead,
            og_type="article",
            structured_data=None if context["is_preview"] else json_ld_script(
                release_data(self.object, shown, self.request.build_absolute_uri,
                     context["canonical_url"])
            ),
        )
        return context
