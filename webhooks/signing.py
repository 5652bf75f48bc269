"""Signatures of the Standard Webhooks specification (standardwebhooks.com).

Each delivery carries three headers: ``webhook-id`` (the delivery's id, the same on
every attempt: a receiver that saw it already ignores it), ``webhook-timestamp``
(unix seconds of this attempt) and ``webhook-signature``: ``v1,`` followed by the
base64 HMAC-SHA256 of ``"{id}.{timestamp}.{body}"``, keyed with the subscription's
secret (its text, UTF-8 encoded). ``verify`` is what a receiver runs
(docs/webhooks.md); the tests' receiver runs it too."""

import base64
import hashlib
import hmac
import json
import time

#: How far a delivery's timestamp may be from the receiver's clock (replays).
TOLERANCE = 5 * 60


class InvalidSignature(Exception):
    pass


def _key(secret):
    return secret if isinstance(secret, bytes) else secret.encode()


def signature(secret, msg_id, timestamp, body):
    """``v1,<base64 HMAC-SHA256>`` of the message ``msg_id`` sent at ``timestamp``."""
    signed = f"{msg_id}.{timestamp}.".encode() + body
    digest = hmac.new(_key(secret), signed, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def sign(secret, msg_id, timestamp, body):
    """The three headers of a delivery (``body``: the exact bytes sent)."""
    return {
        "webhook-id": str(msg_id),
        "webhook-timestamp": str(int(timestamp)),
        "webhook-signature": signature(secret, msg_id, int(timestamp), body),
    }


def verify(secret, headers, body, *, tolerance=TOLERANCE, now=None):
    """Check a delivery as a receiver gets it (``headers``: any mapping, names in any
    case; ``body``: the raw bytes) and return its JSON payload; raise
    ``InvalidSignature`` when a header is missing, the timestamp is too far from now
    (a replay), or no signature matches (several may be given, separated by spaces,
    while a secret is being rotated)."""
    headers = {name.lower(): value for name, value in headers.items()}
    try:
        msg_id = headers["webhook-id"]
        timestamp = int(headers["webhook-timestamp"])
        given = headers["webhook-signature"].split()
    except (KeyError, ValueError) as error:
        raise InvalidSignature("missing or malformed webhook headers") from error
    now = time.time() if now is None else now
    if abs(now - timestamp) > tolerance:
        raise InvalidSignature("timestamp too old or too far in the future")
    expected = signature(secret, msg_id, timestamp, body)
    if not any(hmac.compare_digest(expected, candidate) for candidate in given):
        raise InvalidSignature("no matching signature")
    return json.loads(body)
