"""Rate limits of the subscription form, per address and per client.

The form needs no account and sets no cookie, so anyone may post it: these limits
keep it from being used to flood someone's mailbox or the newsroom's mail relay.

* **Per client** (``NEWSROOM_SUBSCRIBE_PER_CLIENT`` requests per
  ``NEWSROOM_SUBSCRIBE_CLIENT_MINUTES``): every request that reaches the form counts,
  valid or not; beyond it the view answers 429 with Retry-After. The client is its IP
  address as our proxies saw it (newsroom/proxies.py); an IPv6 address counts as its
  /64 network, which one machine usually has whole.
* **Per address** (``NEWSROOM_SUBSCRIBE_PER_ADDRESS`` confirmation e-mails per
  ``NEWSROOM_SUBSCRIBE_ADDRESS_HOURS``): beyond it the view answers exactly as if it
  had sent one and sends nothing, so that nobody learns anything about an address.

Each request is a ``RequestMark``: an HMAC of the address or the client keyed with
SECRET_KEY (whoever reads the table cannot tell whose it is, nor test a guess), and
a time. Marks older than the longest window are deleted by the next request. Two
requests at the same instant may both pass the last free place: a limit may be
exceeded by the few requests in flight at once, which is no flood."""

import datetime
import ipaddress
import math

from django.conf import settings
from django.utils.crypto import salted_hmac

from newsroom.proxies import client_ip
from subscriptions.models import RequestMark

ADDRESS, CLIENT = "address", "client"


def _limit(kind):
    """(how many, within how long) for ``kind``."""
    if kind == ADDRESS:
        return (
            settings.NEWSROOM_SUBSCRIBE_PER_ADDRESS,
            datetime.timedelta(hours=settings.NEWSROOM_SUBSCRIBE_ADDRESS_HOURS),
        )
    return (
        settings.NEWSROOM_SUBSCRIBE_PER_CLIENT,
        datetime.timedelta(minutes=settings.NEWSROOM_SUBSCRIBE_CLIENT_MINUTES),
    )


def key(kind, value):
    """The mark's key: 64 hexadecimal digits that name ``value`` without showing it."""
    return salted_hmac(
        f"subscriptions.throttle.{kind}", value.strip().lower(), algorithm="sha256"
    ).hexdigest()


def client(request):
    """The requesting client: its IP address, an IPv6 one as its /64 network."""
    address = client_ip(request) or "unknown"
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 6:
        if ip.ipv4_mapped is not None:  # ::ffff:192.0.2.1 is 192.0.2.1
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def wait(kind, value, now):
    """Seconds until ``value`` may make another request of ``kind``; 0 if it may now."""
    count, window = _limit(kind)
    marks = RequestMark.objects.filter(key=key(kind, value), at__gt=now - window)
    times = list(marks.order_by("-at").values_list("at", flat=True)[:count])
    if len(times) < count:
        return 0
    # The oldest of the last ``count`` requests leaves the window first.
    return max(1, math.ceil((times[-1] + window - now).total_seconds()))


def record(kind, value, now):
    RequestMark.objects.create(key=key(kind, value), at=now)


def purge(now):
    """Forget the marks no limit counts any more."""
    longest = max(_limit(ADDRESS)[1], _limit(CLIENT)[1])
    RequestMark.objects.filter(at__lte=now - longest).delete()
