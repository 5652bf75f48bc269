"""PostgreSQL full-text search: stemming and accents per language, the query syntax,
ranking, and the GIN indexes. Skipped on SQLite (CI runs them on PostgreSQL)."""

from functools import reduce
from operator import or_

import pytest
from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from organizations.models import Organization
from releases.models import PressRelease, Quote
from search.models import CONFIGS, SearchDocument
from search.query import merge_readings, search, split_negated, ts_queries
from tests.conftest import brussels, complete

from .helpers import found

pytestmark = [pytest.mark.django_db, pytest.mark.postgresql]


@pytest.mark.parametrize(
    "language, text, query",
    [
        ("fr", "La protection des travailleurs", "protections"),
        ("fr", "Les pensions augmentent", "pension"),
        ("fr", "Les allocations familiales", "allocation familiale"),
        ("nl", "Het pensioen wordt verhoogd", "pensioenen"),
        ("nl", "De werkgevers betalen", "werkgever"),
        ("de", "Die Renten steigen", "Rente"),
        ("de", "Die Versicherungen zahlen", "Versicherung"),
        ("en", "Pensions are rising", "pension"),
        ("en", "The minister announced", "announcing"),
    ],
)
def test_each_language_is_stemmed_with_its_own_rules(client, make_release, language, text, query):
    make_release(
        original_language=language,
        **{f"title_{language}": text, f"lead_{language}": "x", f"body_{language}": "<p>x</p>"},
        **({"title_fr": "", "lead_fr": "", "body_fr": ""} if language != "fr" else {}),
    )
    assert found(client, query, language) == [text]


@pytest.mark.parametrize(
    "language, text, query",
    [
        ("fr", "Sécurité sociale", "securite sociale"),
        ("fr", "Securite sociale", "sécurité"),
        ("fr", "Élections à Liège", "elections liege"),
        ("de", "Soziale Sicherheit für Müller", "muller"),
        ("de", "Die Straße", "Strasse"),
        ("nl", "Financiële steun voor België", "financiele belgie"),
    ],
)
def test_accents_do_not_matter(client, make_release, language, text, query):
    make_release(
        original_language=language,
        **{f"title_{language}": text, f"lead_{language}": "x", f"body_{language}": "<p>x</p>"},
        **({"title_fr": "", "lead_fr": "", "body_fr": ""} if language != "fr" else {}),
    )
    assert found(client, query, language) == [text]


def test_the_readers_language_decides_the_stemming(client, make_release):
    make_release(
        title_fr="Les protections sociales",
        **complete(title_nl="De sociale bescherming", lead_nl="x", body_nl="<p>x</p>"),
    )
    assert found(client, "protection", "fr") == ["Les protections sociales"]
    assert found(client, "beschermingen", "nl") == ["De sociale bescherming"]
    # The Dutch version is what a Dutch reader sees: French words are not in it.
    assert found(client, "protection", "nl") == []


def test_a_release_not_translated_is_found_in_its_original_language(client, make_release):
    make_release(title_fr="Les allocations familiales augmentent")
    # A German reader sees the French text, so French words (and stems) find it.
    assert found(client, "allocation familiale", "de") == ["Les allocations familiales augmentent"]


def test_websearch_syntax_phrases_or_and_negation(client, make_release):
    make_release(title_fr="Protection sociale en Chine")
    make_release(title_fr="Sociale et protection au Maroc")
    make_release(title_fr="Pensions au Sénégal")
    assert found(client, '"protection sociale"') == ["Protection sociale en Chine"]
    assert sorted(found(client, "protection sociale")) == [
        "Protection sociale en Chine",
        "Sociale et protection au Maroc",
    ]
    assert sorted(found(client, "chine or sénégal")) == [
        "Pensions au Sénégal",
        "Protection sociale en Chine",
    ]
    # A negated word is excluded in every reading of it, not only in French.
    assert found(client, "protection -chine") == ["Sociale et protection au Maroc"]
    assert found(client, "-chine") == []
    # A minus inside quotes belongs to the phrase; "or" before a negation stays "or".
    assert found(client, '"protection -sociale"') == ["Protection sociale en Chine"]
    assert sorted(found(client, "sénégal or chine -maroc")) == [
        "Pensions au Sénégal",
        "Protection sociale en Chine",
    ]
    assert found(client, "chine or -maroc") == ["Protection sociale en Chine"]


