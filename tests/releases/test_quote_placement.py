"""Quotes in their place (releases/placement.py): after the paragraph the press
officer chose, on the page, in the feeds and in the e-mails; the demo release in the
order of the communiqué it comes from."""

import re
from pathlib import Path
from types import SimpleNamespace

import feedparser
import lxml.html
import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from distribution.release_email import render
from releases.models import Quote
from releases.parts import release_with_parts
from releases.placement import paragraph_count, place_quotes
from tests.conftest import brussels
from tests.public import reverse_in, url_in

SEED = Path(settings.BASE_DIR) / "demo" / "source" / "communique-2017-05-30-fr.txt"
#: The beginnings of the two quotations of the communiqué.
DE_BLOCK, DE_CROO = "Notre protection sociale belge", "L’atteinte des objectifs"


def words(text):
    """``text`` as comparable words: no punctuation (quotation marks of any kind,
    apostrophes, dashes), no-break spaces and line breaks as spaces, lower case."""
    return " ".join(re.sub(r"[^\w]+", " ", text).lower().split())


def seed_positions(texts):
    """Where each of ``texts`` (paragraphs and quotes) begins in the communiqué, found
    by its first 60 characters (as comparable words: 40 are not always distinctive,
    "Par le biais de sa plateforme BELINCOSOC" begins a paragraph and ends a sentence)."""
    seed = words(SEED.read_text(encoding="utf-8"))
    positions = []
    for text in texts:
        prefix = words(text)[:60]
        assert len(prefix) == 60, text
        assert seed.count(prefix) == 1, f"not once in the communiqué: {text[:60]!r}"
        positions.append(seed.index(prefix))
    return positions


def assert_in_seed_order(texts):
    """``texts`` are all in the communiqué, in its order, and both quotes among them,
    each between the paragraphs the communiqué has around it."""
    assert seed_positions(texts) == sorted(seed_positions(texts)), texts

    def between(quote, before, after):
        [index] = [i for i, text in enumerate(texts) if words(text).startswith(words(quote))]
        assert words(texts[index - 1]).startswith(words(before)), texts[index - 1]
        assert words(texts[index + 1]).startswith(words(after)), texts[index + 1]

    between(DE_BLOCK, "Par le biais de sa plateforme", "BELINCOSOC soutient actuellement")
    between(DE_CROO, "En soutenant SOCIEUX+", "BELINCOSOC bénéficie d’une reconnaissance")


def page_texts(html):
    """The article's lead, body paragraphs and quotes, in document order."""
    tree = lxml.html.fromstring(html)
    elements = tree.xpath(
        "//article//p[@class='lead'] | //article//div[@class='body']/p"
        " | //article//div[@class='body']/figure/blockquote"
    )
    return [element.text_content() for element in elements]


def fragment_texts(html, skip):
    """The top-level paragraphs and block quotations of ``html`` (a quotation by the
    text of its first paragraph), without those beginning with one of ``skip``."""
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    texts = []
    for element in root:
        if element.tag == "blockquote":
            texts.append(element.find("p").text_content())
        elif element.tag == "p":
            texts.append(element.text_content())
    return [text for text in texts if not text.strip().startswith(skip)]


def test_the_demo_release_page_reads_in_the_order_of_the_communique(client, demo):
    """Lead, paragraphs and both quotes of the French page in the communiqué's order."""
    html = client.get(url_in(demo, "fr")).content.decode()
    texts = page_texts(html)
    assert len(texts) == 10  # the lead, 7 paragraphs, 2 quotes
    assert_in_seed_order(texts)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_translations_place_the_quotes_after_the_same_paragraphs(client, demo, language):
    """Same paragraphs in every translation: the quotes land in the same places."""

    def shape(html):
        tree = lxml.html.fromstring(html)
        return [element.tag for element in tree.xpath("//article//div[@class='body']/*")]

    french = shape(client.get(url_in(demo, "fr")).content.decode())
    assert shape(client.get(url_in(demo, language)).content.decode()) == french
    assert french == ["p", "p", "p", "figure", "p", "p", "figure", "h2", "p", "p"]


