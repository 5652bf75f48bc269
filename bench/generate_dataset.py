"""Generate a realistic multilingual data set for the benchmarks.

    python -m bench.generate_dataset --releases 100000

N press releases (French or Dutch originals, always translated into the other
one, half into English, a fifth into German), spread over twenty years, with
organizations, ministers and their appointments, one or two quotes each, related
organizations, topics, and one event for every ten releases. About 2% are drafts,
1% scheduled in the future and 2% withdrawn, so the live rule matters. Every item
is then indexed for search (search/indexing.py). Generated items have addresses
starting with "bench-"; ``--reset`` deletes them first. Deterministic per ``--seed``.
"""

import argparse
import random
import time
from datetime import UTC, date, datetime, timedelta

from bench.django_setup import setup

BATCH = 1000


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    parser.add_argument("--releases", type=int, default=100_000)
    parser.add_argument(
        "--events", type=int, default=None, help="default: one for every ten releases"
    )
    parser.add_argument("--seed", type=int, default=2017)
    parser.add_argument("--reset", action="store_true", help="delete earlier generated items")
    args = parser.parse_args(argv)
    setup()
    Generator(random.Random(args.seed)).run(args.releases, args.events, args.reset)


class Generator:
    def __init__(self, rng):
        self.rng = rng

    def run(self, n_releases, n_events, reset):
        from django.db import transaction

        from public_cache.versions import content_changed
        from search.indexing import index_events, index_releases

        started = time.monotonic()
        # bulk_create sends no signals: everything is indexed once, at the end, and
        # public content gets a new version (cached pages and fragments are stale).
        with transaction.atomic():
            if reset:
                self.reset()
            self.reference_data()
            releases = self.releases(n_releases)
            events = self.events(n_events if n_events is not None else n_releases // 10)
            content_changed()
        print(
            f"created {releases} releases, {events} events "
            f"in {time.monotonic() - started:.0f} s; indexing…",
            flush=True,
        )
        started = time.monotonic()
        from events.models import Event
        from releases.models import PressRelease

        indexed = index_releases(PressRelease.objects.filter(slug_fr__startswith="bench-"))
        indexed += index_events(Event.objects.filter(slug_fr__startswith="bench-"))
        print(f"indexed {indexed} items in {time.monotonic() - started:.0f} s")
        from django.db import connection

        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                # Statistics for the planner and visibility maps after a bulk load
                # (index-only scans; autovacuum may be off or late), and the GIN
                # indexes' pending lists merged (a search reads a pending list in full).
                for table in connection.introspection.table_names(cursor):
                    cursor.execute(f"VACUUM ANALYZE {connection.ops.quote_name(table)}")

    def reset(self):
        from events.models import Event
        from organizations.models import Appointment, Organization, Person, Role
        from releases.models import PressRelease, Topic

        Event.objects.filter(slug_fr__startswith="bench-").delete()
        PressRelease.objects.filter(slug_fr__startswith="bench-").delete()
        Appointment.objects.filter(person__slug__startswith="bench-").delete()
        Person.objects.filter(slug__startswith="bench-").delete()
        Role.objects.filter(organization__slug_fr__startswith="bench-").delete()
        Organization.objects.filter(slug_fr__startswith="bench-").delete()
        Topic.objects.filter(slug_fr__startswith="bench-").delete()

    def reference_data(self):
        from newsroom.languages import translated
        from organizations.models import Appointment, Organization, Person, Role
        from releases.models import Topic

        from .vocabulary import (
            FIRST_NAMES,
            LAST_NAMES,
            MINISTER,
            MINISTRIES,
            SERVICE,
            SUBJECTS,
        )

        self.organizations = []
        for n, ministry in enumerate(MINISTRIES):
            names = {code: SERVICE[code].format(m=ministry[code]) for code in ministry}
            self.organizations.append(
                Organization.objects.create(
                    kind=Organization.Kind.FEDERAL_PUBLIC_SERVICE,
                    **translated("name", names),
                    **translated("slug", {code: f"bench-fps-{n}-{code}" for code in names}),
                )
            )
        self.topics = [
            Topic.objects.create(
                **translated("name", subject),
                **translated("slug", {c: f"bench-topic-{n}-{c}" for c in subject}),
            )
            for n, subject in enumerate(SUBJECTS)
        ]
        # Two ministers per portfolio, one after the other: 2005-2015 and 2015-.
        self.appointments = []
        portfolios = zip(MINISTRIES, self.organizations, strict=True)
        for n, (ministry, organization) in enumerate(portfolios):
            titles = {code: MINISTER[code].format(m=ministry[code]) for code in ministry}
            role = Role.objects.create(organization=organization, **translated("title", titles))
            for term, (start, end) in enumerate(
                [(date(2005, 1, 1), date(2014, 12, 31)), (date(2015, 1, 1), None)]
            ):
                first = FIRST_NAMES[(2 * n + term) % len(FIRST_NAMES)]
                last = LAST_NAMES[(3 * n + term) % len(LAST_NAMES)]
                person = Person.objects.create(
                    first_name=first, last_name=last, slug=f"bench-{n}-{term}"
                )
                self.appointments.append(
                    Appointment.objects.create(
                        person=person, role=role, started_on=start, ended_on=end
                    )
                )

    def texts(self, number):
        """One release's texts in the four languages (the same facts in each)."""
        from .vocabulary import ACTIONS, COUNTRIES, LEADS, QUOTES, SENTENCES, SUBJECTS, TITLES

        rng = self.rng
        subject, other = rng.sample(SUBJECTS, 2)
        action, country = rng.choice(ACTIONS), rng.choice(COUNTRIES)
        year = rng.randint(2005, 2026)
        facts = {"n": number, "year": year, "number": rng.randint(100, 900_000)}
        sentence_numbers = [rng.randrange(10) for _ in range(rng.randint(12, 24))]
        day = f"{rng.randint(1, 28)}/{rng.randint(1, 12)}/{year}"
        texts = {}
        for code in ("fr", "nl", "de", "en"):
            words = dict(
                facts,
                subject=subject[code],
                other=other[code],
                action=action[code],
                country=country[code],
                day=day,
            )
            sentences = [SENTENCES[code][i].format(**words) for i in sentence_numbers]
            paragraphs = [" ".join(sentences[i : i + 4]) for i in range(0, len(sentences), 4)]
            texts[code] = {
                "title": TITLES[code].format(**words),
                "lead": LEADS[code].format(**words),
                "body": "".join(f"<p>{p}</p>" for p in paragraphs),
                "quote": QUOTES[code].format(subject=subject[code]),
            }
        return texts, subject

    def releases(self, count):
        from newsroom.publishing import Status
        from releases.models import PressRelease

        rng = self.rng
        now = datetime.now(UTC)
        first = datetime(2006, 1, 1, tzinfo=UTC)
        span = (now - first).total_seconds()
        made = 0
        while made < count:
            size = min(BATCH, count - made)
            rows, extras = [], []
            for i in range(made, made + size):
                texts, subject = self.texts(i)
                original = "fr" if rng.random() < 0.6 else "nl"
                languages = {"fr", "nl"}
                if rng.random() < 0.5:
                    languages.add("en")
                if rng.random() < 0.2:
                    languages.add("de")
                roll = rng.random()
                status, publish_at = Status.APPROVED, first + timedelta(seconds=rng.random() * span)
                if roll < 0.02:
                    status, publish_at = Status.DRAFT, None
                elif roll < 0.03:
                    publish_at = now + timedelta(days=rng.randint(1, 30))
                elif roll < 0.05:
                    status = Status.WITHDRAWN
                fields = {
                    "original_language": original,
                    "status": status,
                    "publish_at": publish_at,
                    "withdrawn_at": publish_at + timedelta(days=1)
                    if status == Status.WITHDRAWN
                    else None,
                }
                for code in languages:
                    fields.update(
                        {
                            f"title_{code}": texts[code]["title"],
                            f"lead_{code}": texts[code]["lead"],
                            f"body_{code}": texts[code]["body"],
                            f"slug_{code}": f"bench-{i}-{code}",
                        }
                    )
                organization = rng.choice(self.organizations)
                rows.append(PressRelease(issuing_organization=organization, **fields))
                day = (publish_at or now).date()
                speakers = [
                    a
                    for a in self.appointments
                    if a.role.organization_id == organization.pk and a.held_on(day)
                ]
                extras.append((texts, languages, speakers, subject))
            created = PressRelease.objects.bulk_create(rows)
            self.release_links(created, extras)
            made += size
            print(f"  {made} releases", end="\r", flush=True)
        print()
        return made

    def release_links(self, releases, extras):
        from releases.models import PressRelease, Quote

        from .vocabulary import SUBJECTS

        rng = self.rng
        quotes, related, topics = [], [], []
        topic_of = {
            subject["fr"]: topic for subject, topic in zip(SUBJECTS, self.topics, strict=True)
        }
        for release, (texts, languages, speakers, subject) in zip(releases, extras, strict=True):
            for order, appointment in enumerate(speakers[: rng.randint(1, 2)]):
                quotes.append(
                    Quote(
                        release=release,
                        appointment=appointment,
                        order=order,
                        **{f"text_{code}": texts[code]["quote"] for code in languages},
                    )
                )
            if rng.random() < 0.4:
                other = rng.choice(self.organizations)
                if other.pk != release.issuing_organization_id:
                    related.append(
                        PressRelease.related_organizations.through(
                            pressrelease=release, organization=other
                        )
                    )
            topics.append(
                PressRelease.topics.through(pressrelease=release, topic=topic_of[subject["fr"]])
            )
        Quote.objects.bulk_create(quotes)
        PressRelease.related_organizations.through.objects.bulk_create(related)
        PressRelease.topics.through.objects.bulk_create(topics)

    def events(self, count):
        from events.models import Event
        from newsroom.publishing import Status

        rng = self.rng
        now = datetime.now(UTC)
        rows, links = [], []
        for i in range(count):
            texts, _subject = self.texts(i)
            starts_at = datetime(2006, 1, 1, tzinfo=UTC) + timedelta(
                days=rng.randint(0, 7500), hours=rng.randint(8, 17)
            )
            fields = {
                "original_language": "fr",
                "status": Status.APPROVED,
                "publish_at": min(starts_at - timedelta(days=30), now),
                "starts_at": starts_at,
                "ends_at": starts_at + timedelta(hours=3),
            }
            for code in ("fr", "nl", "en", "de"):
                fields.update(
                    {
                        f"title_{code}": texts[code]["title"],
                        f"description_{code}": f"<p>{texts[code]['lead']}</p>",
                        f"programme_{code}": texts[code]["body"],
                        f"slug_{code}": f"bench-event-{i}-{code}",
                    }
                )
            rows.append(Event(**fields))
            links.append((rng.choice(self.organizations), rng.choice(self.appointments)))
        created = Event.objects.bulk_create(rows, batch_size=BATCH)
        Event.organizers.through.objects.bulk_create(
            [
                Event.organizers.through(event=event, organization=organization)
                for event, (organization, _a) in zip(created, links, strict=True)
            ],
            batch_size=BATCH,
        )
        Event.speakers.through.objects.bulk_create(
            [
                Event.speakers.through(event=event, appointment=appointment)
                for event, (_o, appointment) in zip(created, links, strict=True)
            ],
            batch_size=BATCH,
        )
        return len(created)


if __name__ == "__main__":
    main()
