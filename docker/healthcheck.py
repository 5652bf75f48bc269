"""Exit 0 when this node's /healthz answers 200, else 1: the container's health check.

    python docker/healthcheck.py [URL]      # default http://127.0.0.1:$PORT/healthz

Python's urllib, because the slim image has no curl. The request carries the
first ``ALLOWED_HOSTS`` name as its Host (any other host is refused by Django)
and says it came through the TLS proxy (``X-Forwarded-Proto: https``), so neither
the host check nor the HTTPS redirect gets in the way; /healthz itself checks
that the database answers.
"""

import os
import sys
import urllib.error
import urllib.request


def host_header(allowed_hosts):
    """A host name Django accepts: the first ALLOWED_HOSTS entry ('.example.be'
    allows example.be and its subdomains; '*' allows anything)."""
    for entry in allowed_hosts.split(","):
        entry = entry.strip()
        if entry and entry != "*":
            return entry.lstrip(".")
    return "localhost"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """A redirect is an answer to report (e.g. to HTTPS), not one to follow."""

    def redirect_request(self, *args, **kwargs):
        return None


def check(url, host, timeout=5.0):
    """(healthy, what to print)."""
    request = urllib.request.Request(url, headers={"Host": host, "X-Forwarded-Proto": "https"})
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(request, timeout=timeout) as response:
            return response.status == 200, f"{response.status} {response.read(200)!r}"
    except urllib.error.HTTPError as error:
        location = error.headers.get("Location")
        return False, f"{error.code} {location or repr(error.read(200))}"
    except (urllib.error.URLError, OSError) as error:
        return False, f"unreachable: {error}"


def main(argv):
    port = os.environ.get("PORT", "").strip() or "8000"
    url = argv[0] if argv else f"http://127.0.0.1:{port}/healthz"
    healthy, detail = check(url, host_header(os.environ.get("ALLOWED_HOSTS", "")))
    print(f"{url}: {detail}")
    return 0 if healthy else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
