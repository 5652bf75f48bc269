"""An embargoed sending: each journalist of the chosen press lists gets their own
embargo link (the release's ``EmbargoLink``, with its access log), then the worker
sends each one the release with that link (tasks.py). One action revokes them all."""

from django.db import transaction
from django.utils import timezone

from distribution.models import Delivery, Sending
from newsroom.publishing import State
from press_lists.models import Journalist
from releases.models import EmbargoLink


def may_send(release, now=None):
    """Under embargo: only a release scheduled for later."""
    return release.state_at(now or timezone.now()) == State.SCHEDULED


def journalists_of(press_lists):
    return (
        Journalist.objects.reachable()
        .filter(press_lists__in=press_lists)
        .distinct()
        .order_by("email")
    )


class NotScheduled(Exception):
    pass


@transaction.atomic
def start(release, press_lists, user):
    from distribution.tasks import send_sending

    # Locked and read again: an editor unscheduling it at the same moment wins or waits.
    release = type(release).objects.select_for_update().get(pk=release.pk)
    if not may_send(release):
        raise NotScheduled
    sending = Sending.objects.create(
        release=release, kind=Sending.EMBARGO, status=Sending.SENDING, created_by=user
    )
    sending.press_lists.set(press_lists)
    for journalist in journalists_of(press_lists):
        link = EmbargoLink.objects.create(
            release=release,
            journalist_name=journalist.name,
            email=journalist.email,
            created_by=user,
        )
        Delivery.objects.create(
            sending=sending,
            journalist=journalist,
            email=journalist.email,
            language=journalist.language,
            embargo_link=link,
        )
    transaction.on_commit(lambda: send_sending(sending.pk), robust=True)
    return sending


def revoke(sending, now=None):
    """Every embargo link of the sending stops working."""
    now = now or timezone.now()
    links = EmbargoLink.objects.filter(delivery__sending=sending, revoked_at__isnull=True)
    count = links.update(revoked_at=now)
    Sending.objects.filter(pk=sending.pk, revoked_at__isnull=True).update(revoked_at=now)
    return count