@pytest.mark.parametrize("feed", ["releases:feed_rss", "releases:feed_atom"])
def test_the_feeds_carry_the_quotes_in_the_order_of_the_communique(client, demo, feed):
    """The feed item's full text: lead, paragraphs and quotes in the communiqué's order."""
    entry = feedparser.parse(client.get(reverse_in(feed, "fr")).content).entries[0]
    content = entry.summary  # RSS's description, Atom's summary
    dateline = demo.in_language("fr").dateline
    with translation.override("fr"):
        more = translation.gettext("More information")
    texts = fragment_texts(content, skip=(dateline, more))
    assert len(texts) == 10
    assert_in_seed_order(texts)


def test_the_emails_carry_the_quotes_in_the_order_of_the_communique(demo):
    """The e-mail's HTML and text: lead, paragraphs and quotes in the communiqué's order."""
    release = release_with_parts(pk=demo.pk, public=False)
    subject, text, html = render(
        release, "fr", page_url="https://newsroom.example.be/", press_kit_url=None
    )
    shown = demo.in_language("fr")
    tree = lxml.html.fromstring(html)
    [content] = tree.xpath("//div[@lang='fr']")
    body = lxml.html.tostring(content, encoding="unicode")
    body = body[body.index("</h1>") + len("</h1>") : body.rindex("</div>")]
    html_texts = fragment_texts(body, skip=(shown.dateline, "—"))
    assert len(html_texts) == 10
    assert_in_seed_order(html_texts)

    # The text: from the lead to the links, a line each but the editorial heading;
    # quotes “between marks”, then their speaker.
    with translation.override("fr"):
        more = translation.gettext("More information")
    start, end = text.index(shown.lead), text.index(f"\n{more}")
    lines = [line for line in text[start:end].splitlines() if line.strip()]
    lines = [line.split(" — ")[0] for line in lines if line != "Une expertise reconnue"]
    assert len(lines) == 10
    assert_in_seed_order(lines)


# The splitter, on its own.


def quote(name, after=None):
    return SimpleNamespace(name=name, after_paragraph=after)


def order(parts):
    """The parts as names: quotes by their name, runs of the body by their paragraphs' text."""
    names = []
    for part in parts:
        if part.quote is not None:
            names.append(part.quote.name)
        else:
            names.extend(re.findall(r"<p>(\w+)</p>", part.html))
    return names


BODY = "<p>one</p>\n<p>two</p>\n<h2>Title</h2>\n<p>three</p>"


@pytest.mark.parametrize(
    "after, expected",
    [
        (1, ["one", "Q", "two", "three"]),
        (2, ["one", "two", "Q", "three"]),
        (3, ["one", "two", "three", "Q"]),
        (None, ["one", "two", "three", "Q"]),
        (4, ["one", "two", "three", "Q"]),  # beyond the last: after the body
    ],
)
def test_a_quote_goes_after_its_paragraph(after, expected):
    """After paragraph 1, 2, the last; not placed or beyond the count: after the body."""
    assert order(place_quotes(BODY, [quote("Q", after)])) == expected


def test_the_body_is_cut_without_losing_or_changing_a_character():
    """The runs of the body put together are the body, as stored."""
    parts = place_quotes(BODY, [quote("A", 1), quote("B", 2)])
    assert "".join(part.html for part in parts) == BODY
    assert parts[0].html == "<p>one</p>"  # cut right after the end tag
    assert parts[2].html == "\n<p>two</p>"


def test_quotes_at_the_same_place_keep_their_order():
    """Several after one paragraph, and several after the body, in the order given."""
    quotes = [quote("A", 1), quote("B"), quote("C", 1), quote("D", 9), quote("E", 2)]
    assert order(place_quotes(BODY, quotes)) == ["one", "A", "C", "two", "E", "three", "B", "D"]


