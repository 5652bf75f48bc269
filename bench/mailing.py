"""The go-live mailing under load: how soon the first message leaves after a release's
second, and how long until every subscriber has it, with one and two worker processes.

    python -m bench.mailing      (make bench-mailing)

On a scratch PostgreSQL database (``BENCH_MAILING_DATABASE_URL``, created and migrated,
its subscribers made anew each run) it subscribes ``BENCH_SUBSCRIBERS`` addresses
(default 10,000, in the four languages) to all releases, then, for 1 and 2 worker
processes (``manage.py run_huey``, production settings, each with
``NEWSROOM_TASK_WORKERS`` threads): approves a release to go live a few seconds later,
starts the workers, and reads what a real SMTP server (aiosmtpd, in this process)
receives. It reports, per round: the delay from the go-live second to the first and
the last message, messages per second, and checks that each address got exactly one
message. Results: the terminal and ``bench/results/mailing.json``."""

import datetime
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

DATABASE_URL = os.environ.get(
    "BENCH_MAILING_DATABASE_URL", "postgres://newsroom@127.0.0.1:5432/newsroom_bench_mailing"
)
SUBSCRIBERS = int(os.environ.get("BENCH_SUBSCRIBERS", "10000"))
THREADS = os.environ.get("NEWSROOM_TASK_WORKERS", "2")
LEAD = 8  # seconds between approval and go-live: the workers start meanwhile
OUTPUT = Path(os.environ.get("BENCH_OUTPUT", "bench/results/mailing.json"))
#: The queue this process enqueues to and the workers read.
QUEUE_FILE = Path(tempfile.mkdtemp()) / "tasks.sqlite3"

os.environ.update(
    {
        "ENV_FILE": os.devnull,
        "DATABASE_URL": DATABASE_URL,
        "DEBUG": "false",
        "SECRET_KEY": "bench-only-" + "x" * 50,
        "ALLOWED_HOSTS": "127.0.0.1",
        "NEWSROOM_REQUIRE_2FA": "false",
        "LOG_LEVEL": "WARNING",
        "NEWSROOM_TASKS_URL": f"sqlite:///{QUEUE_FILE}",
    }
)

from bench.django_setup import ROOT, setup  # noqa: E402


def ensure_database():
    """Create the scratch database if needed (the role needs CREATEDB)."""
    import psycopg

    parts = urlsplit(DATABASE_URL)
    name = parts.path.lstrip("/")
    admin = DATABASE_URL.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        found = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not found:
            connection.execute(f'CREATE DATABASE "{name}"')


class Inbox:
    """Records when each message arrived and for whom; parses nothing (the receiver
    shares the machine with the workers: it must cost them as little as possible)."""

    def __init__(self):
        self.received = []

    async def handle_DATA(self, server, session, envelope):
        self.received.append((time.time(), tuple(envelope.rcpt_tos)))
        return "250 OK"


def subscribe_all():
    from django.utils import timezone

    from subscriptions.models import Subscriber

    Subscriber.objects.all().delete()
    now = timezone.now()
    Subscriber.objects.bulk_create(
        (
            Subscriber(
                email=f"reader{n:05d}@bench.example",
                language=("fr", "nl", "de", "en")[n % 4],
                all_releases=True,
                requested_at=now,
                confirmed_at=now,
                source="bench",
            )
            for n in range(SUBSCRIBERS)
        ),
        batch_size=2000,
    )


