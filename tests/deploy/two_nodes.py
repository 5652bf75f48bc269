"""Two web nodes, one PostgreSQL: what an editor does through one node is what the
public sees on every node, at the same instant.

    DATABASE_URL=postgres://newsroom@127.0.0.1:5432/newsroom_h1 python -m tests.deploy.two_nodes
        [--lead 3] [--after 1.5] [--output bench/results/two_nodes.json] [--keep]

Use a scratch database: the script migrates it, adds an organization, two staff
users and a release, and deletes them at the end (unless ``--keep``).

1. Starts two gunicorn instances (real processes, ``gunicorn newsroom.wsgi -c
   newsroom/gunicorn.conf.py`` through bench/gunicorn.py, two workers each with their
   own psycopg pool) on two free ports, with production settings: DEBUG off, a secret
   key, ALLOWED_HOSTS, the HTTPS defaults behind a proxy (the script speaks to them as
   the TLS proxy would: ``X-Forwarded-Proto: https``), WhiteNoise's manifest of
   collected static files.
2. An editor logs in on node A; the same session cookie opens the admin on node B
   (sessions live in the database, not in a node).
3. Through node A's admin, the editor approves a release (submitted by a press
   officer) and schedules it a few seconds ahead, at a whole second.
4. Both nodes' release page and release list are polled until a moment after that
   instant: every answer received before it must say "absent" (404, not in the
   list), every request sent after it must say "live" (200, in the list): no node
   is late, not even by one request. The lag per node is the time from the instant
   to its first live answer (it includes the polling interval and the response time,
   so the script also reports when that request was sent).
5. Through node B's admin, with the session from node A, the editor withdraws it:
   the next request to either node answers 410 Gone and the list no longer shows it.

Prints what it saw and writes the result as JSON. Exit status 0 when every check
held. ``demonstrate()`` is the same run for tests/deploy/test_two_nodes.py.
"""

import argparse
import datetime
import http.client
import json
import os
import re
import secrets
import subprocess
import sys
import tempfile
import threading
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import quote, urlencode

from bench.django_setup import ROOT
from bench.gunicorn import GunicornProcess

#: The host name the nodes answer to; the proxy would pass the public one.
HOST = "localhost"
ORIGIN = f"https://{HOST}"
#: What the TLS-terminating proxy adds to every request it passes on.
PROXY_HEADERS = {"Host": HOST, "X-Forwarded-Proto": "https"}
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
VERSION_FIELD = re.compile(r'name="expected_version" value="(\d+)"')


class DemoError(Exception):
    """Something kept the demonstration from running (not a failed check)."""


# --- The nodes ---------------------------------------------------------------------------------


def database_url_for(settings_dict):
    """A DATABASE_URL for the database Django is connected to (e.g. pytest's test
    database), so the gunicorn processes read and write the very same rows."""
    user = quote(settings_dict.get("USER") or "", safe="")
    password = quote(settings_dict.get("PASSWORD") or "", safe="")
    credentials = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    host = settings_dict.get("HOST") or "127.0.0.1"
    port = settings_dict.get("PORT") or "5432"
    return f"postgres://{credentials}{host}:{port}/{quote(settings_dict['NAME'], safe='')}"


def node_environment(database_url, static_root, media_root):
    """Production settings for a node, whatever the calling process or a local .env say."""
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("DJANGO_", "DATABASE_", "GUNICORN_", "SECURE_"))
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "newsroom.settings",
            "ENV_FILE": os.devnull,
            "DEBUG": "false",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": HOST,
            "CSRF_TRUSTED_ORIGINS": ORIGIN,
            "SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto",
            "DATABASE_URL": database_url,
            "DATABASE_POOL_MAX_SIZE": "2",
            "DATABASE_POOL_MIN_SIZE": "1",
            "STATIC_ROOT": str(static_root),
            "MEDIA_ROOT": str(media_root),
            "GUNICORN_WORKERS": "2",
            "GUNICORN_ACCESS_LOG": "false",
            "PYTHONUNBUFFERED": "1",
        }
    )
    return env


