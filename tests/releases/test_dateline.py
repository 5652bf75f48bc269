"""The dateline, "Bruxelles, le 30 mai 2017": the place in each language, the date in the
language of the texts around it, on the page, in the feeds and for search engines."""

import datetime
import json
import re

import feedparser
import pytest
from django.utils import timezone

from releases.dateline import dateline
from tests.public import LANGUAGES, reverse_in, url_in

DEMO_DATELINES = {
    "fr": "Bruxelles, le 30 mai 2017",
    "nl": "Brussel, 30 mei 2017",
    "de": "Bruxelles, le 30 mai 2017",  # no German text: the French original, whole
    "en": "Brussels, 30 May 2017",
}


def brussels(*args):
    return timezone.make_aware(datetime.datetime(*args), timezone.get_fixed_timezone(60))


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_demo_release_page_opens_with_its_dateline(client, demo, language):
    html = client.get(url_in(demo, language)).content.decode()
    [line] = re.findall(r'<p class="dateline">([^<]*)</p>', html)
    assert line == DEMO_DATELINES[language]
    [data] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html)
    assert json.loads(data)["dateline"] == DEMO_DATELINES[language]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_feeds_carry_the_dateline(client, demo, language):
    for name in ("releases:feed_rss", "releases:feed_atom"):
        entry = feedparser.parse(client.get(reverse_in(name, language)).content).entries[0]
        content = entry.content[0].value if "content" in entry else entry.summary
        assert f"<p>{DEMO_DATELINES[language]}</p>" in content


def test_german_readers_get_german_dates_and_the_first_of_the_month_in_french(make_release):
    release = make_release(
        publish_at=brussels(2026, 12, 1, 0, 30),  # still 30 November in UTC
        title_de="Titel",
        dateline_place_fr="Bruxelles",
        dateline_place_de="Brüssel",
    )
    assert dateline(release, "fr") == "Bruxelles, le 1er décembre 2026"
    assert dateline(release, "de") == "Brüssel, 1. Dezember 2026"
    # A place not translated is the original's; no place, the date alone.
    assert dateline(release, "nl") == "Bruxelles, 1 december 2026"
    release.dateline_place_fr = release.dateline_place_de = ""
    assert dateline(release, "en") == "1 December 2026"


def test_a_release_not_scheduled_has_no_dateline(make_release):
    from newsroom.publishing import Status

    release = make_release(status=Status.DRAFT, dateline_place_fr="Bruxelles")
    assert dateline(release, "fr") == ""
    assert release.for_reader.dateline == ""
