from django.db import transaction

from notices.recipients import TO_AUTHOR, TO_EDITORS


def on_state_change(sender, change, item, **kwargs):
    """Once the transition is committed, the worker sends its notices (tasks.py)."""
    if change.action in TO_EDITORS | TO_AUTHOR:
        from notices.tasks import send_state_notices

        # robust: a queue out of reach must not turn the editor's done action into an error.
        transaction.on_commit(lambda: send_state_notices(change.pk), robust=True)
