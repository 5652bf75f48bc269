"""Bounce reports (RFC 3464 delivery status notifications) marked in the send log.

A message refused at once by the recipient's server (5xx) is marked *bounced* by
the worker itself (tasks.py). A server that accepted it and failed later sends a
report to our sender address; ``manage.py record_bounces`` reads such reports (piped
from the mail server, or from files or an mbox) and marks each message it names:
found by the signed ``X-Newsroom-Delivery`` header the report quotes, else by the
failed address (its latest message sent). Only permanent failures ("Action:
failed", status 5.x.x) count; delays are ignored. A subscriber whose address bounced
for good is removed, with their data (the address does not exist: we keep nothing),
when the report quotes our signed header; a journalist stays on the lists, marked in
the send log for the editors."""

import logging
import re
from dataclasses import dataclass

from django.db import transaction

from distribution.models import Delivery
from distribution.release_email import DELIVERY_HEADER, read_delivery_token

log = logging.getLogger(__name__)
ADDRESS = re.compile(r"^\s*(?:rfc822\s*;)?\s*<?([^<>\s;]+@[^<>\s;]+)>?", re.IGNORECASE)


@dataclass
class Failure:
    recipient: str
    status: str
    diagnostic: str
    delivery_id: int | None


def _header_blocks(part):
    """The header blocks of a message/delivery-status part."""
    payload = part.get_payload()
    if isinstance(payload, list):
        return payload
    return []


def _quoted_delivery(report):
    """The signed delivery id of the original message the report quotes."""
    for part in report.walk():
        kind = part.get_content_type()
        if kind == "message/rfc822":
            for original in part.get_payload():
                if original.get(DELIVERY_HEADER):
                    return read_delivery_token(str(original[DELIVERY_HEADER]))
        elif kind == "text/rfc822-headers":
            text = part.get_payload(decode=True) or b""
            match = re.search(
                rf"^{DELIVERY_HEADER}:\s*(\S+)",
                text.decode("utf-8", "replace"),
                re.IGNORECASE | re.MULTILINE,
            )
            if match:
                return read_delivery_token(match.group(1))
    return None


def failures(report):
    """The permanent failures a delivery status notification reports."""
    found = []
    delivery_id = _quoted_delivery(report)
    for part in report.walk():
        if part.get_content_type() != "message/delivery-status":
            continue
        for block in _header_blocks(part):
            action = str(block.get("Action", "")).strip().lower()
            status = str(block.get("Status", "")).strip()
            if action != "failed" or not status.startswith("5"):
                continue
            recipient = block.get("Final-Recipient") or block.get("Original-Recipient") or ""
            match = ADDRESS.match(str(recipient))
            found.append(
                Failure(
                    recipient=match.group(1).lower() if match else "",
                    status=status,
                    diagnostic=" ".join(str(block.get("Diagnostic-Code", "")).split()),
                    delivery_id=delivery_id,
                )
            )
    return found


def _delivery_of(failure):
    """The message a failure names, and whether our signature says so (a report
    without our header, or with another address, is matched by address only)."""
    if failure.delivery_id is not None:
        delivery = Delivery.objects.filter(pk=failure.delivery_id).first()
        if delivery is not None and (
            not failure.recipient or delivery.email.lower() == failure.recipient
        ):
            return delivery, True
    if failure.recipient:
        delivery = (
            Delivery.objects.filter(email__iexact=failure.recipient, status=Delivery.SENT)
            .order_by("-sent_at", "-pk")
            .first()
        )
        return delivery, False
    return None, False


@transaction.atomic
def record(report):
    """Mark the messages a report names as bounced; the deliveries marked. Only a
    report quoting our signed header removes a subscriber: anyone can mail us a
    report naming an address, nobody can forge the header of a message we sent."""
    from subscriptions.gdpr import forget

    marked = []
    for failure in failures(report):
        delivery, signed = _delivery_of(failure)
        if delivery is None:
            log.info("bounce report: no message of ours found for it")
            continue
        error = f"{failure.status} {failure.diagnostic}".strip()
        Delivery.objects.filter(pk=delivery.pk).update(status=Delivery.BOUNCED, error=error[:300])
        delivery.status, delivery.error = Delivery.BOUNCED, error[:300]
        marked.append(delivery)
        if signed and delivery.subscriber is not None:
            log.info("message %s bounced for good: its subscriber is removed", delivery.pk)
            forget(delivery.subscriber)
    return marked
