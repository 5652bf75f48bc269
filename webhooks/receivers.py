"""Events of the workflow and of corrections, turned into webhooks (events.py); the
tasks are queued once the transaction commits."""

from django.db import transaction

from releases.models import PressRelease
from webhooks import events


def _queue(ids):
    from webhooks.tasks import deliver

    for pk in ids:
        deliver(pk)


def on_state_change(sender, change, item, **kwargs):
    """Approved (scheduled or published now): a task waits for its ``publish_at``;
    unscheduled or rescheduled, that task finds at its second that the release is not
    live with that date and sends nothing. Withdrawn after going live: the notice."""
    if not isinstance(item, PressRelease):
        return
    if change.action in ("schedule", "publish_now"):
        from webhooks.tasks import release_live

        release_id, publish_at = item.pk, item.publish_at
        transaction.on_commit(
            lambda: release_live.schedule(args=(release_id, publish_at), eta=publish_at),
            robust=True,
        )
    elif change.action == "withdraw":
        ids = events.withdrawn(item)
        if ids:
            transaction.on_commit(lambda: _queue(ids), robust=True)


def on_correction(sender, instance, created, raw=False, **kwargs):
    """A public correction added to a live release."""
    if raw or not created:
        return
    ids = events.corrected(instance)
    if ids:
        transaction.on_commit(lambda: _queue(ids), robust=True)
