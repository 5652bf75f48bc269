"""The round trip to the translation service: XLIFF 1.2 files (translate-toolkit).

**Why 1.2**: it is the version every computer-assisted translation tool imports and
exports as it is (SDL Trados Studio, the European Commission's; memoQ; OmegaT; Phrase;
Wordfast; MateCat), where XLIFF 2.x support is partial or needs a plug-in (OmegaT
reads 2.x only through the Okapi filters). translate-toolkit writes 1.1 by default:
``Xliff12File`` writes the 1.2 namespace and version.

**Export**: one ``<file>`` per item, ``original="<app.model>:<pk>"``, from the item's
original language into one target language, dated; one ``<trans-unit>`` per field of
the item and its parts (``<app.model>:<pk>:<field>``), with a note naming the field;
rich text as inline codes (``markup.py``). A translation already there is the target,
marked ``needs-review-translation`` when it is behind the original, ``translated``
otherwise; an empty one is ``new``.

**Import**: everything is checked before anything is written, and one problem refuses
the whole file (nothing changes): not an XLIFF 1.x file; a ``<file>`` whose target
language is not the one chosen or whose source language is not the item's original;
a unit that names no item, field or part of that item; a source that is no longer the
original's text (it changed since the export); broken inline codes; a translation
changed in the newsroom after the export; an item the user may not change. The
accepted texts are saved as the importing user, in one revision, through the models'
own save (the rich-text sanitiser, the translation tracking).
"""

import datetime
from dataclasses import dataclass, field

import reversion
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from lxml import etree
from modeltranslation.utils import build_localized_fieldname
from translate.storage import xliff

from newsroom.languages import language_name, localized
from newsroom.richtext import RichTextField
from newsroom.text_diff import as_text
from translations import status as translation_status
from translations.markup import MarkupError, same_codes, to_codes, to_html, tokens
from translations.models import FieldTranslation
from translations.tracking import (
    acting_user,
    comparable,
    original_language,
    owner_of,
    tracked_fields,
)

NAMESPACE = "urn:oasis:names:tc:xliff:document:1.2"
#: Target states that say the text is not translated yet ("" when none is given).
UNTRANSLATED = {"", "new", "needs-translation"}
CONTENT_TYPE = "application/x-xliff+xml"


class Xliff12Unit(xliff.xliffunit):
    namespace = NAMESPACE


class Xliff12File(xliff.xlifffile):
    """translate-toolkit's XLIFF store, writing version 1.2."""

    UnitClass = Xliff12Unit
    namespace = NAMESPACE
    XMLskeleton = f"""<?xml version="1.0" ?>
<xliff version="1.2" xmlns="{NAMESPACE}">
<file original="NoName" source-language="fr" datatype="html">
<body>
</body>
</file>
</xliff>"""


def _is_rich(model, name):
    return isinstance(model._meta.get_field(name), RichTextField)


def item_key(obj):
    return f"{obj._meta.label_lower}:{obj.pk}"


def unit_id(obj, name):
    return f"{item_key(obj)}:{name}"


def export(items, language, now=None):
    """The XLIFF 1.2 document (bytes) of ``items`` from their original language into
    ``language``; items written in ``language`` are left out."""
    now = now or timezone.now()
    store = Xliff12File(sourcelanguage="fr", targetlanguage=language)
    for item in items:
        original = original_language(item)
        if original == language:
            continue
        store.switchfile(item_key(item), createifmissing=True)
        file_node = store.body.getparent()
        file_node.set("source-language", original)
        file_node.set("target-language", language)
        file_node.set("datatype", "html")
        file_node.set("date", now.astimezone(datetime.UTC).isoformat(timespec="microseconds"))
        file_node.set("product-name", "Newsroom")
        states = {
            (type(s.obj), s.obj.pk, s.field): s
            for s in translation_status.statuses(item, [language])
        }
        for (model, _pk, name), s in states.items():
            unit = store.UnitClass("")
            unit.setid(unit_id(s.obj, name))
            unit.xmlelement.set("resname", unit_id(s.obj, name))
            rich = _is_rich(model, name)
            source = localized(s.obj, name, original) or ""
            target = localized(s.obj, name, language) or ""
            if rich:
                unit.rich_source = to_codes(source)[0]
            else:
                unit.source = source.strip()
            if target.strip() and rich and not same_codes(source, target):
                # Its markup differs from the original's: the translator's tool could
                # not keep its codes; offered as a suggestion, to be translated anew.
                unit.addalttrans(as_text(target), origin="newsroom", lang=language)
                target, state = "", "needs-translation"
            elif target.strip():
                state = (
                    "needs-review-translation"
                    if s.status == translation_status.STALE
                    else "translated"
                )
            else:
                state = "new"
            if target.strip() and rich:
                unit.rich_target = to_codes(target)[0]
            else:
                unit.target = target.strip()
            target_node = unit.xmlelement.find(f"{{{NAMESPACE}}}target")
            if target_node is not None:
                target_node.set("state", state)
            if state != "translated":
                unit.xmlelement.attrib.pop("approved", None)
            unit.addnote(s.label, origin="developer")
            store.addunit(unit)
    store.removedefaultfile()
    return bytes(store)


