"""Rich text as XLIFF 1.2 inline codes, and back.

Each element of the (sanitised) HTML becomes a code the translator's tool protects:
``<g id="n">…</g>`` for an element with content (a paragraph, a link, bold text), ``<x
id="n"/>`` for an empty one (a line break, an image). The tag and its attributes (a
link's address) stay here, keyed by ``n``: the translator moves codes, never edits
them. Reading a translation back, each code must be one of the source's, each used
once, and none left out; the HTML is then rebuilt from the source's elements and goes
through the sanitiser like anything else saved.
"""

from html import escape
from html.parser import HTMLParser

from django.utils.translation import gettext as _
from translate.storage.placeables import StringElem
from translate.storage.placeables import xliff as codes

VOID = {"br", "img", "hr", "wbr"}


class MarkupError(ValueError):
    pass


class _Tree(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = []
        self.stack = [("", {}, self.root)]

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            self.stack[-1][2].append((tag, attrs, None))
            return
        children = []
        self.stack[-1][2].append((tag, attrs, children))
        self.stack.append((tag, attrs, children))

    def handle_startendtag(self, tag, attrs):
        self.stack[-1][2].append((tag, attrs, None))

    def handle_endtag(self, tag):
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth][0] == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data):
        self.stack[-1][2].append(data)


def to_codes(html):
    """``(placeables, elements)``: ``html`` as XLIFF inline codes, and each code's
    element ``{id: (tag, attributes)}``."""
    tree = _Tree()
    tree.feed(html or "")
    tree.close()
    elements = {}

    def convert(nodes):
        result = []
        for node in nodes:
            if isinstance(node, str):
                result.append(node)
                continue
            tag, attrs, children = node
            code = str(len(elements) + 1)
            elements[code] = (tag, attrs)
            if children is None:
                result.append(codes.X(id=code))
            else:
                result.append(codes.G(id=code, sub=convert(children)))
        return result

    return [StringElem(convert(tree.root))], elements


def tokens(placeables):
    """A comparable form of inline content: ``("text", ...)``, ``("g", id)``,
    ``("/g", id)``, ``("x", id)``; raises MarkupError on a code we never write."""
    flat = []

    def walk(node):
        if isinstance(node, str):
            if flat and flat[-1][0] == "text":
                flat[-1] = ("text", flat[-1][1] + node)
            elif node:
                flat.append(("text", node))
            return
        if isinstance(node, codes.G | codes.X) and not str(node.id or "").isdigit():
            raise MarkupError(_("an inline code without its number"))
        if isinstance(node, codes.G):
            flat.append(("g", str(node.id)))
            for child in node.sub:
                walk(child)
            flat.append(("/g", str(node.id)))
        elif isinstance(node, codes.X):
            flat.append(("x", str(node.id)))
        elif type(node) is StringElem:
            for child in node.sub:
                walk(child)
        else:
            raise MarkupError(
                _("a code the newsroom does not write (%(code)s)")
                % {"code": type(node).__name__.lower()}
            )

    for placeable in placeables or []:
        walk(placeable)
    return flat


def _attributes(attrs):
    return "".join(
        f' {name}="{escape(value, quote=True)}"' if value is not None else f" {name}"
        for name, value in attrs
    )


def to_html(placeables, elements):
    """The HTML of a translation's inline content, with the source's ``elements``;
    raises MarkupError naming what is wrong with the codes."""
    found = tokens(placeables)
    used = [value for kind, value in found if kind in ("g", "x")]
    unknown = sorted({code for code in used if code not in elements}, key=int)
    if unknown:
        raise MarkupError(_("unknown inline codes: %(codes)s") % {"codes": ", ".join(unknown)})
    twice = sorted({code for code in used if used.count(code) > 1}, key=int)
    if twice:
        raise MarkupError(_("inline codes used twice: %(codes)s") % {"codes": ", ".join(twice)})
    missing = sorted(set(elements) - set(used), key=int)
    if missing:
        raise MarkupError(_("inline codes left out: %(codes)s") % {"codes": ", ".join(missing)})
    for kind, code in found:
        if kind not in ("g", "x"):
            continue
        if (kind == "x") != (elements[code][0] in VOID):
            raise MarkupError(_("inline code %(code)s changed kind") % {"code": code})
    html = []
    for kind, value in found:
        if kind == "text":
            html.append(escape(value, quote=False))
            continue
        tag, attrs = elements[value]
        html.append(f"</{tag}>" if kind == "/g" else f"<{tag}{_attributes(attrs)}>")
    return "".join(html)


def same_codes(source_html, target_html):
    """Do both texts have the same elements in the same order (so the same codes)? Their
    attributes may differ (a link to the page in the translation's language)."""
    tags = [tag for tag, _attrs in to_codes(source_html)[1].values()]
    return tags == [tag for tag, _attrs in to_codes(target_html)[1].values()]
