"""Who is on the other end of a request, behind our reverse proxies.

Behind nginx (and a load balancer in front of it), ``REMOTE_ADDR`` is the last
proxy's address, the same for every reader. Each proxy appends the address it
received the request from to ``X-Forwarded-For``; only the entries our own proxies
added can be trusted (a client may send the header with anything in it). With
``NEWSROOM_PROXY_COUNT`` proxies in front of Django, the reader is the entry that
many places from the right.
"""

from django.conf import settings


def client_ip(request):
    """The reader's IP address as our proxies saw it, or None if unknown."""
    count = settings.NEWSROOM_PROXY_COUNT
    if count > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= count:
            return forwarded[-count]
    return request.META.get("REMOTE_ADDR") or None