def test_only_top_level_paragraphs_with_content_count():
    """Paragraphs inside lists and block quotations, headings, and empty paragraphs do
    not count; a quote never lands inside a list or a quotation."""
    body = (
        "<p>one</p><ul><li><p>item</p></li><li>other</li></ul>"
        '<blockquote lang="en"><p>cited</p><p>still cited</p></blockquote>'
        "<p>\u00a0</p><p> </p><h2>Title</h2>"
        "<p><strong>two</strong> and <em>more</em></p>\n\n  <p lang='nl'>three</p>"
    )
    assert paragraph_count(body) == 3
    parts = place_quotes(body, [quote("A", 1), quote("B", 2)])
    assert parts[0].html == "<p>one</p>"
    assert parts[2].html.startswith("<ul>") and parts[2].html.endswith("<em>more</em></p>")
    assert parts[3].quote.name == "B"
    assert parts[4].html == "\n\n  <p lang='nl'>three</p>"


def test_a_translation_with_fewer_paragraphs_shows_the_quote_after_its_body():
    """The same quote, placed after paragraph 3: there in French, after the Dutch body."""
    placed = quote("Q", 3)
    french = "<p>un</p><p>deux</p><p>trois</p><p>quatre</p>"
    dutch = "<p>een</p><p>twee en drie</p>"
    assert order(place_quotes(french, [placed])) == ["un", "deux", "trois", "Q", "quatre"]
    assert order(place_quotes(dutch, [placed])) == ["een", "Q"]
    assert place_quotes(dutch, [placed])[0].html == dutch


def test_an_empty_body_has_its_quotes_alone():
    """No body (a translation without one, a release being written): just the quotes."""
    assert order(place_quotes("", [quote("A", 1), quote("B")])) == ["A", "B"]
    assert order(place_quotes(None, [])) == []


def test_a_stray_end_tag_does_not_shift_the_count():
    """An end tag closing nothing is ignored."""
    assert paragraph_count("</div><p>one</p></p><p>two</p>") == 2


# The rule, for editors.


def test_a_quote_cannot_be_placed_after_a_paragraph_the_body_does_not_have(
    make_release, appointment
):
    """clean() refuses a paragraph beyond the original's count and says how many it has."""
    release = make_release(
        publish_at=brussels(2017, 5, 30, 9),
        body_fr="<p>Un</p><h2>Titre</h2><p>Deux</p>",
        body_nl="<p>Een</p>",
    )
    with translation.override("en"):
        for after, allowed in ((1, True), (2, True), (3, False)):
            placed = Quote(
                release=release, appointment=appointment, text_fr="Citation", after_paragraph=after
            )
            if allowed:
                placed.full_clean()
                continue
            with pytest.raises(ValidationError) as error:
                placed.full_clean()
            [message] = error.value.message_dict["after_paragraph"]
            assert "has 2 paragraphs" in message and "from 1 to 2" in message
        with pytest.raises(ValidationError) as error:
            Quote(
                release=release, appointment=appointment, text_fr="Citation", after_paragraph=0
            ).full_clean()
        assert "after_paragraph" in error.value.message_dict


def test_a_body_without_paragraphs_says_so(make_release, appointment):
    """With no paragraph at all, the message says to leave the field empty."""
    release = make_release(publish_at=brussels(2017, 5, 30, 9), body_fr="<ul><li>Un</li></ul>")
    placed = Quote(release=release, appointment=appointment, text_fr="Citation", after_paragraph=1)
    with translation.override("en"), pytest.raises(ValidationError) as error:
        placed.full_clean()
    [message] = error.value.message_dict["after_paragraph"]
    assert "has no paragraph" in message


def test_placing_the_quotes_costs_the_release_page_no_query(client, demo):
    """The page reads as many queries with its quotes placed as with none placed."""

    def count_after_saving(unplace):
        """The queries of the first reading after the quotes are saved (unplaced)."""
        for each in demo.quotes.all():
            if unplace:
                each.after_paragraph = None
            each.save()
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url_in(demo, "fr")).status_code == 200
        return len(captured)

    placed = count_after_saving(unplace=False)
    assert count_after_saving(unplace=True) == placed
    html = client.get(url_in(demo, "fr")).content.decode()
    texts = page_texts(html)
    assert [words(text)[:20] for text in texts[-2:]] == [words(DE_BLOCK)[:20], words(DE_CROO)[:20]]
