"""Compare two revisions of an item, or a revision with the item as it is now: field by
field and language by language, rich text compared as text, with what was inserted
and deleted marked (``<ins>``, ``<del>``). Our own small module: django-reversion-
compare renders each translated column as a field of its own, with English labels,
and brings its own scripts and styles (our CSP allows only ours).

The parts saved with the item (quotes, links, images, documents...) are in the same
revision; they are compared too, each under its own heading, and "now" reads them
from the database.
"""

import reversion
from django.apps import apps
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from newsroom.languages import language_name
from newsroom.richtext import RichTextField
from newsroom.text_diff import as_text, marked_diff
from workflow.admin_mixins import TIME_ZONE_NOTE

#: Written by the workflow or the machine, not by a person: not worth a line.
SKIPPED = {"version", "created_at", "updated_at", "id"}


def field_label(model, name):
    """ "Title (Dutch)" for ``title_nl``, in the reader's language; the field's own
    label otherwise. None for a name the model does not have."""
    try:
        field = model._meta.get_field(name)
    except Exception:
        field = next((f for f in model._meta.concrete_fields if f.attname == name), None)
        if field is None:
            return None
    original = getattr(field, "translated_field", None)
    language = getattr(field, "language", None)
    if original is not None and language:
        return _("%(field)s (%(language)s)") % {
            "field": capfirst(original.verbose_name),
            "language": language_name(language),
        }
    return capfirst(field.verbose_name)


def _display(model, name, value):
    """A value as the editor knows it: a related object's name, a choice's label."""
    try:
        field = next(f for f in model._meta.get_fields() if getattr(f, "attname", f.name) == name)
    except StopIteration:
        return str(value)
    if value in (None, ""):
        return ""
    if isinstance(field, models.ManyToManyField):
        related = field.related_model._default_manager.filter(pk__in=value or [])
        return ", ".join(sorted(str(obj) for obj in related))
    if isinstance(field, models.ForeignKey):
        obj = field.related_model._default_manager.filter(pk=value).first()
        return str(obj) if obj else str(value)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, RichTextField):
        return as_text(value)
    return str(value)


def current_fields(obj):
    data = {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}
    for field in obj._meta.many_to_many:
        data[field.attname] = sorted(getattr(obj, field.name).values_list("pk", flat=True))
    return data


def _translated_bases(model):
    """The original columns modeltranslation keeps beside each language's (``title``
    beside ``title_fr``...): they repeat one of the languages, not worth a line."""
    from modeltranslation.translator import NotRegistered, translator

    try:
        return set(translator.get_options_for_model(model).fields)
    except NotRegistered:
        return set()


def compare_fields(model, old, new):
    """[{label, old, new, diff}] for every field whose value differs, in model order."""
    rows = []
    skipped = SKIPPED | _translated_bases(model)
    for field in model._meta.get_fields():
        name = getattr(field, "attname", None) or field.name
        if name in skipped or (name not in old and name not in new):
            continue
        before, after = old.get(name), new.get(name)
        if isinstance(field, models.ManyToManyField):
            before, after = sorted(before or []), sorted(after or [])
        if (before or "") == (after or "") or before == after:
            continue
        label = field_label(model, name)
        if label is None:
            continue
        old_text, new_text = _display(model, name, before), _display(model, name, after)
        if old_text == new_text:
            continue  # e.g. markup only: nothing a reader would see
        rows.append(
            {
                "label": label,
                "old": old_text,
                "new": new_text,
                "diff": marked_diff(old_text, new_text),
            }
        )
    return rows


def _parts(revision):
    """{(content type id, object id): version} of a revision."""
    return {(v.content_type_id, v.object_id): v for v in revision.version_set.all()}


def compare_parts(item, old_revision, new_revision):
    """The saved parts (quotes, links...) that were added, removed or changed."""
    own = (ContentType.objects.get_for_model(item).pk, str(item.pk))
    old = {key: v for key, v in _parts(old_revision).items() if key != own}
    if new_revision is None:  # now: the same parts, read from the database
        new = {}
        for key, version in {**old, **_parts(latest(item).revision)}.items():
            if key == own:
                continue
            model = version._model
            obj = model._default_manager.filter(pk=version.object_id).first()
            if obj is not None:
                new[key] = (model, str(obj), current_fields(obj))
    else:
        new = {
            key: (v._model, v.object_repr, v.field_dict)
            for key, v in _parts(new_revision).items()
            if key != own
        }
    old = {key: (v._model, v.object_repr, v.field_dict) for key, v in old.items()}
    groups = []
    for key in sorted(
        set(old) | set(new), key=lambda k: (k[0], int(k[1]) if k[1].isdigit() else 0)
    ):
        model, repr_, _fields = new.get(key) or old[key]
        if key not in old:
            status, rows = _("added"), compare_fields(model, {}, new[key][2])
        elif key not in new:
            status, rows = _("removed"), compare_fields(model, old[key][2], {})
        else:
            status, rows = _("changed"), compare_fields(model, old[key][2], new[key][2])
            if not rows:
                continue
        groups.append(
            {
                "title": _("%(kind)s “%(item)s”")
                % {"kind": capfirst(model._meta.verbose_name), "item": repr_},
                "status": status,
                "rows": rows,
            }
        )
    return groups


def latest(item):
    from reversion.models import Version

    return Version.objects.get_for_object(item).select_related("revision").first()


def _version(versions, value):
    try:
        return versions.get(pk=int(value))
    except (ValueError, TypeError, versions.model.DoesNotExist):
        raise Http404 from None


def compare_view(request, app_label, model_name, object_id):
    from reversion.models import Version

    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:
        raise Http404 from None
    model_admin = admin.site._registry.get(model)
    if model_admin is None or not reversion.is_registered(model):  # no revisions to compare
        raise Http404
    item = model._default_manager.filter(pk=object_id).first()
    if item is None:
        raise Http404
    if not model_admin.has_view_or_change_permission(request, item):
        raise PermissionDenied
    versions = Version.objects.get_for_object(item).select_related("revision__user")
    listed = list(versions[:200])
    if not listed:
        raise Http404
    # By default the last two revisions; "to=now": the item as it is now.
    to_value = request.GET.get("to") or str(listed[0].pk)
    new_version = None if to_value == "now" else _version(versions, to_value)
    if request.GET.get("from"):
        old_version = _version(versions, request.GET["from"])
    else:  # the revision before the newer one
        newer = listed.index(new_version) if new_version in listed else -1
        old_version = listed[min(newer + 1, len(listed) - 1)]
    old_fields = old_version.field_dict
    new_fields = current_fields(item) if new_version is None else new_version.field_dict
    context = {
        **admin.site.each_context(request),
        "title": _("Compare revisions of “%(item)s”") % {"item": item},
        "opts": model._meta,
        "original": item,
        "versions": listed,
        "old_version": old_version,
        "new_version": new_version,
        "rows": compare_fields(model, old_fields, new_fields),
        "parts": compare_parts(
            item, old_version.revision, new_version.revision if new_version else None
        ),
        "history_url": reverse(f"admin:{app_label}_{model_name}_history", args=[item.pk]),
        "change_url": reverse(f"admin:{app_label}_{model_name}_change", args=[item.pk]),
        "time_zone_note": TIME_ZONE_NOTE,
    }
    return TemplateResponse(request, "desk/compare.html", context)
