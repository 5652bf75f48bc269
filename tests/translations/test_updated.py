"""The public side stays honest: a stale language reads as approved, and the feeds'
``updated`` and the sitemap's ``lastmod`` follow each language's own last change."""

import datetime
import re

import feedparser
import pytest

from tests.conftest import complete
from tests.public import reverse_in, url_in

pytestmark = pytest.mark.django_db

PUBLISHED = datetime.datetime(2030, 5, 30, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture
def release(make_release, clock):
    clock.set(PUBLISHED - datetime.timedelta(days=1))  # written the day before
    release = make_release(publish_at=PUBLISHED, **complete(lead_nl="Oude inleiding"))
    return release


def updated(client, language):
    feed = feedparser.parse(client.get(reverse_in("releases:feed_atom", language)).content)
    return datetime.datetime(*feed.entries[0].updated_parsed[:6], tzinfo=datetime.UTC)


def lastmods(client):
    xml = client.get("/sitemap-releases.xml").content.decode()
    return dict(re.findall(r"<loc>[^<]*/(fr|nl)/[^<]*</loc>\s*<lastmod>([^<]+)</lastmod>", xml))


def test_a_french_correction_moves_the_french_dates_not_the_dutch(client, clock, release):
    clock.set(PUBLISHED + datetime.timedelta(days=2))
    assert updated(client, "fr") == updated(client, "nl") == PUBLISHED
    corrected = PUBLISHED + datetime.timedelta(days=3)
    clock.set(corrected)
    release.lead_fr = "Chapeau corrigé"
    release.save()
    assert updated(client, "fr") == corrected
    assert updated(client, "nl") == PUBLISHED  # the Dutch text is still the approved one
    assert "Oude inleiding" in client.get(url_in(release, "nl")).content.decode()
    assert lastmods(client) == {"fr": "2030-06-02", "nl": "2030-05-30"}
    # The Dutch brought up to date: now its own dates move.
    dutch = PUBLISHED + datetime.timedelta(days=4)
    clock.set(dutch)
    release.lead_nl = "Verbeterde inleiding"
    release.save()
    assert updated(client, "nl") == dutch
    assert lastmods(client) == {"fr": "2030-06-02", "nl": "2030-06-03"}


def test_a_german_reader_of_the_french_gets_the_french_date(client, clock, release):
    """No German text: German readers read the French, and its date."""
    corrected = PUBLISHED + datetime.timedelta(days=3)
    clock.set(corrected)
    release.lead_fr = "Chapeau corrigé"
    release.save()
    assert updated(client, "de") == corrected


def test_a_correction_dates_the_languages_its_note_is_written_in(client, clock, release):
    from releases.models import Correction

    corrected = PUBLISHED + datetime.timedelta(days=3)
    clock.set(corrected)
    Correction.objects.create(release=release, note_fr="Date corrigée.", corrected_at=corrected)
    assert updated(client, "fr") == corrected
    assert updated(client, "nl") == PUBLISHED


def test_the_demo_release_is_dated_by_its_publication_in_2017(client, demo):
    """Loaded today, written in 2017: nothing changed since its publication."""
    assert updated(client, "nl") == demo.publish_at
    assert set(lastmods(client).values()) == {"2017-05-30"}