class Node(GunicornProcess):
    """One gunicorn instance, as on a separate web server."""

    def __init__(self, name, env, workdir):
        super().__init__(
            env, log_path=Path(workdir) / f"node-{name}.log", label=f"node {name}", error=DemoError
        )
        self.name = name

    def connections_line(self):
        """What the node said at start about its PostgreSQL connections."""
        for line in self.log_path.read_text(errors="replace").splitlines():
            if "PostgreSQL connections" in line:
                return line[line.index("newsroom:") :]
        return None


class Client:
    """HTTP to one node as the TLS-terminating proxy sends it, with a cookie jar."""

    def __init__(self, node, cookies=None):
        self.node = node
        self.cookies = cookies if cookies is not None else {}

    def request(self, method, path, fields=None, timeout=10):
        headers = dict(PROXY_HEADERS)
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if fields is not None:
            body = urlencode(fields)
            headers.update(
                {
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Origin": ORIGIN,
                    "Referer": f"{ORIGIN}{path}",
                }
            )
        connection = http.client.HTTPConnection("127.0.0.1", self.node.port, timeout=timeout)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            content = response.read()
            for header in response.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(header).items():
                    self.cookies[name] = morsel.value
            return response.status, response.headers, content.decode("utf-8", "replace")
        finally:
            connection.close()

    def form(self, path, fields):
        """GET a form for its CSRF token (and the version it shows, as a browser would
        post it), then POST it: (status, Location)."""
        status, _headers, page = self.request("GET", path)
        if status != 200:
            raise DemoError(f"GET {path} on node {self.node.name} answered {status}")
        token = CSRF_FIELD.search(page)
        if token is None:
            raise DemoError(f"no CSRF token in {path} on node {self.node.name}")
        seen = VERSION_FIELD.search(page)
        version = {"expected_version": seen.group(1)} if seen else {}
        status, headers, page = self.request(
            "POST", path, {"csrfmiddlewaretoken": token.group(1), **version, **fields}
        )
        return status, headers.get("Location"), page


# --- The data, through the ORM of this process ------------------------------------------------


def prepare(password):
    """A press officer's release, submitted for review, and an editor who may approve it."""
    from django.contrib.auth.hashers import PBKDF2PasswordHasher
    from django.contrib.auth.models import Group, Permission, User
    from django.utils.crypto import get_random_string

    from organizations.models import Organization
    from releases.models import PressRelease
    from workflow import transitions as workflow
    from workflow.roles import EDITORS, PRESS_OFFICERS, ensure_roles

    ensure_roles(Group, Permission)
    mark = secrets.token_hex(4)
    # Hashed as the nodes' production settings expect, whatever this process's hashers are.
    hashed = PBKDF2PasswordHasher().encode(password, get_random_string(22))
    officer = User.objects.create(
        username=f"two-nodes-officer-{mark}", is_staff=True, password=hashed
    )
    officer.groups.add(Group.objects.get(name=PRESS_OFFICERS))
    editor = User.objects.create(
        username=f"two-nodes-editor-{mark}", is_staff=True, password=hashed
    )
    editor.groups.add(Group.objects.get(name=EDITORS))
    organization = Organization.objects.create(
        name_fr=f"Service deux nœuds {mark}", name_nl=f"Dienst twee nodes {mark}", kind="fps"
    )
    release = PressRelease.objects.create(
        title_fr=f"Deux nœuds, un instant {mark}",
        lead_fr="Publié par un nœud, lu sur l'autre.",
        body_fr="<p>Texte.</p>",
        title_nl=f"Twee nodes, één ogenblik {mark}",
        lead_nl="Gepubliceerd via één node.",
        body_nl="<p>Tekst.</p>",
        original_language="fr",
        issuing_organization=organization,
    )
    workflow.perform(release, "submit", officer, expected_version=release.version)
    return {
        "mark": mark,
        "officer": officer,
        "editor": editor,
        "organization": organization,
        "release": release,
    }


