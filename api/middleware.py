"""The API's edge, before the page cache (a cached answer counts against the limit
too): the rate limit per client, CORS for reading from any site, and every error
under ``/api/v1/`` as problem details, whoever answered it (an address refused by
newsroom/limits.py, a path that does not exist, a method not allowed)."""

import math

from django.conf import settings
from ninja.throttling import SimpleRateThrottle

from newsroom.proxies import client_ip

from .problems import PROBLEM_TYPE, problem

PREFIX = "/api/v1/"
API_LANGUAGE = "en"
#: Headers a script on another site may read.
EXPOSED = "ETag, Retry-After"


class ClientRateThrottle(SimpleRateThrottle):
    """django-ninja's sliding window (the client's recent requests in the cache),
    per client address as the access log sees it (behind the trusted proxies)."""

    scope = "api"

    def get_cache_key(self, request):
        return self.cache_format % {"scope": self.scope, "ident": client_ip(request)}


def rate():
    """``NEWSROOM_API_RATE_LIMIT``: "120/min", "10/s", ...; None ("off"): no limit."""
    return settings.NEWSROOM_API_RATE_LIMIT


class ApiMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith(PREFIX):
            return self.get_response(request)
        # The API speaks English (its errors; the documents' languages are `lang`), to
        # every client alike: what the language middleware would take from the browser
        # is set aside, so no answer depends on it (the page cache does not key on it).
        request.META["HTTP_ACCEPT_LANGUAGE"] = API_LANGUAGE
        request.COOKIES.pop(settings.LANGUAGE_COOKIE_NAME, None)
        if request.method == "OPTIONS":
            response = self.preflight()
        elif request.method == "HEAD":
            # Answered as the GET, without its body (the routes are declared for GET).
            request.method = "GET"
            response = self.limited(request) or self.get_response(request)
            request.method = "HEAD"
            length = len(response.content) if not response.streaming else None
            response.content = b""
            if length is not None:
                response["Content-Length"] = str(length)
        else:
            response = self.limited(request) or self.get_response(request)
        return self.finish(response)

    def preflight(self):
        from django.http import HttpResponse

        response = HttpResponse(status=204)
        response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
        response["Access-Control-Allow-Headers"] = "If-None-Match, Accept"
        response["Access-Control-Max-Age"] = "86400"
        return response

    def limited(self, request):
        """429 with ``Retry-After`` for a client over the limit, else None."""
        if not rate():
            return None
        throttle = ClientRateThrottle(rate())
        if throttle.allow_request(request):
            return None
        wait = math.ceil(throttle.wait() or throttle.duration)
        response = problem(
            429,
            "Too many requests",
            f"At most {throttle.num_requests} requests per {throttle.duration} seconds "
            "per client; try again later.",
        )
        response["Retry-After"] = str(max(1, wait))
        response["Cache-Control"] = "private, no-store"
        return response

    def finish(self, response):
        """Problem details for any error, CORS, and no header that names a language."""
        if response.status_code == 414:
            # An address over NEWSROOM_MAX_URL_LENGTH: no parameter of ours is that
            # long (each has a maximum), so for the API it is an invalid request.
            response = problem(400, "Invalid request", "The address is too long.")
        if response.status_code >= 400 and response.get("Content-Type") != PROBLEM_TYPE:
            converted = problem(response.status_code, response.reason_phrase or "Error")
            for header in ("Allow", "Retry-After", "Cache-Control", "Vary"):
                if header in response:
                    converted[header] = response[header]
            response = converted
        if "Content-Language" in response:
            del response["Content-Language"]
        vary = [v.strip() for v in response.get("Vary", "").split(",") if v.strip()]
        vary = [v for v in vary if v.lower() != "accept-language"]
        if vary:
            response["Vary"] = ", ".join(vary)
        elif "Vary" in response:
            del response["Vary"]
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Expose-Headers"] = EXPOSED
        return response
