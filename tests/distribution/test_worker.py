"""The go-live mailing sent by real worker processes (``manage.py run_huey``) to a real
SMTP server, on the real clock: at the release's second and not before, each message
once with two workers, and caught up by a worker that was not running at the
instant. On PostgreSQL: the workers are other processes reading the test's database."""

import datetime
import time

import pytest
from django.utils import timezone

from distribution import publication
from distribution.models import Delivery, Sending
from newsroom.publishing import Status
from subscriptions.models import Subscriber
from tests.conftest import complete, staff_user
from tests.desk.helpers import move
from tests.worker import start_worker, stop, wait_for

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgresql]


def subscribers(count):
    now = timezone.now()
    Subscriber.objects.bulk_create(
        Subscriber(
            email=f"reader{n:04d}@public.be",
            language=("fr", "nl", "de", "en")[n % 4],
            all_releases=True,
            requested_at=now,
            confirmed_at=now,
        )
        for n in range(count)
    )
    return sorted(Subscriber.objects.values_list("email", flat=True))


def scheduled_in(seconds, make_release):
    """A release approved to go live ``seconds`` from now, on a whole second."""
    officer = staff_user("officer", "Press officers")
    editor = staff_user("ann", "Editors")
    release = make_release(status=Status.DRAFT, **complete())
    move(release, "submit", officer)
    go_live = (timezone.now() + datetime.timedelta(seconds=seconds + 1)).replace(microsecond=0)
    move(release, "schedule", editor, publish_at=go_live)  # committed: its task is queued
    return release, go_live


def addresses(smtp_server):
    return sorted(r for m in smtp_server.messages for r in m.recipients)


def test_a_worker_sends_at_the_go_live_second_and_not_before(smtp_server, queue, make_release):
    expected = subscribers(8)
    worker = start_worker(smtp_server)
    try:
        release, go_live = scheduled_in(4, make_release)
        assert wait_for(lambda: len(smtp_server.messages) >= 8, seconds=30), stop(worker)
        first = min(m.received_at for m in smtp_server.messages)
        last = max(m.received_at for m in smtp_server.messages)
        assert first >= go_live.timestamp()  # nothing before its second
        assert last - go_live.timestamp() < 3  # everything within the scheduler's tick
        time.sleep(1.5)
        assert addresses(smtp_server) == expected
    finally:
        stop(worker)
    sending = publication.mailing_of(release)
    assert sending.status == Sending.DONE
    assert sending.started_at - go_live < datetime.timedelta(seconds=2)


def test_two_workers_send_each_message_once(smtp_server, queue, make_release):
    expected = subscribers(250)  # three batches
    workers = [start_worker(smtp_server), start_worker(smtp_server)]
    try:
        release, _go_live = scheduled_in(3, make_release)
        assert wait_for(lambda: len(smtp_server.messages) >= 250, seconds=60)
        time.sleep(3)  # a few scheduler ticks more: nothing else arrives
    finally:
        outputs = [stop(worker) for worker in workers]
    assert addresses(smtp_server) == expected, outputs
    sending = publication.mailing_of(release)
    assert sending.deliveries.filter(status=Delivery.SENT).count() == 250
    assert set(sending.deliveries.values_list("attempts", flat=True)) == {1}


@pytest.mark.parametrize("task", ["kept in the queue", "lost"])
def test_a_worker_down_at_the_instant_catches_up_when_it_starts(
    smtp_server, queue, make_release, task
):
    """No worker runs at the go-live second. The task queued for it waits in the
    queue's storage and runs as soon as a worker starts; a task lost with a killed
    worker (or never queued) is found by the catch-up at start. Either way, logged."""
    expected = subscribers(5)
    release, go_live = scheduled_in(1, make_release)
    time.sleep(max(0, go_live.timestamp() - time.time()) + 4)
    if task == "lost":
        queue.flush()
    assert smtp_server.messages == []
    worker = start_worker(smtp_server)
    try:
        assert wait_for(lambda: len(smtp_server.messages) >= 5, seconds=30)
        time.sleep(1)
    finally:
        output = stop(worker)
    assert addresses(smtp_server) == expected
    assert "caught up" in output and f"release {release.pk}" in output, output
