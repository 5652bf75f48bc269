"""The search index: one row per release or event and reader language.

A reader of language L sees an item in L when it exists in L, else in its original
language (newsroom/languages.py). The row of L holds exactly that text, each part
stemmed with the configuration of the language it is written in (weights: A title,
B lead, C body and quotes, D names of organizations, officials and topics).
On PostgreSQL ``vector`` is filled and carries a GIN index per language; elsewhere
(the embedded SQLite default) ``plain`` holds the same text folded to lowercase
without accents, for the simpler fallback in ``search/query.py``. One narrow row per
language (not four vectors in one row) keeps each vector in the row itself, so
checking a row is cheap.

The rows are written by ``search/indexing.py`` whenever content changes; they say
nothing about publication: every search joins them to ``live()`` content.
"""

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _

from events.models import Event
from releases.models import PressRelease

#: The language of each vector column, and its text-search configuration: the
#: language's stemmer and stop words after accents are removed (see the migration).
CONFIGS = {
    "fr": "newsroom_french",
    "nl": "newsroom_dutch",
    "de": "newsroom_german",
    "en": "newsroom_english",
}


class SearchDocument(models.Model):
    release = models.ForeignKey(
        PressRelease,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="search_documents",
    )
    event = models.ForeignKey(
        Event,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="search_documents",
    )
    #: The reader's language.
    language = models.CharField(max_length=5, choices=settings.LANGUAGES)
    #: When the item is (to be) published: the most recent matches are ranked, and
    #: nothing published later than now can be live (search/query.py).
    date = models.DateTimeField(null=True)
    vector = SearchVectorField(null=True)
    plain = models.TextField(blank=True)

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(release__isnull=False, event__isnull=True)
                | models.Q(release__isnull=True, event__isnull=False),
                name="search_document_indexes_one_item",
            ),
            models.UniqueConstraint(
                fields=["release", "language"], name="search_document_one_per_release_language"
            ),
            models.UniqueConstraint(
                fields=["event", "language"], name="search_document_one_per_event_language"
            ),
        ]
        indexes = [
            # The most recent documents of a language first (search/query.py).
            models.Index(fields=["language", "date", "id"], name="search_document_recent_idx"),
            models.Index(
                fields=["language", "date", "id"],
                condition=models.Q(event__isnull=False),
                name="search_recent_event_idx",
            ),
        ] + [
            # A small pending list (256 kB, not 4 MB): every search reads it in full,
            # and a newsroom writes little.
            GinIndex(
                fields=["vector"],
                condition=models.Q(language=language),
                name=f"search_vector_{language}_gin",
                gin_pending_list_limit=256,
            )
            for language in CONFIGS
        ]

    def __str__(self):
        return f"{self.item} ({self.language})"

    @property
    def item(self):
        return self.release or self.event
