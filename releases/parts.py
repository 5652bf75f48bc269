"""A release with everything its page shows, in one query.

The page shows the release, its issuer, its number, and nine small relations:
quotes with their speaker and role, links, topics, related organizations, press
contacts with their organization, corrections, pictures, documents and events.
Read with ``prefetch_related`` that was twelve queries, whose SQL the ORM built on
every request at a greater cost than running them. Here the query is written once
per process and language from the models' metadata (newsroom/json_rows.py): the
release's row and each relation as JSON; the instances are put where
``select_related`` and ``prefetch_related`` would put them, so the page, its
JSON-LD, the press kit and the e-mails read them as before. The feeds read their
releases' parts the same way (``releases_with_parts``).

What the public may see is decided by the publication rule, as everywhere: the
query reads the release whatever its state, and ``is_public()`` (the rule of
``live()``, newsroom/publishing.py) keeps it or not; its events are kept by
``is_live()`` likewise.
"""

import functools
import json

from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import timezone
from modeltranslation.utils import get_language

from attachments.models import Document, Image
from events.models import Event
from newsroom.database import prepared_cursor
from newsroom.json_rows import (
    JsonRows,
    cache_prefetched,
    cache_related,
    decode,
    json_array,
    json_list,
    quote_name,
)
from newsroom.languages import language_codes
from organizations.models import Appointment, Organization, Person, PressContact, Role

from .models import (
    Correction,
    PressRelease,
    Quote,
    ReleaseContact,
    ReleaseLink,
    Topic,
    rank_in_year,
)

#: What a release's page shows besides the release, its issuer and its number.
PAGE_PARTS = (
    "quotes",
    "contact_links",
    "links",
    "corrections",
    "images",
    "documents",
    "topics",
    "related_organizations",
    "events",
)
#: Parts linked to the release through a many-to-many field's table: (table, key, model).
LINKED = {
    "topics": (PressRelease.topics.through, "topic", Topic),
    "related_organizations": (
        PressRelease.related_organizations.through,
        "organization",
        Organization,
    ),
    "events": (Event.related_releases.through, "event", Event),
}


def release_with_parts(
    *, slug=None, pk=None, public=True, numbered=True, now=None, using=DEFAULT_DB_ALIAS
):
    """The release whose slug in any language (the reader's own first) is ``slug``,
    or whose id is ``pk``, with everything its page shows and, if ``numbered``, its
    number (a count that grows with the releases of its year: the public page reads
    it from the fragment cache instead); None if there is none, or if ``public`` and
    the public may not see it at ``now``."""
    now = now or timezone.now()
    lookup = "slug" if pk is None else "pk"
    zone = timezone.get_current_timezone_name()
    query = _query(using, get_language(), zone, lookup, PAGE_PARTS, numbered)
    for release in query.read(slug if pk is None else pk, now):
        if not public or release.is_public(now):
            return release
    return None


def releases_with_parts(pks, parts, using=DEFAULT_DB_ALIAS):
    """The releases ``pks``, in that order, each with its ``parts`` (some of
    ``PAGE_PARTS``) and its issuer, without their numbers. Those the caller chose:
    their ``live()`` was asked by whoever chose them."""
    query = _query(using, get_language(), timezone.get_current_timezone_name(), "pks", parts, False)
    releases = {release.pk: release for release in query.read(list(pks), timezone.now())}
    return [releases[pk] for pk in pks if pk in releases]


@functools.cache
def _query(using, language, zone, lookup, parts, numbered):
    """One per database, reader's language (relations are ordered by their names
    in it), time zone (years begin in it, see ``rank_in_year``), lookup, parts and
    numbering."""
    return ReleasePageQuery(using, language, lookup, parts, numbered)