def approve(go_live):
    """A release of the demo's issuer, submitted and approved for ``go_live``."""
    from django.contrib.auth.models import Group, Permission, User

    from newsroom.publishing import Status
    from organizations.models import Organization
    from releases.models import PressRelease
    from workflow import transitions
    from workflow.roles import ensure_roles

    ensure_roles(Group, Permission)
    officer, _ = User.objects.get_or_create(username="bench-officer", defaults={"is_staff": True})
    editor, _ = User.objects.get_or_create(username="bench-editor", defaults={"is_staff": True})
    officer.groups.add(Group.objects.get(name="Press officers"))
    editor.groups.add(Group.objects.get(name="Editors"))
    issuer = Organization.objects.order_by("pk").first() or Organization.objects.create(
        name_fr="SPF Sécurité sociale", kind="fps"
    )
    n = PressRelease.objects.count() + 1
    release = PressRelease.objects.create(
        status=Status.DRAFT,
        original_language="fr",
        issuing_organization=issuer,
        title_fr=f"Communiqué de mesure {n}",
        lead_fr="Un chapeau de deux phrases. Il résume le communiqué.",
        body_fr="<p>" + "Un paragraphe du communiqué. " * 40 + "</p>",
        title_nl=f"Meetpersbericht {n}",
        lead_nl="Een inleiding van twee zinnen. Ze vat het persbericht samen.",
        body_nl="<p>" + "Een alinea van het persbericht. " * 40 + "</p>",
    )
    transitions.perform(release, "submit", officer, expected_version=release.version)
    release.refresh_from_db()
    transitions.perform(
        release, "schedule", editor, expected_version=release.version, publish_at=go_live
    )
    return release


def start_worker(smtp_port):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
        "NEWSROOM_TASK_WORKERS": THREADS,
    }
    return subprocess.Popen(
        [sys.executable, "manage.py", "run_huey", "--quiet"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def round_with(workers, inbox, smtp_port):
    from huey.contrib.djhuey import HUEY

    inbox.received.clear()
    HUEY.flush()
    go_live = datetime.datetime.now(datetime.UTC).replace(microsecond=0) + datetime.timedelta(
        seconds=LEAD
    )
    release = approve(go_live)
    processes = [start_worker(smtp_port) for _ in range(workers)]
    try:
        deadline = time.time() + LEAD + 600
        while len(inbox.received) < SUBSCRIBERS and time.time() < deadline:
            time.sleep(0.2)
        time.sleep(3)  # anything more would arrive now
    finally:
        for process in processes:
            process.send_signal(subprocess.signal.SIGINT)
        for process in processes:
            process.wait(timeout=60)
    times = sorted(at for at, _to in inbox.received)
    addresses = [to for _at, rcpt in inbox.received for to in rcpt]
    start = go_live.timestamp()
    first, last = times[0] - start, times[-1] - start
    from distribution.publication import mailing_of

    started = mailing_of(release).started_at.timestamp() - start
    return {
        "workers": workers,
        "threads_per_worker": int(THREADS),
        "release": release.pk,
        "messages": len(addresses),
        "distinct_addresses": len(set(addresses)),
        "exactly_once": len(addresses) == len(set(addresses)) == SUBSCRIBERS,
        "mailing_started_after_go_live_s": round(started, 3),
        "first_message_after_go_live_s": round(first, 3),
        "last_message_after_go_live_s": round(last, 3),
        "messages_per_second": round(len(addresses) / max(last - first, 0.001), 1),
        "nothing_before_go_live": first >= 0,
    }


def main():
    ensure_database()
    setup()
    from aiosmtpd.controller import Controller
    from django.core.management import call_command

    from tests.smtp import free_port

    call_command("migrate", verbosity=0)
    subscribe_all()
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        rounds = [round_with(workers, inbox, port) for workers in (1, 2)]
    finally:
        controller.stop()
    print(f"{SUBSCRIBERS} subscribers, {THREADS} threads per worker process")
    print("workers  started (s)  first (s)  last (s)  msg/s   exactly once")
    for r in rounds:
        print(
            f"{r['workers']:>7}  {r['mailing_started_after_go_live_s']:>11}  "
            f"{r['first_message_after_go_live_s']:>9}  "
            f"{r['last_message_after_go_live_s']:>8}  {r['messages_per_second']:>6}  "
            f"{r['exactly_once']}"
        )
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(
        json.dumps(
            {
                "subscribers": SUBSCRIBERS,
                "rounds": rounds,
                "commit": commit,
                "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
                "at": datetime.datetime.now(datetime.UTC).isoformat(),
            },
            indent=2,
        )
    )
    print(f"written to {OUTPUT}")


if __name__ == "__main__":
    main()
