from django.http import Http404
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView

from public_cache.fragments import cached_values
from releases.filters import FILTERS, filter_choices, read_filters
from releases.models import release_numbers
from releases.views import KnownCountPaginator

from .models import SearchDocument
from .query import KINDS, Matches, clean_query, results, search


class SearchView(ListView):
    """The search page: live releases and events matching the reader's words, in
    their language, with the release list's filters and a filter by kind."""

    template_name = "search/results.html"
    paginate_by = 20

    def get_queryset(self):
        params = self.request.GET
        self.text = clean_query(params.get("q"))
        self.kind = params.get("type") or None
        if self.kind not in (None, *KINDS):
            raise Http404(_("Unknown type."))
        self.filters = read_filters(params)
        self.matches = Matches(SearchDocument.objects.none())
        if self.text:
            self.matches = search(self.text, get_language(), self.filters, self.kind)
        return self.matches.documents

    def get_paginator(self, queryset, per_page, **kwargs):
        # Search counted them already.
        return KnownCountPaginator(queryset, per_page, count=self.matches.count, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        kept = {
            name: self.request.GET[name]
            for name in (*FILTERS, "type")
            if self.request.GET.get(name)
        }
        if self.text:
            kept = {"q": self.text, **kept}
        context.update(
            text=self.text,
            kind=self.kind,
            capped=self.matches.capped,
            max_matches=self.matches.limit,
            filters=self.filters,
            choices=filter_choices(),
            kinds=[("release", _("Press releases")), ("event", _("Events"))],
            query_string=urlencode(kept),
            results=results(
                context["object_list"],
                self.text,
                get_language(),
                query=self.matches.query,
                numbers=lambda pks: cached_values(
                    self.request, "release-number", pks, release_numbers
                ),
            ),
            page_title=_("Search"),
        )
        return context
