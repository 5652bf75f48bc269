"""What a save changed, as the history and the audit trail show it: in the reader's
language, with the fields' own labels and the language's name ("Titre (néerlandais)"),
listing only the fields whose value really changed.

Django's admin stores the *labels* of changed fields, in English, and translates them
when shown: modeltranslation's labels ("Title [nl]") are in no catalogue, so a Dutch
editor read English. ``construct()`` stores, beside Django's own message (which other
tools read), the fields' *names*; ``describe()`` turns them into labels when read.
"""

import json

from django.apps import apps
from django.contrib.admin.models import LogEntry
from django.utils.text import capfirst, get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import override

from newsroom.languages import language_name

#: Form fields that are not the item's (the stale-form guard's hidden version).
NOT_FIELDS = {"expected_version"}


def _names(fields):
    return [name for name in fields if name not in NOT_FIELDS]


def _english_labels(form, names):
    """What Django itself stores: the labels, untranslated."""
    with override(None):
        return [str(form[name].label or name) if name in form.fields else name for name in names]


def construct(form, formsets, add):
    """Django's change message (its own readers still understand it), where each entry
    also names its fields (``names``) and, for a part saved with it, its model
    (``model``)."""
    message = []
    changed = _names(form.changed_data)
    if add:
        message.append({"added": {}})  # Django's own form for the item itself
    elif changed:
        message.append({"changed": {"fields": _english_labels(form, changed), "names": changed}})
    for formset in formsets or []:
        with override(None):
            about = {
                "name": str(formset.model._meta.verbose_name),
                "model": formset.model._meta.label_lower,
            }
        for obj in formset.new_objects:
            message.append({"added": {**about, "object": str(obj)}})
        for obj, fields in formset.changed_objects:
            names = _names(fields)
            if names:
                labels = _english_labels(formset.forms[0], names) if formset.forms else names
                message.append(
                    {"changed": {**about, "object": str(obj), "fields": labels, "names": names}}
                )
        for obj in formset.deleted_objects:
            message.append({"deleted": {**about, "object": str(obj)}})
    return message


def field_label(model, name):
    """ "Title (Dutch)" for ``title_nl``; the field's own label otherwise."""
    try:
        field = model._meta.get_field(name)
    except Exception:
        return capfirst(name.replace("_", " "))
    original = getattr(field, "translated_field", None)
    language = getattr(field, "language", None)
    if original is not None and language:
        return _("%(field)s (%(language)s)") % {
            "field": capfirst(original.verbose_name),
            "language": language_name(language),
        }
    return capfirst(getattr(field, "verbose_name", name))


def _model(label, default):
    try:
        return apps.get_model(label) if label else default
    except (LookupError, ValueError):
        return default


def _ours(message):
    """Written by ``construct()``: every entry says its fields' names or its model."""

    def marked(body):
        return body == {} or "names" in body or "model" in body

    return isinstance(message, list) and all(
        isinstance(entry, dict)
        and len(entry) == 1
        and isinstance(next(iter(entry.values())), dict)
        and marked(next(iter(entry.values())))
        for entry in message
    )


def describe(change_message, model):
    """The change message of a save of a ``model`` item, in the reader's language."""
    try:
        message = json.loads(change_message or "[]")
    except json.JSONDecodeError:
        return change_message  # a comment written by hand
    if not _ours(message):
        return LogEntry(change_message=change_message).get_change_message()
    lines = []
    for entry in message:
        kind, body = next(iter(entry.items()))
        target = _model(body.get("model"), None)
        fields = get_text_list(
            [field_label(target or model, name) for name in body.get("names", [])], _("and")
        )
        if kind == "checked":  # translations/gate.py: a translation confirmed as still right
            checked = _("Checked {fields} against the original: still right.")
            if target is not None:
                checked = _(
                    "Checked {fields} of {name} “{object}” against the original: still right."
                )
            lines.append(
                checked.format(
                    fields=fields,
                    name=getattr(target, "_meta", None) and target._meta.verbose_name,
                    object=body.get("object", ""),
                )
            )
            continue
        if target is None:
            if kind == "added":
                lines.append(_("Added."))
            elif kind == "changed" and fields:
                lines.append(_("Changed {fields}.").format(fields=fields))
            continue
        name, obj = target._meta.verbose_name, body.get("object", "")
        if kind == "added":
            lines.append(_("Added {name} “{object}”.").format(name=name, object=obj))
        elif kind == "changed" and fields:
            lines.append(
                _("Changed {fields} for {name} “{object}”.").format(
                    fields=fields, name=name, object=obj
                )
            )
        elif kind == "deleted":
            lines.append(_("Deleted {name} “{object}”.").format(name=name, object=obj))
    return " ".join(lines) or _("No fields changed.")
