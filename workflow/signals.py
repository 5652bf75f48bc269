"""What the workflow tells the rest of the newsroom.

``state_changed``: an item went through a transition (``perform``); sent inside its
transaction with ``change`` (the audit trail's StateChange) and ``item``. Receivers that
do work outside the database (e-mail) wait for the commit (``transaction.on_commit``)."""

from django.dispatch import Signal

state_changed = Signal()
