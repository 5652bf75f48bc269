"""The real worker (``manage.py run_huey``, as ``make run`` and the compose ``worker``
service start it) sends the notices a transition queues, to a real SMTP server. On
PostgreSQL: the worker is another process and reads the test's database."""

import time

import pytest

from newsroom.publishing import Status
from tests.conftest import complete, staff_user
from tests.desk.helpers import move
from tests.worker import start_worker, stop, wait_for

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgresql]


def test_the_worker_process_sends_what_a_submission_queued(smtp_server, queue, make_release):
    officer = staff_user("officer", "Press officers")
    editor = staff_user("ann", "Editors")
    editor.email = "ann@example.be"
    editor.save()
    release = make_release(status=Status.DRAFT, **complete())
    move(release, "submit", officer)  # committed: the task is in the queue's file
    assert len(queue) == 1 and smtp_server.messages == []
    worker = start_worker(smtp_server)
    try:
        assert wait_for(lambda: smtp_server.messages), "the worker sent nothing"
        [message] = smtp_server.messages
        assert message.recipients == ["ann@example.be"]
        assert "soumis pour relecture" in message["Subject"]
        assert wait_for(lambda: len(queue) == 0)
    finally:
        output = stop(worker)
    assert worker.returncode in (0, -2, -15), output


def test_two_workers_send_each_notice_once(smtp_server, queue, make_release):
    officer = staff_user("officer", "Press officers")
    editor = staff_user("ann", "Editors")
    editor.email = "ann@example.be"
    editor.save()
    for n in range(6):
        release = make_release(status=Status.DRAFT, **complete(), title_fr=f"Communiqué {n}")
        move(release, "submit", officer)
    assert len(queue) == 6
    workers = [start_worker(smtp_server), start_worker(smtp_server)]
    try:
        assert wait_for(lambda: len(smtp_server.messages) >= 6 and len(queue) == 0)
        time.sleep(2)  # two scheduler ticks more: nothing else arrives
        subjects = sorted(str(m["Subject"]) for m in smtp_server.messages)
        assert len(subjects) == 6 and len(set(subjects)) == 6, subjects
    finally:
        for worker in workers:
            stop(worker)
