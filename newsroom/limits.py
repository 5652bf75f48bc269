"""Request limits, answered with a clear message instead of a 500 or a bare 400.

Size: three limits apply (settings.py): the whole body (``NEWSROOM_MAX_REQUEST_BYTES``,
checked here from Content-Length before anything reads the body, so an oversized
upload never fills a worker's disk), the form fields without files
(``DATA_UPLOAD_MAX_MEMORY_SIZE``) and their number (``DATA_UPLOAD_MAX_NUMBER_FIELDS``,
``DATA_UPLOAD_MAX_NUMBER_FILES``). Django raises for the last two while parsing;
``bad_request`` (the project's handler400) turns that into the same clear answer.

Addresses (``RequestAddressMiddleware``): no view ever sees a control character
(NUL and the rest of Unicode's Cc) in the path (404) or in a query parameter (400):
PostgreSQL refuses NUL in a string, and no address of ours has any. An address
longer than ``NEWSROOM_MAX_URL_LENGTH`` is a 414. Each answer is a page in the
reader's language that touches neither the database nor the URL resolver. A cookie
with a control character is ignored (``CookieCharactersMiddleware``).
"""

import logging
import re

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import JsonResponse
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views import defaults

security_logger = logging.getLogger("django.security.RequestDataTooBig")
address_logger = logging.getLogger("django.security.RequestAddress")

#: Unicode's control characters (category Cc): C0, DEL and C1.
CONTROL_CHARACTERS = re.compile("[\x00-\x1f\x7f-\x9f]")


#: What ``address_problem`` finds wrong with an address.
TOO_LONG, CONTROL_IN_PATH, CONTROL_IN_QUERY = "too long", "control in path", "control in query"


def address_problem(request):
    """What ``RequestAddressMiddleware`` refuses in the address, or None: over-long,
    or a control character in the path or the query."""
    length = len(request.META.get("PATH_INFO", "")) + len(request.META.get("QUERY_STRING", ""))
    if length > settings.NEWSROOM_MAX_URL_LENGTH:
        return TOO_LONG
    if CONTROL_CHARACTERS.search(request.path):
        return CONTROL_IN_PATH
    for key, values in request.GET.lists():
        if CONTROL_CHARACTERS.search(key) or any(map(CONTROL_CHARACTERS.search, values)):
            return CONTROL_IN_QUERY
    return None


def acceptable_address(request):
    """Nothing the middleware refuses (the public cache asks before it runs)."""
    return address_problem(request) is None


class RequestAddressMiddleware:
    """Refuses a path or query with a control character, and an over-long address,
    before any view runs. After LocaleMiddleware, so the page speaks the language of
    the address or of the browser."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        problem = address_problem(request)
        if problem == TOO_LONG:
            limit = settings.NEWSROOM_MAX_URL_LENGTH
            length = len(request.META.get("PATH_INFO", "")) + len(
                request.META.get("QUERY_STRING", "")
            )
            address_logger.warning(
                "Address of %d characters refused (NEWSROOM_MAX_URL_LENGTH=%d)", length, limit
            )
            return refused(
                request,
                _("This address is too long: at most %(limit)d characters can be read.")
                % {"limit": limit},
                status=414,
            )
        if problem == CONTROL_IN_PATH:
            return refused(
                request,
                _("The page you asked for does not exist, or is not published."),
                status=404,
                title=_("Page not found"),
            )
        if problem == CONTROL_IN_QUERY:
            return refused(
                request,
                _("This address contains characters that cannot be part of a search or a filter."),
                status=400,
            )
        return self.get_response(request)


class CookieCharactersMiddleware:
    """Forgets a cookie with a control character, before sessions or CSRF read it,
    as if the browser had never sent it: no browser of ours sets one, and a session
    key with a NUL would reach PostgreSQL. The visitor simply is not signed in."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        bad = [
            name
            for name, value in request.COOKIES.items()
            if CONTROL_CHARACTERS.search(name) or CONTROL_CHARACTERS.search(value)
        ]
        if bad:
            address_logger.warning(
                "Cookies with control characters ignored: %s", ", ".join(map(ascii, bad))
            )
            request.COOKIES = {
                name: value for name, value in request.COOKIES.items() if name not in bad
            }
        return self.get_response(request)


class RequestSizeLimitMiddleware:
    """Refuses a request whose declared body is above ``NEWSROOM_MAX_REQUEST_BYTES``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0  # Django reads no body then either
        limit = settings.NEWSROOM_MAX_REQUEST_BYTES
        if length > limit:
            security_logger.warning(
                "Request body of %d bytes refused (NEWSROOM_MAX_REQUEST_BYTES=%d): %s %s",
                length,
                limit,
                request.method,
                request.path,
            )
            return too_large(request, limit)
        return self.get_response(request)


def too_large(request, limit):
    message = _(
        "This request is too large: at most %(limit)s can be sent at once. "
        "Send fewer or smaller files at a time, or less text."
    ) % {"limit": filesizeformat(limit)}
    return refused(request, message, status=413)


def refused(request, message, status, title=None):
    if request.path == reverse("attachments:ckeditor_upload"):
        # CKEditor shows the message of a JSON error under the editor.
        return JsonResponse({"error": {"message": message}}, status=status)
    response = TemplateResponse(
        request,
        "newsroom/request_refused.html",
        {"message": message, "title": title},
        status=status,
    )
    # Kept by no cache, so the public cache does not even read its version for it.
    patch_cache_control(response, private=True, no_store=True)
    return response.render()


def bad_request(request, exception, template_name=defaults.ERROR_400_TEMPLATE_NAME):
    """handler400: the request limits get their own message; other 400s are Django's."""
    if isinstance(exception, RequestDataTooBig):
        return too_large(request, settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
    if isinstance(exception, TooManyFieldsSent | TooManyFilesSent):
        message = _("This form sends too many fields or files at once. Save fewer items at a time.")
        return refused(request, message, status=400)
    return defaults.bad_request(request, exception, template_name)
