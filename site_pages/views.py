from html import unescape

from django.utils.html import strip_tags
from django.utils.text import Truncator

from workflow.public_views import TranslatedSlugDetailView

from .models import SitePage


class SitePageDetailView(TranslatedSlugDetailView):
    """One of the site's pages, at its address in the reader's language. The public
    reads ``public()`` only: a page without a body is a 404; those who may preview
    the model (editors) see it, marked as a preview and never stored."""

    model = SitePage
    context_object_name = "site_page"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        shown = context["shown"]
        is_preview = not self.object.is_public()
        context.update(
            page_title=shown.title,
            page_description=Truncator(unescape(strip_tags(shown.body))).words(40),
            is_preview=is_preview,
        )
        if is_preview:
            context["hreflang_urls"] = {}
        return context
