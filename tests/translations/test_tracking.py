"""Which translations are behind their original: recorded on every save, field by field
and language by language (translations/tracking.py, translations/status.py)."""

import pytest
from django.utils import timezone

from releases.models import Quote
from tests.conftest import complete
from translations import status
from translations.models import FieldTranslation
from translations.tracking import mark_checked

pytestmark = pytest.mark.django_db


def stale_fields(release):
    return sorted((s.language, s.field) for s in status.stale(release))


@pytest.fixture
def translated(make_release):
    """A draft written in French, translated into Dutch and English; German left empty."""
    return make_release(
        status="draft",
        **complete(title_en="Release", lead_en="Lead", body_en="<p>Text</p>"),
    )


def test_editing_the_french_lead_makes_exactly_the_dutch_and_english_leads_stale(translated):
    """Not the titles, not German (it has no text), not the French itself."""
    translated.lead_fr = "Un autre chapeau"
    translated.save()
    assert stale_fields(translated) == [("en", "lead"), ("nl", "lead")]
    by_language = status.by_language(status.statuses(translated))
    assert [s.field for s in by_language["de"]["missing"]] == ["title", "lead", "body"]
    assert not by_language["de"]["stale"]


def test_a_translation_written_in_the_same_save_is_up_to_date(translated):
    translated.lead_fr, translated.lead_nl = "Nouveau chapeau", "Nieuwe inleiding"
    translated.save()
    assert stale_fields(translated) == [("en", "lead")]


def test_rewriting_the_stale_translation_brings_it_up_to_date(translated):
    translated.lead_fr = "Nouveau chapeau"
    translated.save()
    translated.lead_nl = "Nieuwe inleiding"
    translated.save()
    assert stale_fields(translated) == [("en", "lead")]


def test_marking_checked_clears_it_without_changing_the_text(translated, editor):
    translated.lead_fr = "Nouveau chapeau"
    translated.save()
    dutch = next(s for s in status.stale(translated) if s.language == "nl")
    mark_checked([(dutch.row, dutch.original_text)], editor)
    translated.refresh_from_db()
    assert translated.lead_nl == "Inleiding"
    assert stale_fields(translated) == [("en", "lead")]
    row = FieldTranslation.objects.get(object_id=translated.pk, field="lead", language="nl")
    assert row.checked_by == editor and row.checked_at is not None


def test_the_original_back_to_the_translated_text_is_not_stale(translated):
    translated.lead_fr = "Nouveau chapeau"
    translated.save()
    translated.lead_fr = "Chapeau 1"
    translated.save()
    assert stale_fields(translated) == []


def test_the_diff_shows_what_changed_in_the_original_since_the_translation(translated):
    translated.body_fr = "<p>Texte 1 corrigé</p>"
    translated.save()
    dutch = next(s for s in status.stale(translated) if s.language == "nl")
    diff = str(dutch.diff())
    assert "<ins>" in diff and "corrigé" in diff
    assert dutch.original_changed_at is not None
    assert dutch.row.stale_since == dutch.original_changed_at


def test_a_quote_of_the_release_is_tracked_with_it(translated, appointment):
    quote = Quote.objects.create(
        release=translated, appointment=appointment, text_fr="Bonjour", text_nl="Hallo"
    )
    quote.text_fr = "Bonsoir"
    quote.save()
    assert stale_fields(translated) == [("nl", "text")]
    assert status.stale_languages(type(translated), [translated.pk]) == {translated.pk: {"nl"}}


def test_changing_the_original_language_starts_afresh(translated):
    translated.lead_fr = "Nouveau chapeau"
    translated.save()
    translated.original_language = "nl"
    translated.save()
    assert stale_fields(translated) == []
    translated.lead_nl = "Andere inleiding"
    translated.save()
    assert stale_fields(translated) == [("en", "lead"), ("fr", "lead")]


def test_deleting_an_item_forgets_its_rows(translated):
    translated.lead_fr = "Nouveau chapeau"
    translated.save()
    pk = translated.pk
    translated.delete()
    assert not FieldTranslation.objects.filter(
        content_type__model="pressrelease", object_id=pk
    ).exists()


def test_a_row_records_who_and_when(translated, editor):
    import reversion

    with reversion.create_revision():
        reversion.set_user(editor)
        translated.lead_fr = "Nouveau chapeau"
        translated.save()
    row = FieldTranslation.objects.get(object_id=translated.pk, field="lead", language="fr")
    assert row.changed_by == editor
    assert (timezone.now() - row.changed_at).total_seconds() < 60