@dataclass
class UnitResult:
    unit: str
    label: str = ""
    outcome: str = ""  # "updated", "unchanged", "error"
    message: str = ""


@dataclass
class Report:
    language: str
    results: list = field(default_factory=list)
    problems: list = field(default_factory=list)  # about the whole file
    applied: bool = False
    changed: list = field(default_factory=list)  # (object, [columns]) saved

    @property
    def errors(self):
        return self.problems + [
            f"{r.unit}: {r.message}" for r in self.results if r.outcome == "error"
        ]

    @property
    def updated(self):
        return [r for r in self.results if r.outcome == "updated"]

    @property
    def language_name(self):
        return language_name(self.language)


def _object(key):
    """The item or part ``<app.model>:<pk>`` names, or None."""
    try:
        label, pk = key.rsplit(":", 1)
        model = apps.get_model(label)
        return model._default_manager.filter(pk=int(pk)).first()
    except (LookupError, ValueError):
        return None


def read(data, language, user, may_change):
    """Check and, when nothing is wrong, apply the translations of an XLIFF file into
    ``language`` as ``user``; ``may_change(obj)`` says whether they may change an item.
    Returns a ``Report``."""
    report = Report(language)
    try:
        store = Xliff12File.parsestring(data)
        root = store.document.getroot()
    except Exception:  # translate-toolkit and lxml raise many kinds
        report.problems.append(_("This is not an XLIFF file (or it is damaged)."))
        return report
    if etree.QName(root).localname != "xliff" or not root.get("version", "").startswith("1."):
        report.problems.append(_("Only XLIFF 1.2 files can be imported."))
        return report
    changes = {}  # obj -> {column: value}
    seen = set()  # the items already read: one <file> each
    units = {}
    for unit in store.units:
        units.setdefault(
            next(unit.xmlelement.iterancestors(f"{{{store.namespace}}}file")), []
        ).append(unit)
    for file_node in root.iterchildren(f"{{{store.namespace}}}file"):
        _check_file(
            file_node, units.get(file_node, []), language, may_change, report, changes, seen
        )
    if not report.results and not report.problems:
        report.problems.append(_("The file holds no translation."))
    if report.errors:
        for result in report.results:
            if result.outcome == "updated":
                result.outcome, result.message = "unchanged", _("not imported")
        return report
    _apply(changes, language, user, report)
    return report


def _elements(obj, field, original, language):
    """The elements a translation's codes stand for: those of the translation already
    there when it has the original's elements (its links may lead to pages in its own
    language), else the original's."""
    source = localized(obj, field, original) or ""
    current = localized(obj, field, language) or ""
    if current and same_codes(source, current):
        return to_codes(current)[1]
    return to_codes(source)[1]


