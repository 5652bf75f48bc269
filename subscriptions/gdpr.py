"""A subscriber's rights (GDPR): everything we keep about them, and its deletion.

What we keep is the subscription itself with its consents (models.Consent), and the
send log's lines of the messages sent to them (distribution.Delivery). Deleting
forgets all of it: the subscription and its consents, and the address in the send
log (the line stays, without anyone's address, so the counts of a sending stay
true). The rate limits' marks (throttle.py) name nobody and go within a day."""

from django.db import transaction
from django.db.models import Value
from django.db.models.functions import Replace
from django.utils import timezone


def export(subscriber):
    """Everything stored about ``subscriber``, as JSON-serialisable data."""
    from distribution.models import Delivery

    deliveries = (
        Delivery.objects.filter(subscriber=subscriber)
        .select_related("sending__release")
        .order_by("pk")
    )
    return {
        "email": subscriber.email,
        "language": subscriber.language,
        "all_releases": subscriber.all_releases,
        "organizations": [str(o) for o in subscriber.organizations.all()],
        "officials": [str(p) for p in subscriber.people.all()],
        "topics": [str(t) for t in subscriber.topics.all()],
        "consent_asked_at": subscriber.requested_at.isoformat(),
        "consent_given_at": subscriber.confirmed_at.isoformat(),
        "source": subscriber.source,
        "consents": [
            {
                "asked_at": consent.requested_at.isoformat(),
                "given_at": consent.confirmed_at.isoformat(),
                "source": consent.source,
                "choices": consent.choices,
            }
            for consent in subscriber.consents.all()
        ],
        "messages": [
            {
                "release": str(delivery.sending.release),
                "status": delivery.status,
                "sent_at": delivery.sent_at.isoformat() if delivery.sent_at else None,
            }
            for delivery in deliveries
        ],
        "exported_at": timezone.now().isoformat(),
    }


@transaction.atomic
def forget(subscriber):
    """Delete the subscription and the address from the send log."""
    from distribution.models import Delivery

    # An error may quote the address ("550 <x@y.be>: unknown"): the rest of it stays.
    Delivery.objects.filter(subscriber=subscriber).update(
        email="",
        subscriber=None,
        error=Replace("error", Value(subscriber.email), Value("…")),
    )
    subscriber.delete()