def test_ranking_weights_title_lead_body_names(client, make_release):
    make_release(title_fr="Annonce A", body_fr="<p>Les indemnités.</p>")
    make_release(title_fr="Annonce B", lead_fr="Les indemnités.")
    make_release(title_fr="Les indemnités")
    assert found(client, "indemnités") == ["Les indemnités", "Annonce B", "Annonce A"]


def test_stop_words_alone_find_nothing_without_an_error(client, make_release):
    make_release(title_fr="La sécurité de la nation")
    assert found(client, "la de") == []


def _plan(sql, params):
    with connection.cursor() as cursor:
        if params is None:  # a query as it was sent, parameters in place
            cursor.execute("EXPLAIN " + sql)
        else:
            cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


@pytest.mark.parametrize("language", list(CONFIGS))
def test_the_search_query_uses_the_gin_index_of_the_readers_language(make_release, language):
    """With a few thousand documents (made in SQL, the indexer is not under test
    here) and fresh statistics, the planner reads a rare word's matches from the GIN
    index of the reader's language."""
    make_release(title_fr="Pensions")
    PressRelease.objects.bulk_create(
        [
            PressRelease(
                title_fr=f"Communiqué {n}",
                issuing_organization_id=Organization.objects.values_list("pk", flat=True).first(),
                status="approved",
                publish_at=timezone.now(),
            )
            for n in range(3000)
        ]
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO search_searchdocument (release_id, language, date, vector, plain) "
            "SELECT r.id, l.code, r.publish_at, to_tsvector(%s::regconfig, "
            "  'communiqué numéro ' || r.id || ' ' || r.title_fr), '' "
            "FROM releases_pressrelease r, (VALUES ('fr'), ('nl'), ('de'), ('en')) AS l(code) "
            "WHERE NOT EXISTS (SELECT 1 FROM search_searchdocument d WHERE d.release_id = r.id)",
            [CONFIGS[language]],
        )
        cursor.execute("ANALYZE search_searchdocument")
    with CaptureQueriesContext(connection) as queries:
        matches = search("pensions", language)
        ranked = list(matches.documents)
    assert matches.count == len(ranked) == 1
    # The queries search() ran that read the vectors: the one that collects a rare
    # word's matches reads them from the GIN index of the reader's language.
    reading = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].startswith("SELECT") and "@@" in q["sql"]
    ]
    plans = [_plan(sql, None) for sql in reading]
    assert any(f"Bitmap Index Scan on search_vector_{language}_gin" in plan for plan in plans), (
        plans
    )


def test_the_indexes_exist_with_the_language_configurations():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'search_searchdocument'"
        )
        indexes = dict(cursor.fetchall())
        cursor.execute("SELECT cfgname FROM pg_ts_config WHERE cfgname LIKE 'newsroom_%%'")
        configurations = {row[0] for row in cursor.fetchall()}
        cursor.execute(
            "SELECT relname, reloptions FROM pg_class WHERE relname = "
            "'search_searchdocument' OR relname LIKE 'search_vector_%%_gin'"
        )
        options = dict(cursor.fetchall())
    for language in CONFIGS:
        assert "USING gin" in indexes[f"search_vector_{language}_gin"]
        # Every search reads the pending list in full: it stays small.
        assert options[f"search_vector_{language}_gin"] == ["gin_pending_list_limit=256"]
    # No parallel workers for a search: starting them costs more than the search.
    assert options["search_searchdocument"] == ["parallel_workers=0"]
    assert configurations == set(CONFIGS.values())


