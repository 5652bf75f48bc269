"""Reading the search index: which live releases and events match what a reader typed,
in which order, with which excerpt.

PostgreSQL: the reader's words are read with ``websearch_to_tsquery`` (quotes for a
phrase, ``or``, ``-word``) in the reader's language, and also in the other languages
(an item not translated into the reader's language is indexed in its original one),
matched against the stored vector of the reader's language (GIN index), ranked with
``ts_rank`` (title above lead above body and names), excerpts by ``ts_headline``.
Elsewhere (SQLite): every word, folded and crudely stemmed, must appear in the
folded text; an earlier match ranks higher (the title comes first).

Only live items are ever found: every search applies the publication rule
(``live_q``, the rule behind ``live()``) through each document's link to its item.
"""

import datetime
import re
from contextlib import contextmanager
from functools import reduce
from operator import or_

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection, transaction
from django.db.models import (
    Case,
    DateTimeField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    Value,
    When,
)
from django.db.models.functions import StrIndex
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe

from events.models import Event
from newsroom.publishing import live_q
from releases.models import PressRelease, Quote

from .documents import HIGHLIGHT_START, HIGHLIGHT_STOP, UNWANTED, excerpt_source, fold
from .indexing import full_text_search
from .models import CONFIGS, SearchDocument

#: What a reader's text is cut to: longer input is neither useful nor cheap.
MAX_QUERY_LENGTH = 200
MAX_WORDS = 12
#: How many matches are ranked at most: the most recent ones (see ``search``).
MAX_MATCHES = 100
#: How many of the most recent documents (of a language) are looked at first.
WINDOWS = (2_500,)
RELEASE, EVENT = "release", "event"
KINDS = (RELEASE, EVENT)

EXCERPT_WORDS = 30
_WORD = re.compile(r"\w+")


def clean_query(raw):
    """The reader's text made safe to search: control characters (NUL included) and
    private-use characters removed, whitespace collapsed, at most ``MAX_WORDS`` words
    and ``MAX_QUERY_LENGTH`` characters."""
    text = " ".join(UNWANTED.sub(" ", (raw or "")[: MAX_QUERY_LENGTH * 4]).split())
    return " ".join(text.split(" ")[:MAX_WORDS])[:MAX_QUERY_LENGTH].strip()


def scope(filters, kind=None, now=None):
    """Which documents may be found: those of live items (the publication rule,
    ``live_q``, through the documents' links) that the ``filters``
    (releases/filters.py, the same as the release list's) and the ``kind`` leave.
    Filters are probes on each document's item (EXISTS), not sets of every item an
    organization or an official ever had."""
    releases = live_q(now, "release__")
    events = live_q(now, "event__")
    release, event = OuterRef("release_id"), OuterRef("event_id")
    if "organization" in filters:
        organization = filters["organization"]
        releases &= Q(release__issuing_organization=organization) | Exists(
            PressRelease.related_organizations.through.objects.filter(
                pressrelease=release, organization=organization))
        events &= Exists(Event.organizers.through.objects.filter(
            event=event, organization=organization))
    if "official" in filters:
        person = filters["official"]
        releases &= Exists(Quote.objects.filter(release=release, appointment__person=person))
        events &= Exists(Event.speakers.through.objects.filter(
            event=event, appointment__person=person))
    if "topic" in filters:
        releases &= Exists(PressRelease.topics.through.objects.filter(
            pressrelease=release, topic=filters["topic"]))
    if "year" in filters:  # the year of publication, for events too
        releases &= Q(release__publish_at__year=filters["year"])
        events &= Q(event__publish_at__year=filters["year"])
    nothing = Q(pk__in=[])
    return (
        (releases if kind in (None, RELEASE) else nothing)
        # Events have no topics: a topic filter leaves releases only.
        | (events if kind in (None, EVENT) and "topic" not in filters else nothing)
    )


# The reader's words as websearch_to_tsquery reads them: quoted phrases (a minus
# inside quotes is part of the phrase) and single words, each maybe negated.
_TOKEN = re.compile(r'(-?)("[^"]*"?|[^\s"]+)')


def split_negated(text):
    """The reader's text without its negated words or phrases, and those (a minus
    at the start of a word or phrase: "-chine", '-"a phrase"'). An "or" left at
    either end, or doubled, by a removed negation is dropped too."""
    kept, negated = [], []
    for minus, token in _TOKEN.findall(text):
        words = token.strip('"').strip()
        if minus and words:
            negated.append(words)
        elif token != "-":
            kept.append(token if not minus else minus + token)
    cleaned = []
    for token in kept:
        if token.lower() == "or" and (not cleaned or cleaned[-1].lower() == "or"):
            continue
        cleaned.append(token)
    while cleaned and cleaned[-1].lower() == "or":
        cleaned.pop()
    return " ".join(cleaned), negated


