"""Quotes in their place: a release's body cut after its paragraphs, its quotes in between.

A press officer places a quote after the N-th paragraph of the body
(``Quote.after_paragraph``); the page, the feeds and the e-mails render the body
and its quotes as one sequence (``place_quotes``). Paragraphs are the top-level
``<p>`` with something in them: headings, lists, tables, pictures and block
quotations are not counted, nor the paragraphs inside them, so a quote never
lands inside a list or a table, and an editor's empty spacer paragraph
(``<p>&nbsp;</p>``) is not a paragraph for readers either.

Each language is cut on its own: a translation with fewer paragraphs than a
quote's N shows that quote after its body, with the quotes not placed.

The body is the sanitiser's output (newsroom/richtext.py), in which every element
is closed; it is read with the standard library's parser, as
translations/markup.py reads it, and cut at the end of a paragraph's end tag, so
each run is the stored HTML as it is.
"""

import re
from dataclasses import dataclass
from html.parser import HTMLParser

# Elements without an end tag.
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


@dataclass(frozen=True)
class Part:
    """A run of the body's HTML, or a quote (then ``html`` is empty)."""

    html: str = ""
    quote: object = None


class _Paragraphs(HTMLParser):
    """Where each top-level paragraph of ``html`` ends (the offset after its end tag)."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.html = html
        self.line_starts = [0, *(match.end() for match in re.finditer("\n", html))]
        self.open = []  # the elements open, outermost first
        self.filled = False  # the top-level paragraph being read has text or a picture
        self.ends = []
        self.feed(html)
        self.close()

    def _offset(self):
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def _in_paragraph(self):
        return self.open[:1] == ["p"]

    def handle_starttag(self, tag, attrs):
        if tag == "img" and self._in_paragraph():
            self.filled = True
        if tag not in VOID:
            if not self.open:
                self.filled = False
            self.open.append(tag)

    def handle_endtag(self, tag):
        if tag not in self.open:
            return  # a stray end tag: nothing to close
        depth = len(self.open) - 1 - self.open[::-1].index(tag)
        closes_paragraph = depth == 0 and tag == "p"
        del self.open[depth:]
        if closes_paragraph and self.filled:
            self.ends.append(self.html.index(">", self._offset()) + 1)

    def handle_data(self, data):
        if self._in_paragraph() and data.strip():  # str.strip() removes no-break spaces too
            self.filled = True


def paragraph_ends(html):
    """The offsets in ``html`` just after each of its paragraphs, in order."""
    return _Paragraphs(html or "").ends


def paragraph_count(html):
    """How many paragraphs ``html`` has, as ``after_paragraph`` counts them."""
    return len(paragraph_ends(html))


def placed_after(quote, count):
    """The paragraph ``quote`` comes after in a body of ``count`` paragraphs; None
    for after the body (not placed, or placed after a paragraph it does not have)."""
    number = quote.after_paragraph
    return number if number and number <= count else None


def place_quotes(html, quotes):
    """The body ``html`` and ``quotes`` in reading order, as ``Part``s: each quote
    after the paragraph it is placed after, if this body has it, else after the
    body. ``quotes`` come in their order (``Quote.Meta.ordering``), which quotes
    at the same place keep."""
    html = html or ""
    ends = paragraph_ends(html)
    placed, after = {}, []
    for quote in quotes:
        number = placed_after(quote, len(ends))
        if number is None:
            after.append(quote)
        else:
            placed.setdefault(number, []).append(quote)
    parts, start = [], 0
    for number in sorted(placed):
        end = ends[number - 1]
        parts.append(Part(html=html[start:end]))
        parts.extend(Part(quote=quote) for quote in placed[number])
        start = end
    if html[start:].strip():
        parts.append(Part(html=html[start:]))
    parts.extend(Part(quote=quote) for quote in after)
    return parts
