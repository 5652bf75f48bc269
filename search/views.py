from django.core.paginator import Paginator
from django.http import Http404
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView

from releases.filters import FILTERS, filter_choices, read_filters

from .models import SearchDocument
from .query import KINDS, Matches, clean_query, results, search


class KnownCountPaginator(Paginator):
    """A paginator told how many items there are (search counted them already)."""

    def __init__(self, object_list, per_page, count, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.count = count


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
                context["object_list"], self.text, get_language(), query=self.matches.query
            ),
            page_title=_("Search"),
        )
        return context
