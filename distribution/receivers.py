from distribution import publication
from releases.models import PressRelease


def on_state_change(sender, change, item, **kwargs):
    """In the transition's transaction: approved (scheduled or published now), the
    release's mailing waits for its go-live; unscheduled, it is cancelled; withdrawn,
    whatever of it is not sent yet is cancelled."""
    if not isinstance(item, PressRelease):
        return
    if change.action in ("schedule", "publish_now"):
        publication.prepare(item, user=change.user)
    elif change.action == "unschedule":
        publication.cancel(item)
    elif change.action == "withdraw":
        publication.cancel_on_withdrawal(item)
