"""Two texts compared word by word, as editors read them: what was inserted in
``<ins>``, what was deleted in ``<del>``, rich text compared as the reader reads it.
Shared by the revision comparison (desk/revision_diff.py) and the translations behind
their original (translations/status.py)."""

import difflib
import html
import re

from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

TOKENS = re.compile(r"\s+|[\w'’-]+|[^\w\s]", re.UNICODE)
BLOCKS = re.compile(r"</(p|h[1-6]|li|blockquote|tr|figcaption|caption)>|<br\s*/?>", re.I)


def as_text(value):
    """Rich text as a reader reads it: blocks on their own lines, no markup."""
    value = BLOCKS.sub("\n", value or "")
    value = re.sub(r"<[^>]+>", "", value)
    value = html.unescape(value).replace("\xa0", " ")
    return "\n".join(line.strip() for line in value.splitlines() if line.strip())


def marked_diff(old, new):
    """HTML of ``new`` with the words added in ``<ins>`` and those removed in ``<del>``."""
    a, b = TOKENS.findall(old), TOKENS.findall(new)
    parts = []
    inserted, deleted = _("inserted:"), _("deleted:")
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op in ("delete", "replace"):
            parts.append(
                format_html(
                    '<del><span class="visually-hidden">{} </span>{}</del>',
                    deleted,
                    "".join(a[i1:i2]),
                )
            )
        if op in ("insert", "replace"):
            parts.append(
                format_html(
                    '<ins><span class="visually-hidden">{} </span>{}</ins>',
                    inserted,
                    "".join(b[j1:j2]),
                )
            )
        if op == "equal":
            parts.append(format_html("{}", "".join(a[i1:i2])))
    return format_html_join("", "{}", ((part,) for part in parts))
