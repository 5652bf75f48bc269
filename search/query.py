"""Reading the search index: which live releases and events match what a reader typed,
in which order, with which excerpt.

PostgreSQL: the reader's words are read with ``websearch_to_tsquery`` (quotes for a
phrase, ``or``, ``-word``) in the reader's language, and also in the other languages
(an item not translated into the reader's language is indexed in its original one),
matched against the stored vector of the reader's language (GIN index), ranked with
``ts_rank`` (title above lead above body and names), excerpts by ``ts_headline``.
Filters and spans of years are facets of the vectors (search/documents.py), so the
GIN index applies them together with the words.
Elsewhere (SQLite): every word, folded and crudely stemmed, must appear in the
folded text; an earlier match ranks higher (the title comes first).

Only live items are ever found: every match's item goes through the shared
``live()`` queryset before it is counted.
"""

import datetime
import re

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
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

from events.models import Event, SessionParticipant
from releases.models import PressRelease, Quote, release_numbers

from .documents import (
    HIGHLIGHT_START,
    HIGHLIGHT_STOP,
    UNWANTED,
    excerpt_source,
    fold,
    kind_facet,
    official_facet,
    organization_facet,
    topic_facet,
    year_facet,
)
from .indexing import full_text_search
from .models import CONFIGS, SearchDocument

#: What a reader's text is cut to: longer input is neither useful nor cheap.
MAX_QUERY_LENGTH = 200
MAX_WORDS = 12
#: How many matches are ranked at most: the most recent ones (see ``search``).
MAX_MATCHES = 100
#: The spans of years in which matches are looked for in turn, newest first (the
#: widths of all but the last span, which holds every older year).
YEAR_SPANS = (1, 1, 2, 4, 8)
#: How many more documents than needed are read before their items' liveness is
#: checked (search/query.py ``_most_recent``).
UNCHECKED_MARGIN = 20
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


def probes(filters):
    """The ``filters`` (releases/filters.py, the same as the release list's) as
    conditions on documents, for the fallback: probes on each document's item
    (EXISTS), not sets of every item an organization or an official ever had. (With
    full-text search, the vectors' facets serve the filters instead.)"""
    release, event = OuterRef("release_id"), OuterRef("event_id")
    condition = Q()
    if "organization" in filters:
        organization = filters["organization"]
        condition &= (
            Q(release__issuing_organization=organization)
            | Exists(
                PressRelease.related_organizations.through.objects.filter(
                    pressrelease=release, organization=organization
                )
            )
            | Exists(
                Event.organizers.through.objects.filter(event=event, organization=organization)
            )
        )
    if "official" in filters:
        person = filters["official"]
        condition &= Exists(Quote.objects.filter(release=release, appointment__person=person)) | (
            Exists(Event.speakers.through.objects.filter(event=event, appointment__person=person))
            | Exists(
                SessionParticipant.objects.filter(session__event=event, appointment__person=person)
            )
        )
    if "topic" in filters:  # events have no topics
        condition &= Exists(
            PressRelease.topics.through.objects.filter(pressrelease=release, topic=filters["topic"])
        )
    if "year" in filters:  # the year of publication, for events too
        condition &= Q(date__year=filters["year"])
    return condition


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


class TsQuery(SearchQuery):
    """A tsquery given as text (PostgreSQL's own notation), cast rather than parsed:
    readings already merged (``ts_queries``) and facets, whose first character the
    text parser would drop."""

    def as_sql(self, compiler, connection, function=None, template=None):
        return super().as_sql(compiler, connection, template="(%(expressions)s)::tsquery")


def ts_queries(texts, language):
    """Each of ``texts`` as a tsquery: read with ``websearch_to_tsquery`` in the
    reader's language and in the other languages (an item not translated into the
    reader's language is indexed in its original one), the readings merged
    (``merge_readings``); None for a text with no lexeme (only stop words). One
    query for all the texts."""
    configs = [CONFIGS[language]] + [CONFIGS[code] for code in CONFIGS if code != language]
    columns = ", ".join(
        ["websearch_to_tsquery(%s::regconfig, %s)::text"] * (len(configs) * len(texts))
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {columns}",
            [value for text in texts for config in configs for value in (config, text)],
        )
        row = cursor.fetchone()
    merged = [
        merge_readings(row[n * len(configs) : (n + 1) * len(configs)]) for n in range(len(texts))
    ]
    return [TsQuery(query) if query else None for query in merged]


_LEXEME = re.compile(r"'(?:[^']|'')*'")


