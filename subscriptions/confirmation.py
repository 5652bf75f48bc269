"""A subscription request, from the form to its confirmation (double opt-in).

The form makes a ``SubscriptionRequest``; its ``data()`` travels, signed, in the
confirmation link (links.py) and nothing is stored. Following the link and pressing
the button (``confirm``) stores the subscription, or adds the new choices to the
subscription that address already has.

Merging: the address is the subscriber. A later request for it adds its choices to
the ones kept ("all press releases" stays on once chosen), and its language replaces
the former one (the latest request says how the person reads now). The first consent
stays on the subscriber (``requested_at``, ``confirmed_at``, ``source``) and every
consent, the first included, is a ``Consent`` row, so each one can be shown. The same
link followed twice adds nothing."""

import datetime
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import translation

from organizations.models import Organization, Person
from releases.models import Topic
from subscriptions.models import Consent, Subscriber

#: The choices of a subscription: (form and link name, model, export name).
KINDS = (
    ("organizations", Organization, "organizations"),
    ("people", Person, "officials"),
    ("topics", Topic, "topics"),
)
CHOICES = tuple(name for name, _model, _label in KINDS)


def public_choices():
    """What the public may subscribe to: only what the site shows (the leak rule)."""
    return {
        "organizations": Organization.objects.public(),
        "people": Person.objects.public(),
        "topics": Topic.objects.public(),
    }


@dataclass
class SubscriptionRequest:
    email: str
    language: str
    all_releases: bool = False
    organizations: list = field(default_factory=list)
    people: list = field(default_factory=list)
    topics: list = field(default_factory=list)
    #: The page the form was on, e.g. "/fr/organisations/spf-securite-sociale/".
    source: str = ""
    requested_at: datetime.datetime | None = None

    def data(self):
        """What the confirmation link carries: plain values, ids for the choices."""
        return {
            "email": self.email,
            "language": self.language,
            "all_releases": self.all_releases,
            **{name: sorted(item.pk for item in getattr(self, name)) for name in CHOICES},
            "source": self.source,
            "requested_at": self.requested_at.isoformat(),
        }

    @classmethod
    def from_data(cls, data):
        """The request of a confirmation link, its choices read again: only those still
        public (one query each)."""
        choices = public_choices()
        return cls(
            email=data["email"],
            language=data["language"],
            all_releases=bool(data.get("all_releases")),
            **{
                name: list(choices[name].filter(pk__in=[int(pk) for pk in data.get(name, [])]))
                for name in CHOICES
            },
            source=data.get("source", ""),
            requested_at=datetime.datetime.fromisoformat(data["requested_at"]),
        )

    def is_empty(self):
        """Nothing (left) to send: neither all releases nor any choice."""
        return not (self.all_releases or any(getattr(self, name) for name in CHOICES))

    def summary(self):
        """What was chosen, as the person read it (names in their language): kept with
        the consent."""
        with translation.override(self.language):
            return {
                "language": self.language,
                "all_releases": self.all_releases,
                **{label: [str(item) for item in getattr(self, name)] for name, _m, label in KINDS},
            }


def _add_choices(subscriber, asked):
    for name in CHOICES:
        chosen = getattr(asked, name)
        if chosen:
            getattr(subscriber, name).add(*chosen)


@transaction.atomic
def confirm(asked, now):
    """Store the request ``asked`` as confirmed at ``now``; the subscriber."""
    subscriber = Subscriber.objects.select_for_update().with_address(asked.email).first()
    created = False
    if subscriber is None:
        try:
            with transaction.atomic():
                subscriber = Subscriber.objects.create(
                    email=asked.email,
                    language=asked.language,
                    all_releases=asked.all_releases,
                    requested_at=asked.requested_at,
                    confirmed_at=now,
                    source=asked.source,
                )
            created = True
        except IntegrityError:  # the same address confirmed at the same moment
            subscriber = Subscriber.objects.select_for_update().with_address(asked.email).get()
    if not created:
        if subscriber.consents.filter(requested_at=asked.requested_at).exists():
            return subscriber  # this link was followed already
        subscriber.language = asked.language
        subscriber.all_releases = subscriber.all_releases or asked.all_releases
        subscriber.save(update_fields=["language", "all_releases"])
    _add_choices(subscriber, asked)
    Consent.objects.create(
        subscriber=subscriber,
        requested_at=asked.requested_at,
        confirmed_at=now,
        source=asked.source,
        choices=asked.summary(),
    )
    return subscriber


def record_change(subscriber, now, source):
    """A change of preferences by the subscriber (through their signed link) is a
    consent to what they now receive."""
    asked = SubscriptionRequest(
        email=subscriber.email,
        language=subscriber.language,
        all_releases=subscriber.all_releases,
        **{name: list(getattr(subscriber, name).all()) for name in CHOICES},
        source=source,
        requested_at=now,
    )
    Consent.objects.create(
        subscriber=subscriber,
        requested_at=now,
        confirmed_at=now,
        source=source,
        choices=asked.summary(),
    )