def _check_file(file_node, units, language, may_change, report, changes, seen_files):
    key = file_node.get("original", "")
    item = _object(key)
    if item is None or not tracked_fields(type(item)):
        report.problems.append(_("“%(file)s”: no such item in the newsroom.") % {"file": key})
        return
    original = original_language(item)
    target = file_node.get("target-language", "")
    if target.split("-")[0].lower() != language:
        report.problems.append(
            _("“%(item)s”: the file is a translation into “%(found)s”, not %(language)s.")
            % {"item": item, "found": target or "?", "language": language_name(language)}
        )
        return
    if file_node.get("source-language", "").split("-")[0].lower() != original:
        report.problems.append(
            _("“%(item)s”: the file does not translate from its original language, %(language)s.")
            % {"item": item, "language": language_name(original)}
        )
        return
    if original == language:
        report.problems.append(
            _("“%(item)s” is written in %(language)s: it has nothing to translate into it.")
            % {"item": item, "language": language_name(language)}
        )
        return
    try:
        exported_at = parse_datetime(file_node.get("date", "") or "")
    except ValueError:
        exported_at = None
    if exported_at is None or timezone.is_naive(exported_at):
        report.problems.append(
            _("“%(item)s”: the file does not say when it was exported: export the item again.")
            % {"item": item}
        )
        return
    if key in seen_files:
        report.problems.append(_("“%(item)s” is twice in the file.") % {"item": item})
        return
    seen_files.add(key)
    statuses = {unit_id(s.obj, s.field): s for s in translation_status.statuses(item, [language])}
    owner = owner_of(item)
    rows = {
        (row.content_type_id, row.object_id, row.field): row
        for row in FieldTranslation.objects.filter(
            owner_type=ContentType.objects.get_for_model(type(owner)),
            owner_id=owner.pk,
            language=language,
        ).select_related("changed_by")
    }
    seen_units = set()
    for unit in units:
        name = unit.xmlelement.get("id", "")
        result = UnitResult(name)
        report.results.append(result)
        s = statuses.get(name)
        if name in seen_units:
            result.outcome = "error"
            result.message = _("this text is twice in the file.")
            continue
        seen_units.add(name)
        if s is None:
            result.outcome = "error"
            result.message = _("no such text in “%(item)s”.") % {"item": item}
            continue
        result.label = s.label
        obj, column = s.obj, build_localized_fieldname(s.field, language)
        model = type(obj)
        rich = _is_rich(model, s.field)
        current = localized(obj, s.field, original) or ""
        try:
            if rich:
                source_changed = tokens(unit.rich_source) != tokens(to_codes(current)[0])
            else:
                source_changed = (unit.source or "").strip() != current.strip()
        except MarkupError:
            source_changed = True
        if source_changed:
            result.outcome = "error"
            result.message = _(
                "the %(language)s text is not the one in the newsroom (it changed since the "
                "export, or the file was edited): export the item again."
            ) % {"language": language_name(original)}
            continue
        target_node = unit.xmlelement.find(f"{{{NAMESPACE}}}target")
        state = target_node.get("state", "") if target_node is not None else ""
        if not (unit.target or "").strip():
            result.outcome, result.message = "unchanged", _("no translation in the file")
            continue
        # Some tools copy the original into an untranslated target; a name that stays
        # the same in every language is taken when the translator marked it translated.
        if (unit.target or "").strip() == (unit.source or "").strip() and state in UNTRANSLATED:
            result.outcome = "unchanged"
            result.message = _("the translation is the original text: not imported")
            continue
        try:
            value = (
                to_html(unit.rich_target, _elements(obj, s.field, original, language))
                if rich
                else unit.target.strip()
            )
        except MarkupError as error:
            result.outcome = "error"
            result.message = _("the markup of the translation is broken (%(problem)s).") % {
                "problem": error
            }
            continue
        row = rows.get((ContentType.objects.get_for_model(model).pk, obj.pk, s.field))
        if exported_at and row and row.changed_at and row.changed_at > exported_at:
            result.outcome = "error"
            result.message = _(
                "%(user)s changed this translation in the newsroom on %(when)s, after the "
                "export: export the item again so their text is not lost."
            ) % {
                "user": row.changed_by.get_username() if row.changed_by else "?",
                "when": date_format(timezone.localtime(row.changed_at), "SHORT_DATETIME_FORMAT"),
            }
            continue
        if not may_change(obj):
            result.outcome = "error"
            result.message = _("you may not change “%(item)s” now.") % {"item": obj}
            continue
        if comparable(model, s.field, value) == comparable(
            model, s.field, localized(obj, s.field, language)
        ):
            result.outcome, result.message = "unchanged", _("same as in the newsroom")
            continue
        result.outcome = "updated"
        changes.setdefault(obj, {})[column] = value


def _apply(changes, language, user, report):
    try:
        with transaction.atomic(), reversion.create_revision(), acting_user(user):
            reversion.set_user(user)
            reversion.set_comment(
                _("Translation into %(language)s imported from an XLIFF file.")
                % {"language": language_name(language)}
            )
            owners = {}
            for obj, values in changes.items():
                for column, value in values.items():
                    setattr(obj, column, value)
                obj.full_clean()
                obj.save()
                owner = owner_of(obj)
                if owner is not obj:
                    owners.setdefault((type(owner), owner.pk), owner)
            # A part's text changed is a change of its release or event: a new version
            # (an approval page opened before is refused), in the revision (its History
            # and four eyes see the importer).
            for (model, pk), owner in owners.items():
                if owner not in changes:
                    model._default_manager.select_for_update().filter(pk=pk).first()
                    owner.refresh_from_db()
                    owner.save()
    except ValidationError as error:
        report.problems += error.messages
        for result in report.updated:
            result.outcome, result.message = "unchanged", _("not imported")
        return
    report.applied = True
    report.changed = [(obj, list(values)) for obj, values in changes.items()]