def merge_readings(readings):
    """One tsquery (text) matching what any of ``readings`` (tsqueries as text)
    matches, kept small: the GIN index reads a posting list once per occurrence of
    its lexeme, and the readings mostly repeat each other. Identical readings count
    once; readings that only AND lexemes keep their shared lexemes in front:
    "'securit' & 'social' & 'chin'" and "'securit' & 'social' & 'chine'" become
    "'securit' & 'social' & ( 'chin' | 'chine' )"."""
    distinct = list(dict.fromkeys(reading for reading in readings if reading))
    if len(distinct) <= 1:
        return distinct[0] if distinct else ""
    conjunctions = [reading.split(" & ") for reading in distinct]
    if not all(_LEXEME.fullmatch(term) for terms in conjunctions for term in terms):
        return " | ".join(f"( {reading} )" for reading in distinct)
    shared = [
        term
        for term in dict.fromkeys(conjunctions[0])
        if all(term in terms for terms in conjunctions[1:])
    ]
    rests = [[term for term in terms if term not in shared] for terms in conjunctions]
    if any(not rest for rest in rests):  # one reading asks for the shared lexemes only
        return " & ".join(shared)
    either = " | ".join(f"( {' & '.join(rest)} )" if len(rest) > 1 else rest[0] for rest in rests)
    return " & ".join([*shared, f"( {either} )"]) if shared else either


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

    def __init__(self, documents, count=0, capped=False, limit=None, query=None):
        self.documents, self.count, self.capped, self.limit = documents, count, capped, limit
        self.query = query  # the words as a tsquery (full-text search), for excerpts


def search(text, language, filters=None, kind=None, now=None):
    """Search live items matching ``text`` for a reader of ``language``.

    Ranking every match of a common word ("sociale" is in most releases) would read
    every matching document; the ``MAX_MATCHES`` most recent matches are ranked
    instead (``_most_recent``)."""
    now = now or timezone.now()
    filters = filters or {}
    # Nothing published after now is live: drafts (no date) and scheduled items are
    # out before any text is read.
    documents = SearchDocument.objects.filter(language=language, date__lte=now)
    wanted, unwanted = split_negated(text)
    if full_text_search():
        if not wanted:
            return Matches(SearchDocument.objects.none())
        query, *negations = ts_queries([wanted, *(f'"{words}"' for words in unwanted)], language)
        if query is None:  # only stop words
            return Matches(SearchDocument.objects.none())
        # The filters and the kind are facets of the vectors: the GIN index reads
        # only the documents that match the words and the filters together.
        matching = documents.filter(vector=query)
        for facet in filter_facets(filters, kind):
            matching = matching.filter(vector=facet)
        for negation in negations:  # "-word": excluded in any reading of it
            if negation is not None:
                matching = matching.exclude(vector=negation)
        rank = SearchRank(F("vector"), query)
        spans = _spans_of_years(matching, filters, now)
    else:
        terms = fallback_terms(wanted)
        if not terms:
            return Matches(SearchDocument.objects.none())
        matching = documents
        if kind == RELEASE:
            matching = matching.filter(release__isnull=False)
        elif kind == EVENT:
            matching = matching.filter(event__isnull=False)
        for term in terms:
            matching = matching.filter(plain__contains=term)
        for term in fallback_terms(" ".join(unwanted)):
            matching = matching.exclude(plain__contains=term)
        rank = -StrIndex("plain", Value(terms[0]))  # an earlier match (the title) first
        spans = [matching.filter(probes(filters))]
    recent = _most_recent(spans, now)
    ranked = (
        SearchDocument.objects.filter(pk__in=recent[:MAX_MATCHES])
        .only("pk", "release_id", "event_id")
        .annotate(rank=rank)
        .order_by("-rank", "-date", "-pk")
    )
    return Matches(
        ranked,
        count=min(len(recent), MAX_MATCHES),
        capped=len(recent) > MAX_MATCHES,
        limit=MAX_MATCHES,
        query=query if full_text_search() else None,
    )


def facets_query(lexemes):
    """Facet lexemes (search/documents.py) as a tsquery matching any of them."""
    return TsQuery(" | ".join(f"'{lexeme}'" for lexeme in lexemes))


def filter_facets(filters, kind=None):
    """The facets a document must carry to pass ``filters`` and ``kind``."""
    facets = []
    if kind in KINDS:
        facets.append(kind_facet(kind))
    if "organization" in filters:
        facets.append(organization_facet(filters["organization"].pk))
    if "official" in filters:
        facets.append(official_facet(filters["official"].pk))
    if "topic" in filters:
        facets.append(topic_facet(filters["topic"].pk))
    if "year" in filters:
        facets.append(year_facet(filters["year"]))
    return [facets_query([facet]) for facet in facets]


def _spans_of_years(matching, filters, now):
    """``matching`` cut into spans of years, newest first (``YEAR_SPANS``: this
    year, last year, then wider and wider), the last span holding every older year.
    Each span is read from the GIN index with its year facets, so a common word
    reads only this year's matches and a rare one a few cheap index probes."""
    if "year" in filters:
        return [matching]
    year = timezone.localtime(now).year
    spans = []
    for width in YEAR_SPANS:
        years = range(year, year - width, -1)
        spans.append(matching.filter(vector=facets_query([year_facet(y) for y in years])))
        year -= width
    start_of_next_year = timezone.make_aware(datetime.datetime(year + 1, 1, 1))
    return [*spans, matching.filter(date__lt=start_of_next_year)]


