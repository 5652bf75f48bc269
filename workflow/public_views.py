"""What the public and those who may preview see of an item: the base of every
public detail page (a translated slug, a preview for those with the permission,
the 410 of a withdrawn release)."""

from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language, override
from django.views.generic import DetailView

from newsroom.context_processors import OG_LOCALES
from newsroom.languages import get_by_translated_slug, language_codes, slug_in_language
from workflow.permissions import may_preview


class PublicQuerysetMixin:
    """Those who may preview the model (its view permission, workflow/permissions.py)
    see anything; everyone else reads ``public()`` only (for releases and events,
    ``live()``), so what is not live is a 404 for the public."""

    def get_queryset(self):
        queryset = super().get_queryset()
        if may_preview(self.request.user, queryset.model):
            return queryset
        return queryset.public()


class TranslatedSlugDetailView(PublicQuerysetMixin, DetailView):
    """A detail page reached by its slug in any language; a slug that is not the
    item's address in the reader's language redirects to that address."""

    gone_template_name = "newsroom/withdrawn.html"

    def get_object(self, queryset=None):
        queryset = self.get_queryset() if queryset is None else queryset
        item = get_by_translated_slug(queryset, self.kwargs["slug"])
        if item is None:
            raise Http404
        return item

    def canonical_path(self, item):
        """Where this page lives in the reader's language."""
        return item.get_absolute_url()

    def withdrawn_response(self):
        """A withdrawn item's address answers 410 Gone, with the date and the reason."""
        manager = self.model._default_manager
        if not hasattr(manager, "withdrawn"):
            return None
        item = get_by_translated_slug(manager.withdrawn(), self.kwargs["slug"])
        if item is None:
            return None
        language = item.content_language()
        shown = item.in_language(language)
        context = {
            "item": item,
            "shown": shown,
            "page_title": shown.title,
            "content_language": language,
            "original_language": item.original_language,
        }
        return TemplateResponse(self.request, self.gone_template_name, context, status=410)

    def get(self, request, *args, **kwargs):
        try:
            self.object = self.get_object()
        except Http404:
            gone = self.withdrawn_response()
            if gone is not None:
                return gone
            raise
        if slug_in_language(self.object) != self.kwargs["slug"]:
            return redirect(self.canonical_path(self.object), permanent=True)
        context = self.get_context_data(object=self.object)
        response = self.render_to_response(context)
        if context.get("is_preview"):
            # A staff preview of unpublished content: never stored, never indexed.
            patch_cache_control(response, private=True, no_store=True)
        if request.GET.get("frame") == "preview" and may_preview(request.user, self.model):
            # The change form's side-by-side preview (same origin only), for staff.
            patch_cache_control(response, private=True, no_store=True)
            response["X-Frame-Options"] = "SAMEORIGIN"
            response._csp_replace = {"frame-ancestors": ["'self'"]}
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        item = self.object
        absolute = self.request.build_absolute_uri
        urls = alternate_urls(item)
        languages = getattr(item, "available_languages", None) or language_codes()
        is_preview = hasattr(item, "is_live") and not item.is_live()
        context.update(
            alternate_urls=urls,
            hreflang_urls={} if is_preview else {code: absolute(urls[code]) for code in languages},
            is_preview=is_preview,
        )
        if hasattr(item, "content_language"):
            content_language = item.content_language()
            context.update(
                content_language=content_language,
                original_language=item.original_language,
                is_fallback=content_language != get_language(),
                shown=item.in_language(content_language),
                # A fallback page repeats the original: point search engines there.
                canonical_url=absolute(urls[content_language]),
                og_locale=OG_LOCALES.get(content_language, OG_LOCALES["fr"]),
            )
        return context


def alternate_urls(item):
    """The item's address in each language (its slug differs per language)."""
    urls = {}
    for code in language_codes():
        with override(code):
            urls[code] = item.get_absolute_url()
    return urls
