"""Saving and moving items as people do it, for the desk's tests."""

import reversion
from django.contrib.admin.models import LogEntry
from django.utils import timezone

from workflow import transitions as workflow


def saved_by(item, user, comment="[]"):
    """A revision of ``item`` saved by ``user`` (what the admin's save does)."""
    with reversion.create_revision():
        item.save()
        reversion.set_user(user)
        reversion.set_comment(comment)
    return item


def move(item, name, user, **given):
    item.refresh_from_db()
    return workflow.perform(item, name, user, expected_version=item.version, **given)


def later(**delta):
    return timezone.now() + timezone.timedelta(**delta)


__all__ = ["LogEntry", "later", "move", "saved_by"]
