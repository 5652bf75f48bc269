"""A release's webhook sent by a real worker process (``manage.py run_huey``) to a real
HTTP receiver that checks its signature, on the real clock: once, at the release's
second and not before. On PostgreSQL: the worker is another process reading the
test's database."""

import datetime
import time

import pytest
from django.utils import timezone

from newsroom.publishing import Status
from tests.conftest import complete, staff_user
from tests.desk.helpers import move
from tests.worker import start_worker, stop, wait_for
from webhooks.models import Delivery

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgresql]


def test_a_worker_delivers_at_the_go_live_second_exactly_once(
    receiver, smtp_server, queue, make_release
):
    receiver.subscribe()
    officer = staff_user("officer", "Press officers")
    editor = staff_user("ann", "Editors")
    release = make_release(status=Status.DRAFT, **complete())
    move(release, "submit", officer)
    # The receiver listens on 127.0.0.1: allowed for this worker (docs/webhooks.md).
    worker = start_worker(smtp_server, NEWSROOM_WEBHOOK_PRIVATE_ADDRESSES="true")
    try:
        go_live = (timezone.now() + datetime.timedelta(seconds=5)).replace(microsecond=0)
        move(release, "schedule", editor, publish_at=go_live)  # committed: its task is queued
        assert wait_for(lambda: receiver.requests, seconds=30), stop(worker)
        time.sleep(2.5)  # a few scheduler ticks more: nothing else arrives
    finally:
        output = stop(worker)
    assert len(receiver.requests) == 1, output
    (got,) = receiver.requests
    assert got.received_at >= go_live.timestamp()  # never before its second
    assert got.received_at - go_live.timestamp() < 2, output  # within the scheduler's tick
    assert got.payload["type"] == "release.published"
    assert got.payload["data"]["id"] == release.pk
    delivery = Delivery.objects.get()
    assert delivery.status == Delivery.DELIVERED and delivery.attempts == 1
