"""A partner's receiver for the webhook tests: a real HTTP server on a free local
port, in a thread, that checks every delivery's signature with ``webhooks.signing``
as a partner would, and answers what the test asks (``answers``: status codes, one
per request, then 200)."""

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.smtp import smtp_server  # noqa: F401  (the fixture)
from tests.worker import queue  # noqa: F401  (the fixture)
from webhooks import signing


@dataclass
class Received:
    path: str
    headers: dict
    body: bytes
    received_at: float
    payload: dict | None = None
    error: str = ""


@dataclass
class Receiver:
    url: str = ""
    secrets: dict = field(default_factory=dict)  # path → the subscription's secret
    answers: list = field(default_factory=list)
    requests: list = field(default_factory=list)

    def subscribe(self, name="portal", organizations=(), **fields):
        """A subscription whose address is this receiver's ``/name``."""
        from webhooks.models import Subscription

        subscription = Subscription.objects.create(name=name, url=f"{self.url}/{name}", **fields)
        subscription.organizations.set(organizations)
        self.secrets[f"/{name}"] = subscription.secret
        return subscription

    def payloads(self, kind=None):
        return [r.payload for r in self.requests if kind is None or r.payload["type"] == kind]


def handler_for(receiver):
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            headers = {name.lower(): value for name, value in self.headers.items()}
            got = Received(self.path, headers, body, time.time())
            try:
                got.payload = signing.verify(
                    receiver.secrets.get(self.path, "?"), got.headers, body
                )
            except signing.InvalidSignature as error:
                got.error = str(error)
            receiver.requests.append(got)
            status = 400 if got.error else (receiver.answers.pop(0) if receiver.answers else 200)
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(json.dumps({"status": status}).encode())

        def log_message(self, *args):
            pass

    return Handler


@pytest.fixture
def receiver():
    found = Receiver()
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler_for(found))
    found.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield found
    server.shutdown()
    server.server_close()
    assert [r.error for r in found.requests if r.error] == []  # every signature checked
