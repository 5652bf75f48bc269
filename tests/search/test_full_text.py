"""PostgreSQL full-text search: stemming and accents per language, the query syntax,
ranking, and the GIN indexes. Skipped on SQLite (CI runs them on PostgreSQL)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from organizations.models import Organization
from releases.models import PressRelease
from search.models import CONFIGS
from search.query import search
from tests.conftest import complete

from .helpers import found

pytestmark = [pytest.mark.django_db, pytest.mark.postgresql]


@pytest.mark.parametrize("language, text, query", [
    ("fr", "La protection des travailleurs", "protections"),
    ("fr", "Les pensions augmentent", "pension"),
    ("fr", "Les allocations familiales", "allocation familiale"),
    ("nl", "Het pensioen wordt verhoogd", "pensioenen"),
    ("nl", "De werkgevers betalen", "werkgever"),
    ("de", "Die Renten steigen", "Rente"),
    ("de", "Die Versicherungen zahlen", "Versicherung"),
    ("en", "Pensions are rising", "pension"),
    ("en", "The minister announced", "announcing"),
])
def test_each_language_is_stemmed_with_its_own_rules(client, make_release, language, text,
                                                      query):
    make_release(original_language=language, **{f"title_{language}": text,
                                                 f"lead_{language}": "x",
                                                 f"body_{language}": "<p>x</p>"},
                 **({"title_fr": "", "lead_fr": "", "body_fr": ""} if language != "fr" else {}))
    assert found(client, query, language) == [text]


@pytest.mark.parametrize("language, text, query", [
    ("fr", "Sécurité sociale", "securite sociale"),
    ("fr", "Securite sociale", "sécurité"),
    ("fr", "Élections à Liège", "elections liege"),
    ("de", "Soziale Sicherheit für Müller", "muller"),
    ("de", "Die Straße", "Strasse"),
    ("nl", "Financiële steun voor België", "financiele belgie"),
])
def test_accents_do_not_matter(client, make_release, language, text, query):
    make_release(original_language=language, **{f"title_{language}": text,
                                                 f"lead_{language}": "x",
                                                 f"body_{language}": "<p>x</p>"},
                 **({"title_fr": "", "lead_fr": "", "body_fr": ""} if language != "fr" else {}))
    assert found(client, query, language) == [text]


def test_the_readers_language_decides_the_stemming(client, make_release):
    make_release(title_fr="Les protections sociales", **complete(
        title_nl="De sociale bescherming", lead_nl="x", body_nl="<p>x</p>"))
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
        "Protection sociale en Chine", "Sociale et protection au Maroc"]
    assert sorted(found(client, "chine or sénégal")) == [
        "Pensions au Sénégal", "Protection sociale en Chine"]
    # A negated word is excluded in every reading of it, not only in French.
    assert found(client, "protection -chine") == ["Sociale et protection au Maroc"]
    assert found(client, "-chine") == []
    # A minus inside quotes belongs to the phrase; "or" before a negation stays "or".
    assert found(client, '"protection -sociale"') == ["Protection sociale en Chine"]
    assert sorted(found(client, "sénégal or chine -maroc")) == [
        "Pensions au Sénégal", "Protection sociale en Chine"]
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
    PressRelease.objects.bulk_create([
        PressRelease(title_fr=f"Communiqué {n}", issuing_organization_id=Organization.objects
                     .values_list("pk", flat=True).first(), status="approved",
                     publish_at=timezone.now()) for n in range(3000)])
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO search_searchdocument (release_id, language, date, vector, plain) "
            "SELECT r.id, l.code, r.publish_at, to_tsvector(%s::regconfig, "
            "  'communiqué numéro ' || r.id || ' ' || r.title_fr), '' "
            "FROM releases_pressrelease r, (VALUES ('fr'), ('nl'), ('de'), ('en')) AS l(code) "
            "WHERE NOT EXISTS (SELECT 1 FROM search_searchdocument d WHERE d.release_id = r.id)",
            [CONFIGS[language]])
        cursor.execute("ANALYZE search_searchdocument")
    with CaptureQueriesContext(connection) as queries:
        matches = search("pensions", language)
        ranked = list(matches.documents)
    assert matches.count == len(ranked) == 1
    # The queries search() ran that read the vectors: the one that collects a rare
    # word's matches reads them from the GIN index of the reader's language.
    reading = [q["sql"] for q in queries.captured_queries
               if q["sql"].startswith("SELECT") and "@@" in q["sql"]]
    plans = [_plan(sql, None) for sql in reading]
    assert any(f"Bitmap Index Scan on search_vector_{language}_gin" in plan
               for plan in plans), plans


def test_the_indexes_exist_with_the_language_configurations():
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname, indexdef FROM pg_indexes "
                       "WHERE tablename = 'search_searchdocument'")
        indexes = dict(cursor.fetchall())
        cursor.execute("SELECT cfgname FROM pg_ts_config WHERE cfgname LIKE 'newsroom_%%'")
        configurations = {row[0] for row in cursor.fetchall()}
    for language in CONFIGS:
        assert "USING gin" in indexes[f"search_vector_{language}_gin"]
    assert configurations == set(CONFIGS.values())
