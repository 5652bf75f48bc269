"""What a release or an event says to a reader of each language, as weighted parts.

The text is what the reader sees (the item's own translation, else its original
language, newsroom/languages.py), so each part carries the language it is written
in: the index stems it with that language's configuration.
"""

import html
import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

from django.utils import timezone, translation
from django.utils.html import strip_tags

from newsroom.languages import localized

#: Weights, most important first (PostgreSQL's A to D).
TITLE, LEAD, TEXT, NAMES = "A", "B", "C", "D"

# Private-use characters mark highlights in excerpts (search/query.py); they never
# come from content.
HIGHLIGHT_START, HIGHLIGHT_STOP = "\ue000", "\ue001"
UNWANTED = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ue000-\uf8ff]")
_SPACES = re.compile(r"\s+")


#: Lexemes of our own added to every vector (search/indexing.py): the item's kind,
#: year of publication, organizations, officials and topics, so that the GIN index
#: itself narrows a search to a filter or to a span of years (search/query.py). They
#: hold a space, which no lexeme parsed from text ever does (in any locale: with
#: LC_CTYPE=C the parser keeps a "§" in a word), so no reader's words and no text
#: of an item can ever match them: "§ y2019", "§ o12".
FACET = "§ "


class Part(NamedTuple):
    text: str
    language: str  # the language the text is written in
    weight: str


@lru_cache(maxsize=4096)  # a release's texts recur in several readers' documents
def plain_text(value, markup=False):
    """Text for the index and for excerpts: control and private-use characters
    removed, whitespace collapsed; with ``markup`` (rich-text fields), tags removed
    and entities decoded first. Plain fields keep a "<" their author typed."""
    text = value or ""
    if markup:
        text = html.unescape(strip_tags(text))
    return _SPACES.sub(" ", UNWANTED.sub(" ", text)).strip()


def html_text(value):
    return plain_text(value, markup=True)


def fold(text):
    """Lowercase without accents, one character for one character (so positions in
    the folded text are positions in the original): "Sécurité" -> "securite"."""
    return "".join(_fold_char(char) for char in text)


def _fold_char(char):
    base = unicodedata.normalize("NFKD", char)[:1] or char
    lower = base.lower()
    return lower if len(lower) == 1 else base


def _names(reader_language, organizations=(), appointments=(), topics=()):
    """Names of organizations, officials (with their role) and topics as a reader of
    ``reader_language`` reads them (modeltranslation's fallbacks apply)."""
    with translation.override(reader_language):
        names = [
            name
            for organization in organizations
            for name in (organization.name, organization.acronym)
        ]
        names += [
            name
            for appointment in appointments
            for name in (appointment.person.full_name, appointment.role.title)
        ]
        names += [topic.name for topic in topics]
    return [Part(plain_text(name), reader_language, NAMES) for name in names if name]


def release_parts(release, reader_language):
    """The parts of ``release`` for a reader of ``reader_language``. Expects the
    release's quotes (with appointments), organizations and topics prefetched."""
    shown = release.content_language(reader_language)
    texts = release.in_language(shown)
    parts = [
        Part(plain_text(texts.title), shown, TITLE),
        Part(plain_text(texts.lead), shown, LEAD),
        Part(html_text(texts.body), shown, TEXT),
    ]
    quotes = list(release.quotes.all())
    for quote in quotes:
        language = shown if localized(quote, "text", shown) else release.original_language
        parts.append(Part(plain_text(localized(quote, "text", language)), language, TEXT))
    return parts + _names(
        reader_language,
        organizations=[release.issuing_organization, *release.related_organizations.all()],
        appointments=[quote.appointment for quote in quotes],
        topics=release.topics.all(),
    )


def session_officials(event):
    """The appointments of the officials speaking or moderating in ``event``'s
    programme (sessions and participants prefetched)."""
    return [
        participant.appointment
        for session in event.sessions.all()
        for participant in session.participants.all()
        if participant.appointment_id
    ]


