"""Server errors, and the database being out of reach, answered fast and honestly.

``server_error`` is the project's ``handler500``. Django calls it while the
exception is being handled, so it can tell a failure of ours (500) from a
database that does not answer (``OperationalError``/``InterfaceError``: the
server is down, restarting or refusing connections, or every connection of the
pool stayed busy for ``DATABASE_POOL_TIMEOUT`` seconds): the latter is a **503**
with ``Retry-After``, in the reader's language, so that browsers, proxies and
crawlers come back later rather than record an error. Neither page touches the
database: they are drawn from ``newsroom/bare_page.html`` without a request
context (no user, no session), and the public cache marks them private without
reading its version (public_cache/caching.py).
"""

import logging
import sys

from django import db
from django.http import HttpResponseServerError
from django.template import loader

logger = logging.getLogger(__name__)

#: Seconds a client is asked to wait before it tries again.
RETRY_AFTER = 30


def database_unavailable(error):
    """Is ``error`` the database being out of reach (as opposed to a bug)?"""
    return isinstance(error, db.OperationalError | db.InterfaceError)


def server_error(request, template_name="500.html"):
    error = sys.exc_info()[1]
    if database_unavailable(error):
        response = HttpResponseServerError(loader.render_to_string("503.html"), status=503)
        response["Retry-After"] = str(RETRY_AFTER)
        return response
    return HttpResponseServerError(loader.render_to_string(template_name))
