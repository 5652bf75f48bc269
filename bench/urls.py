"""URLs for the page benchmark: the site's own URLs plus the framework floor.

Only bench/settings.py points ROOT_URLCONF here, so production never exposes the
floor view.
"""

from django.http import HttpResponse
from django.urls import path

from newsroom.urls import urlpatterns as site_urlpatterns

FLOOR_PATH = "/bench/floor/"


def floor(request):
    """The framework floor: what any page costs before it does any work of its own.

    A tiny response, no database, no template, but the same server, WSGI handler,
    URL resolver and middleware as every page, so a page's cost divided by this
    one's is what the page itself adds.
    """
    return HttpResponse(b"floor\n", content_type="text/plain; charset=utf-8")


urlpatterns = [
    path(FLOOR_PATH.lstrip("/"), floor, name="bench_floor"),
    *site_urlpatterns,
]
