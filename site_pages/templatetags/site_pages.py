from django import template

from public_cache.fragments import cached_fragment

from ..models import SitePage

register = template.Library()


def _links():
    links = []
    for page in SitePage.objects.in_footer_order():
        shown = page.for_reader
        links.append({"title": shown.title, "lang": shown.lang, "url": page.get_absolute_url()})
    return links


@register.simple_tag(takes_context=True)
def site_page_links(context):
    """The public site pages in the reader's language, for the footer:
    ``{% site_page_links as links %}``. Kept in the fragment cache under the public
    version (a save of a page changes it), so a page costs no query for them once
    the cache holds them. An address no view answers reads nothing (as the
    identity: identity/context_processors.py) and shows none."""
    request = context.get("request")
    if getattr(request, "resolver_match", None) is None:
        return []
    return cached_fragment(request, "site-page-links", (), _links)