def ts_query(text, language):
    """``text`` as a tsquery read in the reader's language and in the other languages
    (an item not translated into the reader's language is indexed in its original one).
    Negations are left to ``search()``: read in one language only, "-chine" would
    let the same word through in another reading."""
    languages = [language] + [code for code in CONFIGS if code != language]
    return reduce(or_, [
        SearchQuery(text, config=CONFIGS[code], search_type="websearch") for code in languages
    ])


def fallback_terms(text):
    """Words for the SQLite fallback: folded, with a crude plural ending removed."""
    terms = []
    for word in _WORD.findall(fold(text)):
        if word == "or":  # websearch's "either" (the fallback asks for every word)
            continue
        if len(word) > 5:
            word = re.sub(r"(en|es|s|e|n)$", "", word)
        if len(word) > 1 and word not in terms:
            terms.append(word)
    return terms[:MAX_WORDS]


class Matches:
    """What ``search`` found: ``documents``, best first (annotated with ``rank``), and
    how many (``count``); ``capped`` when more than ``limit`` items matched and only
    the ``limit`` most recent of them were ranked."""

    def __init__(self, documents, count=0, capped=False, limit=None):
        self.documents, self.count, self.capped, self.limit = documents, count, capped, limit


def search(text, language, filters=None, kind=None, now=None):
    """Search live items matching ``text`` for a reader of ``language``.

    Ranking every match of a common word ("sociale" is in most releases) would read
    every matching document; the ``MAX_MATCHES`` most recent matches are ranked
    instead. They are looked for among the most recent documents first (``WINDOWS``):
    a common word has enough matches there, and a window bounds the rows read. A
    rarer word goes on to a larger window, then to every document (GIN index)."""
    now = now or timezone.now()
    # Nothing published after now is live: drafts (no date) and scheduled items are
    # out before any text is read.
    documents = SearchDocument.objects.filter(language=language, date__lte=now)
    # The kind and the year narrow the documents themselves, so that the windows
    # below are windows of what can match (the scope applies them too).
    if kind == RELEASE:
        documents = documents.filter(release__isnull=False)
    elif kind == EVENT:
        documents = documents.filter(event__isnull=False)
    if filters and "year" in filters:
        documents = documents.filter(date__year=filters["year"])
    wanted, unwanted = split_negated(text)
    if full_text_search():
        if not wanted:
            return Matches(SearchDocument.objects.none())
        query = ts_query(wanted, language)
        matching = documents.filter(vector=query)
        for words in unwanted:  # "-word": excluded in any reading of it
            matching = matching.exclude(vector=ts_query(f'"{words}"', language))
        rank = SearchRank(F("vector"), query)
    else:
        terms = fallback_terms(wanted)
        if not terms:
            return Matches(SearchDocument.objects.none())
        matching = documents
        for term in terms:
            matching = matching.filter(plain__contains=term)
        for term in fallback_terms(" ".join(unwanted)):
            matching = matching.exclude(plain__contains=term)
        rank = -StrIndex("plain", Value(terms[0]))  # an earlier match (the title) first
    recent = _most_recent(matching.order_by("-date", "-pk"), documents,
                          scope(filters or {}, kind, now))
    ranked = (SearchDocument.objects.filter(pk__in=recent[:MAX_MATCHES])
              .only("pk", "release_id", "event_id")
              .annotate(rank=rank).order_by("-rank", "-date", "-pk"))
    return Matches(ranked, count=min(len(recent), MAX_MATCHES),
                   capped=len(recent) > MAX_MATCHES, limit=MAX_MATCHES)


def _most_recent(matching, documents, in_scope):
    """The ids of the ``MAX_MATCHES`` + 1 most recent ``matching`` documents that are
    ``in_scope`` (live, filtered).

    A common word has that many matches among the most recent documents: they are
    looked for there first (``WINDOWS``), a bounded walk down the date index. Exact:
    once a window holds that many matches, no older document can be among them.
    Otherwise the word is rare lately, and its matches are read from the GIN index
    (a walk down the date index could read every document before finding enough);
    the scope is checked on the newest of them first, then on all if need be."""
    wanted = MAX_MATCHES + 1
    scoped = matching.filter(in_scope)
    for size in WINDOWS:
        oldest = list(documents.order_by("-date", "-pk").values_list("date", flat=True)
                      [size:size + 1])
        if not oldest:
            break  # the window would hold every document
        with _walking_the_date_index():
            found = list(scoped.filter(date__gte=oldest[0])
                         .values_list("pk", flat=True)[:wanted])
        if len(found) == wanted:
            return found
    # An order no index gives, so that the planner collects the matches from the GIN
    # index and sorts them rather than walking the date index.
    unindexed = ExpressionWrapper(F("date") + datetime.timedelta(0), output_field=DateTimeField())
    newest_first = (unindexed.desc(), "-pk")
    candidates = list(matching.order_by(*newest_first).values_list("pk", flat=True)
                      [: 2 * wanted])
    found = list(scoped.filter(pk__in=candidates).values_list("pk", flat=True)[:wanted])
    if len(found) == wanted or len(candidates) < 2 * wanted:
        return found  # exact: the older matches cannot come first
    return list(scoped.order_by(*newest_first).values_list("pk", flat=True)[:wanted])


