"""Where each translation of an item stands, field by field and language by language:
*missing* (the original has a text, this language none), *up to date*, or *stale*
(the original changed since this text was written or checked: ``tracking.py``).

An item is read with its parts (a release's quotes, links, corrections, images and
documents): one query for all their rows, whatever their number.
"""

import hashlib
from collections import defaultdict
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from newsroom.languages import language_codes, language_name, localized
from newsroom.richtext import RichTextField
from newsroom.text_diff import as_text, marked_diff
from translations.models import FieldTranslation
from translations.tracking import comparable, original_language, owner_of, text, tracked_fields

MISSING, CURRENT, STALE = "missing", "current", "stale"

#: The parts saved with an item, translated with it (related names).
PARTS = {
    "releases.pressrelease": ("quotes", "links", "corrections", "images", "documents"),
    "events.event": ("images", "documents"),
}


def parts(item):
    return [
        part for name in PARTS.get(item._meta.label_lower, ()) for part in getattr(item, name).all()
    ]


@dataclass
class FieldStatus:
    obj: object
    field: str
    language: str
    original: str
    status: str
    label: str
    row: FieldTranslation | None = None
    original_row: FieldTranslation | None = None

    @property
    def key(self):
        """Names this field in one language of one object in a form, and the change the
        person saw: if the original changes again before they confirm, the key is no
        longer the same and their confirmation does not cover the new change."""
        content_type = ContentType.objects.get_for_model(type(self.obj))
        seen = hashlib.sha256(
            f"{self.row.source_text if self.row else ''}\0{self.original_text}".encode()
        ).hexdigest()[:12]
        return f"{content_type.pk}-{self.obj.pk}-{self.field}-{self.language}-{seen}"

    @property
    def original_text(self):
        return comparable(
            type(self.obj), self.field, localized(self.obj, self.field, self.original)
        )

    @property
    def is_rich(self):
        return isinstance(self.obj._meta.get_field(self.field), RichTextField)

    @property
    def original_changed_at(self):
        return self.original_row.changed_at if self.original_row else None

    def diff(self):
        """What changed in the original since this translation was written or checked,
        as HTML (inserted and deleted words marked)."""
        before = self.row.source_text if self.row else ""
        if self.is_rich:
            return marked_diff(as_text(before), as_text(self.original_text))
        return marked_diff(before, self.original_text)

    @property
    def language_name(self):
        return language_name(self.language)

    @property
    def original_language_name(self):
        return language_name(self.original)

    def describe(self):
        """'Dutch: lead' for lists and messages."""
        return f"{self.language_name}: {self.label}"


def _label(item, obj, field, number):
    name = capfirst(obj._meta.get_field(field).verbose_name)
    if obj is item:
        return str(name)
    return _("%(kind)s %(number)s: %(field)s") % {
        "kind": capfirst(obj._meta.verbose_name),
        "number": number,
        "field": name,
    }


def _rows_of(item):
    """The rows of ``item`` and its parts: all kept under their owner (a part opened on
    its own, an image of a release say, is found under its release)."""
    owner = owner_of(item)
    return FieldTranslation.objects.filter(
        owner_type=ContentType.objects.get_for_model(type(owner)), owner_id=owner.pk
    )


def statuses(item, languages=None):
    """Every translatable field of ``item`` and its parts, in each language but the
    original (or in ``languages``): a list of ``FieldStatus``, item first."""
    languages = languages or language_codes()
    objects = [item, *parts(item)]
    numbers, counts = {}, defaultdict(int)
    for obj in objects[1:]:
        counts[type(obj)] += 1
        numbers[(type(obj), obj.pk)] = counts[type(obj)]
    rows = {}
    for row in _rows_of(item):
        rows[(row.content_type_id, row.object_id, row.field, row.language)] = row
    result = []
    for obj in objects:
        content_type = ContentType.objects.get_for_model(type(obj)).pk
        original = original_language(item)
        for field in tracked_fields(type(obj)):
            if not text(localized(obj, field, original)):
                continue  # nothing to translate
            label = _label(item, obj, field, numbers.get((type(obj), obj.pk)))
            original_row = rows.get((content_type, obj.pk, field, original))
            for code in languages:
                if code == original:
                    continue
                row = rows.get((content_type, obj.pk, field, code))
                if not text(localized(obj, field, code)):
                    status = MISSING
                elif row is not None and row.stale:
                    status = STALE
                else:
                    status = CURRENT
                result.append(
                    FieldStatus(obj, field, code, original, status, label, row, original_row)
                )
    return result


def stale(item, languages=None):
    """The stale fields of ``item`` and its parts (in ``languages``): one query when
    nothing is behind, the parts read only when something is."""
    rows = _rows_of(item).filter(stale=True)
    if languages:
        rows = rows.filter(language__in=languages)
    if not rows.exists():
        return []
    return [s for s in statuses(item, languages) if s.status == STALE]


def by_language(field_statuses):
    """``{language: {"missing": [...], "stale": [...], "current": [...]}}``."""
    grouped = defaultdict(lambda: {MISSING: [], STALE: [], CURRENT: []})
    for status in field_statuses:
        grouped[status.language][status.status].append(status)
    return dict(grouped)


def stale_languages(model, pks):
    """``{pk: {language, ...}}``: the languages each item (or one of its parts) is
    behind the original in. One query."""
    found = defaultdict(set)
    rows = FieldTranslation.objects.filter(
        owner_type=ContentType.objects.get_for_model(model), owner_id__in=list(pks), stale=True
    ).values_list("owner_id", "language")
    for pk, language in rows.distinct():
        found[pk].add(language)
    return found


def stale_owners(model, language=None):
    """The ids of the items of ``model`` behind the original (in ``language``), as a
    subquery for a filter."""
    rows = FieldTranslation.objects.filter(
        owner_type=ContentType.objects.get_for_model(model), stale=True
    )
    if language:
        rows = rows.filter(language=language)
    return rows.values("owner_id")