def test_typed_text_never_matches_the_facets(client, make_release, appointment, organization):
    """Facets (kind, year, organizations, officials, topics) are lexemes no typed word
    can produce: typing them finds nothing, while the filters they serve work."""
    release = make_release(title_fr="Réforme", publish_at=brussels(2019, 3, 1, 10))
    Quote.objects.create(release=release, appointment=appointment, text_fr="Citation")
    person = appointment.person
    for text in [
        f"§o{organization.pk}",
        f"o{organization.pk}",
        f"§p{person.pk}",
        f"§ o{organization.pk}",
        f'"§ p{person.pk}"',
        "§ y2019",
        "§y2019",
        "y2019",
        "§krelease",
        "§ krelease",
        "krelease",
        "'§ y2019'",
        "§y2019:*",
    ]:
        assert found(client, text) == [], text
    assert found(client, "réforme", official=person.slug, year="2019") == ["Réforme"]
    assert found(client, "réforme", organization=organization.slug_fr, type="release") == [
        "Réforme"
    ]
    assert found(client, "réforme", type="event") == []


def test_an_items_text_never_passes_for_a_facet(client, make_release, organization):
    """A text that spells a facet (a law's "§ 2019", an "o12" in a body) is text: the
    item it belongs to is not taken for one of the organization, year or kind."""
    other = Organization.objects.create(name_fr="Autre", slug_fr="autre", kind="agency")
    make_release(title_fr="Réforme A", publish_at=brussels(2019, 3, 1, 10))
    make_release(
        title_fr="Réforme B",
        publish_at=brussels(2018, 3, 1, 10),
        issuing_organization=other,
        body_fr=f"<p>§ o{organization.pk} §o{organization.pk} § y2019 §y2019 § kevent</p>",
    )
    assert found(client, "réforme", organization=organization.slug_fr) == ["Réforme A"]
    assert found(client, "réforme", year="2019") == ["Réforme A"]
    assert found(client, "réforme", type="event") == []


@pytest.mark.parametrize(
    "readings, merged",
    [
        (["'pension'"] * 4, "'pension'"),
        (
            ["'securit' & 'social' & 'chin'"] * 3 + ["'securit' & 'social' & 'chine'"],
            "'securit' & 'social' & ( 'chin' | 'chine' )",
        ),
        (["'rent'", "'renten'", "'rent'", ""], "'rent' | 'renten'"),
        (["'a' & 'b'", "'a'"], "'a'"),
        (["'x' & 'y' & 'z'", "'x' & 'w' & 'v'"], "'x' & ( ( 'y' & 'z' ) | ( 'w' & 'v' ) )"),
        (
            ["'secur' <-> 'social'", "'securit' <-> 'social'"],
            "( 'secur' <-> 'social' ) | ( 'securit' <-> 'social' )",
        ),
        (["'l''eau' & 'b'", "'l''eau' & 'c'"], "'l''eau' & ( 'b' | 'c' )"),
        (["", ""], ""),
    ],
)
def test_readings_are_merged_into_a_small_equivalent_query(readings, merged):
    assert merge_readings(readings) == merged


@pytest.mark.parametrize(
    "text",
    [
        "securite sociale chine",
        "pensions -chine",
        '"sécurité sociale" or allocations',
        "Renten Kindergeld",
    ],
)
def test_merged_readings_match_what_any_reading_matches(make_release, text):
    """The merged query finds exactly what the plain OR of the four readings finds."""
    for n, title in enumerate(
        [
            "Sécurité sociale en Chine",
            "La sécurité sociale chinoise",
            "Allocations familiales",
            "Die Renten und das Kindergeld",
            "Pensions en Chine",
            "Pensions en Belgique",
        ]
    ):
        make_release(title_fr=title, slug_fr=f"r{n}")
    wanted = split_negated(text)[0]
    merged = ts_queries([wanted], "fr")[0]
    plain = reduce(
        or_,
        [
            SearchQuery(wanted, config=config, search_type="websearch")
            for config in CONFIGS.values()
        ],
    )
    documents = SearchDocument.objects.filter(language="fr")
    assert set(documents.filter(vector=merged).values_list("pk", flat=True)) == set(
        documents.filter(vector=plain).values_list("pk", flat=True)
    )