@contextmanager
def _walking_the_date_index():
    """A planner hint for a window's query: walk the date index, newest first, and
    stop after enough matches (at most a window of rows, each checked in its row).
    PostgreSQL would otherwise read every match from the GIN index first whenever it
    underestimates how many there are (two words that always come together)."""
    if not full_text_search():
        yield
        return
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        yield
        cursor.execute("SET LOCAL enable_bitmapscan = on")


class Result:
    """One line of the results page: the item, what it is, and an excerpt."""

    def __init__(self, item, kind, excerpt=""):
        self.item, self.kind, self.excerpt = item, kind, excerpt

    @property
    def is_release(self):
        return self.kind == RELEASE


def results(documents, text, language, now=None):
    """The page's documents as ``Result``s, in order: their items (still live at
    ``now``) and excerpts, in a fixed number of queries."""
    documents = list(documents)
    releases = PressRelease.objects.live(now).with_numbers().select_related(
        "issuing_organization").in_bulk([d.release_id for d in documents if d.release_id])
    events = Event.objects.live(now).in_bulk([d.event_id for d in documents if d.event_id])
    found = []
    for document in documents:
        if document.release_id in releases:
            found.append((document.pk, Result(releases[document.release_id], RELEASE)))
        elif document.event_id in events:
            found.append((document.pk, Result(events[document.event_id], EVENT)))
    sources = {pk: excerpt_source(result.item, language) for pk, result in found}
    excerpts = (_headlines(sources, text, language) if full_text_search()
                else _fallback_excerpts(sources, text))
    for pk, result in found:
        result.excerpt = excerpts.get(pk, "")
    return [result for _pk, result in found]


def _marked(text):
    """Escape everything, then turn our highlight marks (never in content) into <mark>."""
    return mark_safe(
        escape(text).replace(HIGHLIGHT_START, "<mark>").replace(HIGHLIGHT_STOP, "</mark>")
    )


def _headlines(sources, text, language):
    """``ts_headline`` of each result's text, in one query."""
    if not sources:
        return {}
    query = ts_query(split_negated(text)[0] or '""', language)
    source = Case(*[When(pk=pk, then=Value(plain)) for pk, (plain, _lang) in sources.items()])
    config = Case(*[When(pk=pk, then=Value(CONFIGS[lang]))
                    for pk, (_plain, lang) in sources.items()])
    rows = SearchDocument.objects.filter(pk__in=sources).annotate(excerpt=SearchHeadline(
        source, query, config=config, start_sel=HIGHLIGHT_START, stop_sel=HIGHLIGHT_STOP,
        max_words=EXCERPT_WORDS, min_words=EXCERPT_WORDS // 2, max_fragments=2,
        fragment_delimiter=" … ",
    )).values_list("pk", "excerpt")
    return {pk: _marked(excerpt) for pk, excerpt in rows}


def _fallback_excerpts(sources, text):
    terms = fallback_terms(split_negated(text)[0])
    return {pk: _fallback_excerpt(plain, terms) for pk, (plain, _lang) in sources.items()}


def _fallback_excerpt(plain, terms, width=240):
    """About ``width`` characters around the first match, every match marked."""
    folded = fold(plain)
    first = min((i for i in (folded.find(term) for term in terms) if i >= 0), default=0)
    start = max(0, first - width // 3)
    start = folded.rfind(" ", 0, start) + 1 if start else 0
    end = min(len(plain), start + width)
    # A match is marked to the end of its word ("social" marks "sociale").
    marks = sorted({(match.start(), match.end())
                    for term in terms
                    for match in re.finditer(re.escape(term) + r"\w*", folded)
                    if start <= match.start() and match.end() <= end})
    pieces, position = [], start
    for begin, finish in marks:
        if begin < position:
            continue  # overlapping matches: the first one wins
        pieces += [plain[position:begin], HIGHLIGHT_START, plain[begin:finish], HIGHLIGHT_STOP]
        position = finish
    pieces.append(plain[position:end])
    prefix = "… " if start else ""
    suffix = " …" if end < len(plain) else ""
    return _marked(prefix + "".join(pieces) + suffix)
