"""The signed links of the subscriptions: no account, no cookie, nothing guessable.

* **Confirmation** (double opt-in): the whole request (address, language, choices,
  source, when it was made) travels in the link, signed and valid for
  ``CONFIRMATION_DAYS``; nothing is stored until it is followed.
* **Preferences** and **unsubscribe**: the subscriber's id and random key, signed.
  Deleting a subscription (or re-making it) changes the key: old links stop working.
  Journalists of the press lists get an unsubscribe link of the same kind.

Each kind has its own salt, so a link of one kind is never accepted as another."""

from django.core import signing
from django.urls import reverse
from django.utils import translation

from newsroom.site_url import absolute_url

CONFIRMATION_DAYS = 7
_CONFIRM = "subscriptions.confirm"
_MANAGE = "subscriptions.manage"
_UNSUBSCRIBE = "subscriptions.unsubscribe"
#: The two kinds of recipients an unsubscribe link may name.
SUBSCRIBER, JOURNALIST = "s", "j"


def confirmation_token(request_data):
    """``request_data``: a JSON-serialisable dict (see subscriptions/forms.py)."""
    return signing.dumps(request_data, salt=_CONFIRM, compress=True)


def read_confirmation_token(token):
    """The request of a confirmation link, or None if it is altered or too old."""
    try:
        return signing.loads(token, salt=_CONFIRM, max_age=CONFIRMATION_DAYS * 86400)
    except signing.BadSignature:  # SignatureExpired included
        return None


def confirmation_expired(token):
    """Whether ``token`` is a genuine confirmation link that is too old (its page says
    so and invites to subscribe again; an altered one is simply not found)."""
    try:
        signing.loads(token or "", salt=_CONFIRM, max_age=CONFIRMATION_DAYS * 86400)
    except signing.SignatureExpired:
        return True
    except (signing.BadSignature, ValueError):
        return False
    return False


def _kind(recipient):
    return JOURNALIST if recipient._meta.model_name == "journalist" else SUBSCRIBER


def manage_token(subscriber):
    return signing.Signer(salt=_MANAGE).sign(f"{subscriber.pk}.{subscriber.key}")


def unsubscribe_token(recipient):
    """For a subscriber or a journalist."""
    return signing.Signer(salt=_UNSUBSCRIBE).sign(
        f"{_kind(recipient)}.{recipient.pk}.{recipient.key}"
    )


def _unsign(token, salt):
    try:
        return signing.Signer(salt=salt).unsign(token or "")
    except signing.BadSignature:
        return None


def is_manage_token(token):
    """Signed by us, whether or not its subscriber still exists."""
    return _unsign(token, _MANAGE) is not None


def is_unsubscribe_token(token):
    """Signed by us, whether or not its recipient still exists (unsubscribing twice
    answers like once)."""
    return _unsign(token, _UNSUBSCRIBE) is not None


def read_manage_token(token):
    """The subscriber of a preferences link, or None."""
    from subscriptions.models import Subscriber

    value = _unsign(token, _MANAGE)
    if value is None:
        return None
    pk, _sep, key = value.partition(".")
    return Subscriber.objects.filter(pk=pk, key=key).first() if pk.isdigit() else None


def read_unsubscribe_token(token):
    """The subscriber or journalist of an unsubscribe link, or None."""
    from press_lists.models import Journalist
    from subscriptions.models import Subscriber

    value = _unsign(token, _UNSUBSCRIBE)
    if value is None:
        return None
    kind, pk, key = (value.split(".", 2) + ["", ""])[:3]
    model = {SUBSCRIBER: Subscriber, JOURNALIST: Journalist}.get(kind)
    if model is None or not pk.isdigit():
        return None
    return model.objects.filter(pk=pk, key=key).first()


def _in(language, name, token):
    with translation.override(language):
        return absolute_url(reverse(name, kwargs={"token": token}))


def confirmation_url(request_data):
    return _in(request_data["language"], "subscriptions:confirm", confirmation_token(request_data))


def manage_url(subscriber, language=None):
    return _in(language or subscriber.language, "subscriptions:manage", manage_token(subscriber))


def unsubscribe_url(recipient, language=None):
    return _in(
        language or recipient.language, "subscriptions:unsubscribe", unsubscribe_token(recipient)
    )
