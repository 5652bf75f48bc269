"""``/healthz``: is this web node able to serve? Asked by load balancers and Docker.

It answers only after the database answered ``SELECT 1``: a node that cannot reach
PostgreSQL (or whose connection pool is exhausted) is taken out of rotation
instead of serving errors. Plain text, no session, no cookie, never cached; outside
the language prefixes and exempt from the HTTPS redirect (settings.py), so a probe
over plain HTTP on the private network gets the answer itself.
"""

import logging

from django.db import connection
from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


@never_cache
@require_safe
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any failure to answer means "not ready", never a 500 page
        logger.exception("Health check failed: the database did not answer SELECT 1")
        return HttpResponse(
            "database unavailable\n", status=503, content_type="text/plain; charset=utf-8"
        )
    return HttpResponse("ok\n", content_type="text/plain; charset=utf-8")