def _session_parts(event, shown, reader_language):
    """The programme's texts (each session's title and description, as the page in
    ``shown`` gives them) and the names of its speakers from outside the government
    with their function and organization (as a reader of ``reader_language`` reads
    them)."""
    sessions = event.sessions.all()
    parts = []
    for session in sessions:
        for field in ("title", "description"):
            language = shown if localized(session, field, shown) else event.original_language
            if text := plain_text(localized(session, field, language)):
                parts.append(Part(text, language, TEXT))
    with translation.override(reader_language):
        names = [
            name
            for session in sessions
            for participant in session.participants.all()
            if not participant.appointment_id
            for name in (participant.name, participant.function, participant.organization_name)
        ]
    return parts + [Part(plain_text(name), reader_language, NAMES) for name in names if name]


def event_parts(event, reader_language):
    """The parts of ``event`` for a reader of ``reader_language``. Expects organizers,
    speakers (with person and role) and the programme's sessions and participants
    (with the officials' person and role) prefetched."""
    shown = event.content_language(reader_language)
    texts = event.in_language(shown)
    parts = (
        [
            Part(plain_text(texts.title), shown, TITLE),
            Part(html_text(texts.description), shown, LEAD),
        ]
        + [
            Part(html_text(texts.programme), shown, TEXT),
        ]
        + [
            Part(plain_text(getattr(texts, field)), shown, TEXT)
            for field in ("venue_name", "venue_address", "registration_note")
        ]
    )
    return (
        parts
        + _session_parts(event, shown, reader_language)
        + _names(
            reader_language,
            organizations=event.organizers.all(),
            appointments=[*event.speakers.all(), *session_officials(event)],
        )
    )


def facets(kind, date, organizations=(), officials=(), topics=()):
    """The facet lexemes of an item: its ``kind``, the year of its publication
    ``date`` (Brussels time, as the year filter reads it) and the ids of its
    organizations, officials (people) and topics."""
    lexemes = [kind_facet(kind)]
    if date is not None:
        lexemes.append(year_facet(timezone.localtime(date).year))
    lexemes += [organization_facet(pk) for pk in organizations]
    lexemes += [official_facet(pk) for pk in officials]
    lexemes += [topic_facet(pk) for pk in topics]
    return sorted(set(lexemes))


def kind_facet(kind):
    return f"{FACET}k{kind}"


def year_facet(year):
    return f"{FACET}y{year}"


def organization_facet(pk):
    return f"{FACET}o{pk}"


def official_facet(pk):
    return f"{FACET}p{pk}"


def topic_facet(pk):
    return f"{FACET}t{pk}"


def release_facets(release):
    """Facets of ``release`` (prefetched as for ``release_parts``)."""
    return facets(
        "release",
        release.publish_at,
        organizations=[
            release.issuing_organization_id,
            *(organization.pk for organization in release.related_organizations.all()),
        ],
        officials=[quote.appointment.person_id for quote in release.quotes.all()],
        topics=[topic.pk for topic in release.topics.all()],
    )


def event_facets(event):
    """Facets of ``event`` (prefetched as for ``event_parts``)."""
    return facets(
        "event",
        event.publish_at,
        organizations=[organization.pk for organization in event.organizers.all()],
        officials=[
            appointment.person_id
            for appointment in [*event.speakers.all(), *session_officials(event)]
        ],
    )


def excerpt_source(item, reader_language):
    """The plain text an excerpt is cut from (what the item's page says below its
    title, as a reader of ``reader_language`` sees it) and the language it is in."""
    texts = item.in_language(item.content_language(reader_language))
    if hasattr(texts, "lead"):
        parts = [plain_text(texts.lead), html_text(texts.body)]
    else:
        parts = [html_text(texts.description), html_text(texts.programme)]
    return " ".join(parts).strip(), texts.lang