def clean_up(data):
    from django.contrib.contenttypes.models import ContentType

    from workflow.models import StateChange

    release = data["release"]
    StateChange.objects.filter(
        content_type=ContentType.objects.get_for_model(release), object_id=release.pk
    ).delete()
    release.delete()
    data["organization"].delete()
    data["officer"].delete()
    data["editor"].delete()


def public_paths(release):
    from django.urls import reverse
    from django.utils import translation

    with translation.override("fr"):
        return {"detail": release.get_absolute_url(), "list": reverse("releases:list")}


def admin_path(release, transition):
    from django.urls import reverse

    return reverse("admin:releases_pressrelease_transition", args=[release.pk, transition])


# --- Watching both nodes ----------------------------------------------------------------------


def is_live(page, status, body, mark):
    """What a reader sees: the release page answers 200; the list names it."""
    if page == "detail":
        return status == 200
    return status == 200 and mark in body


def watch(nodes, paths, mark, until, interval=0.05):
    """Poll every node's pages in parallel until ``until`` (epoch seconds):
    [(node, page, sent, received, status, live)]."""
    observations, lock = [], threading.Lock()

    def poll(node, page, path):
        client = Client(node)
        while time.time() < until:
            sent = time.time()
            try:
                status, _headers, body = client.request("GET", path)
            except OSError as error:
                status, body = f"error: {error}", ""
            received = time.time()
            with lock:
                observations.append(
                    (node.name, page, sent, received, status, is_live(page, status, body, mark))
                )
            time.sleep(interval)

    threads = [
        threading.Thread(target=poll, args=(node, page, path))
        for node in nodes
        for page, path in paths.items()
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return observations


def summarise(observations, instant):
    """Per node and page: answers before and after the instant, and the lag."""
    summary = {}
    for node, page, sent, received, status, live in observations:
        row = summary.setdefault(node, {}).setdefault(
            page,
            {
                "requests": 0,
                "absent_before": 0,
                "live_too_early": 0,
                "live_after": 0,
                "stale_after": 0,
                "errors": 0,
                "first_live_ms": None,
                "last_absent_sent_ms": None,
                "first_live_sent_ms": None,
                "statuses": {},
            },
        )
        row["requests"] += 1
        row["statuses"][str(status)] = row["statuses"].get(str(status), 0) + 1
        if not isinstance(status, int) or status >= 500:
            row["errors"] += 1
        if received < instant:  # answered before the instant: must be absent
            row["live_too_early" if live else "absent_before"] += 1
        elif sent >= instant:  # asked after the instant: must be live
            row["live_after" if live else "stale_after"] += 1
        asked = round((sent - instant) * 1000, 1)
        if live:
            lag = round((received - instant) * 1000, 1)
            if row["first_live_ms"] is None or lag < row["first_live_ms"]:
                row["first_live_ms"], row["first_live_sent_ms"] = lag, asked
        elif row["last_absent_sent_ms"] is None or asked > row["last_absent_sent_ms"]:
            row["last_absent_sent_ms"] = asked
    return summary


def _ms(value):
    """A time relative to the instant, as printed: "+216.1 ms", "-40.0 ms"."""
    return "—" if value is None else f"{value:+} ms"


# --- The demonstration ------------------------------------------------------------------------


def collect_static(env, log):
    started = time.monotonic()
    completed = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if completed.returncode != 0:
        raise DemoError("collectstatic failed:\n" + completed.stderr[-3000:])
    log(f"static files collected in {time.monotonic() - started:.1f} s")


def demonstrate(database_url, *, lead=3.0, after=1.5, static_root=None, keep=False, log=print):
    """Run the demonstration against ``database_url`` (PostgreSQL, already migrated,
    the same database this process's ORM writes to) and return the result."""
    from django.db import connections
    from django.utils import timezone

    if not database_url.startswith(("postgres://", "postgresql://")):
        raise DemoError(
            "two nodes share one PostgreSQL database: DATABASE_URL must be postgres://…"
        )
    problems = []

    def check(condition, message):
        if not condition:
            problems.append(message)
            log(f"  FAILED: {message}")
        return condition

    workdir = Path(tempfile.mkdtemp(prefix="newsroom-two-nodes-"))
    env = node_environment(database_url, static_root or workdir / "static", workdir / "media")
    collect_static(env, log)
    password = secrets.token_urlsafe(16)
    data = prepare(password)
    # The nodes must see committed rows; hand the connection back before they start.
    connections.close_all()
    release, mark = data["release"], data["mark"]
    paths = public_paths(release)
    nodes = [Node("A", env, workdir), Node("B", env, workdir)]
    result = {"database": database_url.rsplit("/", 1)[-1], "lead_s": lead, "nodes": {}}
    try:
        for node in nodes:
            node.start()
        for node in nodes:
            health = node.wait_until_up("/healthz", headers=PROXY_HEADERS)
            result["nodes"][node.name] = {
                "port": node.port,
                "pid": node.process.pid,
                "healthz": health,
                "connections": node.connections_line(),
            }
            log(
                f"node {node.name}: gunicorn pid {node.process.pid} on port {node.port}, "
                f"/healthz {health}"
            )
            check(health == 200, f"node {node.name}: /healthz answered {health}")
        node_a, node_b = nodes

        # Before anything: the release in review is not public on either node.
        for node in nodes:
            status, _h, _b = Client(node).request("GET", paths["detail"])
            check(status == 404, f"node {node.name}: a release in review answered {status}")

        # Sessions live in the database: a login on A is a login on B.
        editor = Client(node_a)
        status, location, _page = editor.form(
            "/admin/login/?next=/admin/",
            {"username": data["editor"].username, "password": password, "next": "/admin/"},
        )
        if status != 302 or "sessionid" not in editor.cookies:
            raise DemoError(f"the editor's login on node A answered {status}")
        on_b = Client(node_b, editor.cookies)
        status_b, headers_b, _page = on_b.request("GET", "/admin/")
        anonymous_b, _h, _b = Client(node_b).request("GET", "/admin/")
        result["sessions"] = {
            "login_on_A": status,
            "admin_on_B_with_A_session": status_b,
            "admin_on_B_without_session": anonymous_b,
        }
        log(
            f"sessions: logged in on A ({status}); the same cookie opens the admin on B "
            f"({status_b}); without it B answers {anonymous_b}"
        )
        check(
            status_b == 200,
            f"node B did not know node A's session (answered {status_b}, "
            f"to {headers_b.get('Location')})",
        )
        check(anonymous_b == 302, f"node B let an anonymous visitor in ({anonymous_b})")

        # Schedule through node A's admin, a whole second a few seconds ahead (Brussels time).
        instant = (timezone.now() + datetime.timedelta(seconds=lead)).replace(
            microsecond=0
        ) + datetime.timedelta(seconds=1)
        local = timezone.localtime(instant)
        status, location, page = editor.form(
            admin_path(release, "schedule"),
            {
                "publish_at_0": local.strftime("%Y-%m-%d"),
                "publish_at_1": local.strftime("%H:%M:%S"),
                "unpublish_at_0": "",
                "unpublish_at_1": "",
                "expected_version": release.version,
            },
        )
        if status != 302:
            raise DemoError(
                f"scheduling through node A answered {status}: "
                + " | ".join(re.findall(r'class="errorlist[^"]*"><li>([^<]+)', page))
            )
        release.refresh_from_db()
        connections.close_all()
        check(
            release.publish_at == instant and release.status == "approved",
            f"the release was not scheduled for {instant} ({release.status}, {release.publish_at})",
        )
        scheduled_ahead = instant.timestamp() - time.time()
        result["publish_at"] = instant.isoformat()
        log(
            f"scheduled through node A for {local:%H:%M:%S} Brussels time "
            f"({scheduled_ahead:.2f} s ahead); watching both nodes"
        )

        observations = watch(nodes, paths, mark, until=instant.timestamp() + after)
        summary = summarise(observations, instant.timestamp())
        result["go_live"] = summary
        for node in nodes:
            for page in paths:
                row = summary.get(node.name, {}).get(page)
                if row is None:
                    check(False, f"node {node.name}: no answer for the {page} page")
                    continue
                log(
                    f"node {node.name} {page:>6}: {row['absent_before']} answers absent "
                    f"before the instant, {row['live_after']} live after it, "
                    f"{row['stale_after']} stale; last absent answer to a request sent at "
                    f"{_ms(row['last_absent_sent_ms'])}, first live answer to one sent at "
                    f"{_ms(row['first_live_sent_ms'])}, received at "
                    f"{_ms(row['first_live_ms'])}; statuses {row['statuses']}"
                )
                check(
                    row["live_too_early"] == 0,
                    f"node {node.name}: the {page} page showed it before its time",
                )
                check(
                    row["stale_after"] == 0,
                    f"node {node.name}: the {page} page still hid it after its time "
                    f"({row['stale_after']} answers)",
                )
                check(
                    row["absent_before"] > 0 and row["live_after"] > 0,
                    f"node {node.name}: the {page} page was not seen on both sides of the instant",
                )
                check(row["errors"] == 0, f"node {node.name}: {row['errors']} errors")
        result["lag_ms"] = {
            node.name: max(
                (summary.get(node.name, {}).get(page) or {}).get("first_live_ms") or 0
                for page in paths
            )
            for node in nodes
        }

        # Withdraw through node B, with the session opened on node A.
        status, _location, _page = on_b.form(
            admin_path(release, "withdraw"),
            {
                "reason_fr": "Retiré pour la démonstration.",
                "reason_nl": "",
                "reason_de": "",
                "reason_en": "",
            },
        )
        done = time.time()
        if status != 302:
            raise DemoError(f"the withdrawal through node B answered {status}")
        withdrawal = {}
        for node in nodes:
            client = Client(node)
            detail, _h, _b = client.request("GET", paths["detail"])
            after_ms = round((time.time() - done) * 1000, 1)
            listed_status, _h, body = client.request("GET", paths["list"])
            withdrawal[node.name] = {"detail": detail, "listed": mark in body, "after_ms": after_ms}
            log(
                f"withdrawn through node B: node {node.name} answers {detail} "
                f"{withdrawal[node.name]['after_ms']} ms later; in the list: {mark in body}"
            )
            check(detail == 410, f"node {node.name}: the withdrawn release answered {detail}")
            check(
                listed_status == 200 and mark not in body,
                f"node {node.name}: the list still shows the withdrawn release",
            )
        result["withdrawal"] = withdrawal
    finally:
        for node in nodes:
            node.stop()
        if not keep:
            clean_up(data)
    result["problems"] = problems
    result["ok"] = not problems
    return result


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database-url",
        default=os.environ.get("DATABASE_URL", ""),
        help="PostgreSQL database both nodes use (default: $DATABASE_URL)",
    )
    parser.add_argument(
        "--lead",
        type=float,
        default=3.0,
        help="seconds between scheduling and the publication instant",
    )
    parser.add_argument(
        "--after", type=float, default=1.5, help="seconds to keep watching after the instant"
    )
    parser.add_argument("--output", default=str(ROOT / "bench" / "results" / "two_nodes.json"))
    parser.add_argument(
        "--keep", action="store_true", help="keep the release, users and organization it creates"
    )
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    if not args.database_url.startswith(("postgres://", "postgresql://")):
        print(
            "two_nodes: set DATABASE_URL (or --database-url) to a PostgreSQL database, e.g. "
            "postgres://newsroom@127.0.0.1:5432/newsroom_scratch",
            file=sys.stderr,
        )
        return 2
    # This process only writes through the ORM; the nodes get their own settings.
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    os.environ["DATABASE_POOL_MAX_SIZE"] = "0"
    from bench.django_setup import setup

    setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    try:
        result = demonstrate(args.database_url, lead=args.lead, after=args.after, keep=args.keep)
    except DemoError as error:
        print(f"two_nodes: {error}", file=sys.stderr)
        return 2
    output = Path(args.output)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    print(
        ("OK: " if result["ok"] else "FAILED: ")
        + (
            f"live on both nodes at the instant (first live answer after "
            f"{result['lag_ms']} ms), withdrawn on both at once; written to {output}"
            if result["ok"]
            else "; ".join(result["problems"])
        )
    )
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
