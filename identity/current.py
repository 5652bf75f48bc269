"""The identity a page shows: read once per request, and kept in the fragment cache
under the public version (public_cache/), which every edit of the identity changes,
so a page costs no query for it once the cache holds it."""

from public_cache.fragments import cached_fragment

from .models import SiteIdentity

_ATTRIBUTE = "_newsroom_site_identity"


def site_identity(request):
    identity = getattr(request, _ATTRIBUTE, None)
    if identity is None:
        identity = cached_fragment(
            request, "site-identity", (), lambda: SiteIdentity.current(with_links=True)
        )
        setattr(request, _ATTRIBUTE, identity)
    return identity
