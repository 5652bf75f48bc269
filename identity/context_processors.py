from django.utils.functional import SimpleLazyObject

from .current import site_identity
from .models import SiteIdentity


def identity(request):
    """``site_identity`` on every page, read only if the page shows it (the pages of
    refused requests and of database faults never do). An address no view answers
    (its 404, also the one the root's language redirect replaces) shows the neutral
    identity and reads nothing."""
    if getattr(request, "resolver_match", None) is None:
        return {"site_identity": SiteIdentity(pk=1)}
    return {"site_identity": SimpleLazyObject(lambda: site_identity(request))}