class ReleasePageQuery:
    """The SQL, written once, and the reading of its rows. Each row holds the
    release and its issuer, its number (if ``numbered``, for one release looked up:
    counting it for many is the lists' ``numbered()``), then its parts, each a JSON
    array."""

    def __init__(self, using, language, lookup, parts, numbered=False):
        self.using = using
        self.numbered = numbered and lookup != "pks"
        vendor = connections[using].vendor
        table = PressRelease._meta.db_table
        # The release's table keeps its own name: the number's subquery refers to it.
        self.release = JsonRows(PressRelease, table)
        self.issuer = JsonRows(Organization, "issuer")
        release_id = self.release.column("pk")
        # Each part: the rows read together (a quote with its speaker's appointment,
        # person and role), and the SQL of the JSON list.
        self.readers = {}
        columns = [self.release.row(vendor), self.issuer.row(vendor)]
        self.fixed_params = []
        if self.numbered:
            rank, rank_params = self._rank_sql()
            columns.append(rank)
            self.fixed_params.extend(rank_params)
        for name in parts:
            rows, sql = self._part(name, vendor, language, release_id)
            self.readers[name] = rows
            columns.append(sql)
        source = f"{quote_name(table)} {self.release.join(self.issuer, 'issuing_organization')}"
        if lookup == "slug":
            slugs = [self.release.column(f"slug_{code}") for code in language_codes()]
            where = " OR ".join(f"{slug} = %s" for slug in slugs)
            # The reader's own slug first, then as newsroom.languages orders them.
            own = self.release.column(f"slug_{language}")
            tail = f"ORDER BY {own} = %s DESC, {self.release.order(language)} LIMIT {len(slugs)}"
            self.repeat = len(slugs) + 1
        elif lookup == "pk":
            where, tail, self.repeat = f"{release_id} = %s", "", 1
        elif vendor == "postgresql":
            where, tail, self.repeat = f"{release_id} = ANY(%s)", "", 1
        else:
            where, tail, self.repeat = f"{release_id} IN (SELECT value FROM json_each(%s))", "", 1
        self.sql = f"SELECT {', '.join(columns)} FROM {source} WHERE {where} {tail}"
        self.json_key = vendor != "postgresql" and lookup == "pks"

    def _part(self, name, vendor, language, release_id):
        """``(rows, sql)``: the ``JsonRows`` read together for each item of part
        ``name``, and the subquery of its JSON list."""

        def of_release(*rows, keys=()):
            """Items of ``rows[0]`` whose release is this one, each with the rows its
            foreign ``keys`` (one per further rows, from the previous ones) lead to."""
            first = rows[0]
            joins = " ".join(left.join(right, key) for left, key, right in keys)
            source = f"{first.table} {joins} WHERE {first.column('release')} = {release_id}"
            row = json_array(vendor, [r.row(vendor) for r in rows])
            return rows, json_list(vendor, row, source, first.order(language))

        def linked(through, key, rows):
            """Items linked to this release through a many-to-many field's table."""
            link = JsonRows(through, f"{key}_link")
            where = f"{link.column('pressrelease')} = {release_id}"
            source = f"{link.table} {link.join(rows, key)} WHERE {where}"
            row = json_array(vendor, [rows.row(vendor)])
            return (rows,), json_list(vendor, row, source, rows.order(language))

        if name == "quotes":
            quote, appointment = JsonRows(Quote, "quote"), JsonRows(Appointment, "appointment")
            person, role = JsonRows(Person, "person"), JsonRows(Role, "role")
            return of_release(
                quote,
                appointment,
                person,
                role,
                keys=[
                    (quote, "appointment", appointment),
                    (appointment, "person", person),
                    (appointment, "role", role),
                ],
            )
        if name == "contact_links":
            link, contact = (
                JsonRows(ReleaseContact, "contact_link"),
                JsonRows(PressContact, "contact"),
            )
            organization = JsonRows(Organization, "contact_organization")
            return of_release(
                link,
                contact,
                organization,
                keys=[(link, "contact", contact), (contact, "organization", organization)],
            )
        own_table = {
            "links": ReleaseLink,
            "corrections": Correction,
            "images": Image,
            "documents": Document,
        }
        if name in own_table:
            return of_release(JsonRows(own_table[name], name))
        through, key, model = LINKED[name]
        return linked(through, key, JsonRows(model, name))

    def _rank_sql(self):
        """The release's number as ``with_numbers`` counts it, compiled once (it
        holds no value that changes between requests)."""
        queryset = PressRelease.objects.using(self.using).annotate(rank=rank_in_year())
        compiler = queryset.query.get_compiler(using=self.using)
        compiler.setup_query()
        return compiler.compile(queryset.query.annotations["rank"])

    def read(self, key, now):
        """The releases the lookup finds, in its order, with their parts."""
        if self.json_key:
            key = json.dumps(key)
        # The same SQL on every request: prepared once per connection (newsroom/database.py).
        with prepared_cursor(connections[self.using]) as cursor:
            cursor.execute(self.sql, [*self.fixed_params, *[key] * self.repeat])
            rows = cursor.fetchall()
        return [self._release(row, now) for row in rows]

    def _release(self, row, now):
        using = self.using
        release = self.release.instance(decode(row[0]), using)
        issuer = self.issuer.instance(decode(row[1]), using)
        cache_related(release, "issuing_organization", issuer)
        values = iter(row[2:])
        if self.numbered:
            rank = next(values)
            numbered = release.is_numbered(now)
            release.release_number = rank if numbered else None
            release.release_year = timezone.localtime(release.publish_at).year if numbered else None
        for (name, readers), items in zip(self.readers.items(), values, strict=True):
            objects = [self._item(name, readers, item, release) for item in decode(items)]
            if name == "events":
                # As Prefetch("events", Event.objects.live(), to_attr="live_events").
                release.live_events = [event for event in objects if event.is_live(now)]
            else:
                cache_prefetched(release, name, objects)
        return release

    def _item(self, name, readers, values, release):
        """One item of a part, with the rows read with it in their caches."""
        using = self.using
        first, *joined = (
            rows.instance(value, using) for rows, value in zip(readers, values, strict=True)
        )
        if name == "quotes":
            appointment, person, role = joined
            cache_related(appointment, "person", person)
            cache_related(appointment, "role", role)
            cache_related(first, "appointment", appointment)
        elif name == "contact_links":
            contact, organization = joined
            cache_related(contact, "organization", organization)
            cache_related(first, "contact", contact)
        if name not in LINKED:
            cache_related(first, "release", release)  # as prefetch_related does
        return first