def _most_recent(spans, now):
    """The ids of the ``MAX_MATCHES`` + 1 most recent documents of ``spans`` (newest
    span first; spans do not overlap) whose item is live at ``now``. Exact: a span
    is read only while the newer ones held too few.

    Documents are read alone, without the items' tables (a join makes the planner's
    estimate of a span's matches decide the plan), then their items go through
    ``live()``, a few more than needed at a time: all but a few dated documents are
    live (withdrawn and expired items are the exceptions)."""
    wanted = MAX_MATCHES + 1
    # An order no index gives, so that the planner collects a span's matches from
    # the GIN index and sorts them, rather than walking the date index down to the
    # first matches (which, for a rare word, could mean reading every document).
    unindexed = ExpressionWrapper(F("date") + datetime.timedelta(0), output_field=DateTimeField())
    live, unchecked = [], []
    for span in spans:
        span = span.order_by(unindexed.desc(), "-pk").values_list("pk", "release_id", "event_id")
        read = 0
        while True:
            size = wanted - len(live) - len(unchecked) + UNCHECKED_MARGIN
            if size <= UNCHECKED_MARGIN:  # perhaps enough: check before reading more
                live += _live(unchecked, now)
                unchecked = []
                if len(live) >= wanted:
                    return live[:wanted]
                continue
            batch = list(span[read : read + size])
            unchecked += batch
            read += len(batch)
            if len(batch) < size:
                break  # this span has no more matches
    return (live + _live(unchecked, now))[:wanted]


def _live(documents, now):
    """The ids of ``documents`` ([(pk, release_id, event_id)]) whose item is live at
    ``now``, in their order: the shared ``live()`` rule, one query per kind."""
    releases = [release for _pk, release, _event in documents if release]
    events = [event for _pk, _release, event in documents if event]
    live_releases = (
        set(PressRelease.objects.live(now).filter(pk__in=releases).values_list("pk", flat=True))
        if releases
        else set()
    )
    live_events = (
        set(Event.objects.live(now).filter(pk__in=events).values_list("pk", flat=True))
        if events
        else set()
    )
    return [
        pk
        for pk, release, event in documents
        if (release in live_releases if release else event in live_events)
    ]


class Result:
    """One line of the results page: the item, what it is, and an excerpt."""

    def __init__(self, item, kind, excerpt=""):
        self.item, self.kind, self.excerpt = item, kind, excerpt

    @property
    def is_release(self):
        return self.kind == RELEASE


def results(documents, text, language, now=None, query=None, numbers=release_numbers):
    """The page's documents as ``Result``s, in order: their items (still live at
    ``now``) and excerpts (``query``: the tsquery ``search()`` read ``text`` as, if
    known), in a fixed number of queries. The releases' numbers come from
    ``numbers(pks)`` (``release_numbers``; the view keeps them in the fragment
    cache: a number is counted among a year's releases)."""
    documents = list(documents)
    releases = (
        PressRelease.objects.live(now)
        .select_related("issuing_organization")
        .in_bulk([d.release_id for d in documents if d.release_id])
    )
    numbered = numbers(list(releases)) if releases else {}
    for pk, release in releases.items():
        release.release_number, release.release_year = numbered.get(pk, (None, None))
    events = Event.objects.live(now).in_bulk([d.event_id for d in documents if d.event_id])
    found = []
    for document in documents:
        if document.release_id in releases:
            found.append((document.pk, Result(releases[document.release_id], RELEASE)))
        elif document.event_id in events:
            found.append((document.pk, Result(events[document.event_id], EVENT)))
    sources = {pk: excerpt_source(result.item, language) for pk, result in found}
    excerpts = (
        _headlines(sources, text, language, query)
        if full_text_search()
        else _fallback_excerpts(sources, text)
    )
    for pk, result in found:
        result.excerpt = excerpts.get(pk, "")
    return [result for _pk, result in found]


def _marked(text):
    """Escape everything, then turn our highlight marks (never in content) into <mark>."""
    return mark_safe(
        escape(text).replace(HIGHLIGHT_START, "<mark>").replace(HIGHLIGHT_STOP, "</mark>")
    )


def _headlines(sources, text, language, query=None):
    """``ts_headline`` of each result's text, in one query."""
    if not sources:
        return {}
    if query is None:
        query = ts_queries([split_negated(text)[0]], language)[0] or TsQuery("")
    source = Case(*[When(pk=pk, then=Value(plain)) for pk, (plain, _lang) in sources.items()])
    config = Case(
        *[When(pk=pk, then=Value(CONFIGS[lang])) for pk, (_plain, lang) in sources.items()]
    )
    rows = (
        SearchDocument.objects.filter(pk__in=sources)
        .annotate(
            excerpt=SearchHeadline(
                source,
                query,
                config=config,
                start_sel=HIGHLIGHT_START,
                stop_sel=HIGHLIGHT_STOP,
                max_words=EXCERPT_WORDS,
                min_words=EXCERPT_WORDS // 2,
                max_fragments=2,
                fragment_delimiter=" … ",
            )
        )
        .values_list("pk", "excerpt")
    )
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
    marks = sorted(
        {
            (match.start(), match.end())
            for term in terms
            for match in re.finditer(re.escape(term) + r"\w*", folded)
            if start <= match.start() and match.end() <= end
        }
    )
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
