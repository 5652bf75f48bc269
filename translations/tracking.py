"""Records, on every save of a translated item, which of its texts changed in which
language, and so which translations are now behind their original.

For each translated field (``tracked_fields``) and language there is one row
(``FieldTranslation``). When a save changes:

- the original's text: the original's row is stamped, and each translation that has a
  text and was not rewritten in the same save becomes *stale*, unless the original is
  back to exactly the text that translation was written against;
- a translation's text: its row is stamped and records the original's text it now
  matches (it is up to date);
- the original language itself: every translation is taken as written against the new
  original (nobody can tell otherwise);
- what the item says in every language at once (an event's date, a release's issuer):
  a row of no field and no language is stamped (the feeds' and sitemap's dates).

Connected to every model modeltranslation knows (``connect``), so no path escapes it:
the admin's forms and inlines, a revert, the XLIFF import, a script. ``raw`` saves
(fixtures) and ``bulk_create`` (the benchmark's data set) send no signal and record
nothing: no row means "nothing known to be behind".
"""

import contextvars
from contextlib import contextmanager

import reversion
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.signals import post_delete, post_save, pre_save
from django.utils import timezone
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname

from newsroom.languages import MultilingualContent, language_codes
from newsroom.richtext import RichTextField, normalized
from translations.models import FieldTranslation

#: Translated fields that are not a translator's work: made from the title, written
#: by the workflow, or an address.
UNTRACKED = {"slug", "withdrawal_reason"}

#: The columns a save writes.
WRITTEN = [
    "owner_type",
    "owner_id",
    "changed_at",
    "changed_by",
    "source_text",
    "stale",
    "stale_since",
]

_acting = contextvars.ContextVar("translation_user", default=None)
_reverting = contextvars.ContextVar("translation_reverting", default=False)


@contextmanager
def acting_user(user):
    """Who the saves in this block are by, where no revision says so."""
    token = _acting.set(user)
    try:
        yield
    finally:
        _acting.reset(token)


def tracked_models():
    return [model for model in translator.get_registered_models() if not model._meta.abstract]


def tracked_fields(model):
    """The translated fields a translator writes (not slugs, addresses, reasons set by
    the workflow)."""
    try:
        fields = translator.get_options_for_model(model).fields
    except Exception:
        return []
    return [
        field.name  # in the model's order, as the form shows them
        for field in model._meta.fields
        if field.name in fields
        and field.name not in UNTRACKED
        and not isinstance(field, models.URLField)
    ]


def owner_of(obj):
    """The release or event ``obj`` is part of (a quote, an image...), else ``obj``."""
    owner = getattr(obj, "workflow_owner", None)
    return owner if owner is not None else obj


def original_language(obj):
    """The language ``obj``'s texts are written in: its own original language, its
    owner's for a part, the site's default for reference data."""
    owner = owner_of(obj)
    if isinstance(owner, MultilingualContent):
        return owner.original_language
    return settings.LANGUAGE_CODE


def text(value):
    return (value or "").strip()


def comparable(model, field, value):
    """A text as a reader gets it: for rich text, the editor's rewriting of markup it
    did not edit (spaces between tags, an empty paragraph) is no change."""
    if isinstance(model._meta.get_field(field), RichTextField):
        return normalized(value or "")
    return text(value)


#: Columns the workflow or the machine writes: no change of what the item says.
NOT_CONTENT = {
    "id",
    "key",
    "version",
    "created_at",
    "updated_at",
    "uploaded_at",
    "status",
    "publish_at",
    "unpublish_at",
    "withdrawn_at",
    "original_language",
    "renditions",
}


def other_columns(model):
    """What an item says in every language at once (an event's date, a release's
    issuer): its concrete columns that are not translated, nor the workflow's."""
    try:
        translated = set(translator.get_options_for_model(model).fields)
    except Exception:
        translated = set()
    return [
        field.attname
        for field in model._meta.concrete_fields
        if field.attname not in NOT_CONTENT
        and field.name not in translated
        and getattr(field, "translated_field", None) is None
    ]


def _columns(model):
    columns = [
        build_localized_fieldname(field, code)
        for field in tracked_fields(model)
        for code in language_codes()
    ]
    if issubclass(model, MultilingualContent):
        columns.append("original_language")
    return columns + other_columns(model)


def _current_user():
    user = _acting.get()
    if user is None and reversion.is_active():
        user = reversion.get_user()
    return user if getattr(user, "pk", None) else None


@contextmanager
def reverting():
    """A revision being restored (django-reversion saves its objects "raw", as fixtures
    are loaded): those saves are recorded like any other."""
    token = _reverting.set(True)
    try:
        yield
    finally:
        _reverting.reset(token)


def remember_stored(sender, instance, raw=False, update_fields=None, **kwargs):
    """Before a save: the texts as stored, to compare with what is saved."""
    if (raw and not _reverting.get()) or not tracked_fields(sender):
        return
    stored = None
    if instance.pk is not None:  # a restored revision's object is "adding", yet stored
        stored = sender._default_manager.filter(pk=instance.pk).values(*_columns(sender)).first()
    instance._translation_stored = stored or {}
    instance._translation_saved = set(update_fields) if update_fields else None


def record_save(sender, instance, raw=False, **kwargs):
    """After a save: update the rows of what changed (see the module's docstring)."""
    stored = getattr(instance, "_translation_stored", None)
    if (raw and not _reverting.get()) or stored is None:
        return
    del instance._translation_stored
    record(instance, stored, saved=instance.__dict__.pop("_translation_saved", None))


def record(instance, stored, now=None, user=None, saved=None):
    """Update the rows of ``instance`` from what changed since ``stored`` (its texts
    before the save); ``saved``: the only columns written (``update_fields``)."""
    model = type(instance)
    now = now or timezone.now()
    user = user or _current_user()
    original = original_language(instance)
    owner = owner_of(instance)
    content_type = ContentType.objects.get_for_model(model)
    base = {
        "content_type": content_type,
        "object_id": instance.pk,
        "owner_type": ContentType.objects.get_for_model(type(owner)),
        "owner_id": owner.pk,
    }
    rows = {
        (row.field, row.language): row
        for row in FieldTranslation.objects.filter(content_type=content_type, object_id=instance.pk)
    }
    new_original = bool(stored) and stored.get("original_language", original) != original
    changed_rows = []

    def row_for(field, language):
        row = rows.get((field, language))
        if row is None:
            row = rows[(field, language)] = FieldTranslation(field=field, language=language, **base)
        return row

    for field in tracked_fields(model):
        before, after = {}, {}
        for code in language_codes():
            column = build_localized_fieldname(field, code)
            before[code] = comparable(model, field, stored.get(column))
            written = saved is None or column in saved or field in saved
            after[code] = (
                comparable(model, field, getattr(instance, column)) if written else (before[code])
            )
        original_text = after[original]
        original_changed = before[original] != original_text
        if original_changed:
            row = row_for(field, original)
            row.changed_at, row.changed_by, row.stale, row.stale_since = now, user, False, None
            row.source_text = ""
            changed_rows.append(row)
        for code in language_codes():
            if code == original:
                continue
            value, changed = after[code], before[code] != after[code]
            row = rows.get((field, code))
            if changed:
                row = row_for(field, code)
                row.changed_at, row.changed_by = now, user
                _set_source(row, original_text if value else "")
            elif value and new_original:
                row = row_for(field, code)
                _set_source(row, original_text)
            elif value and original_changed:
                row = row_for(field, code)
                if row.pk is None:
                    # Written before anything was recorded: against the original as it was.
                    row.source_text = before[original]
                # An original emptied has nothing to be behind.
                behind = bool(original_text) and row.source_text != original_text
                if behind and not row.stale:
                    row.stale_since = now
                row.stale = behind
                if not behind:
                    row.stale_since = None
            else:
                continue
            changed_rows.append(row)
    # What the item says in every language (language ""): its other columns changed.
    others = other_columns(model)
    if any(
        stored.get(name) != getattr(instance, name)
        for name in others
        if saved is None or name in saved or name.removesuffix("_id") in saved
    ):
        row = row_for("", "")
        row.changed_at, row.changed_by = now, user
        changed_rows.append(row)
    for row in changed_rows:
        row.owner_type, row.owner_id = base["owner_type"], base["owner_id"]
    if new_original:
        # A new original language: nothing of the item or its parts is known to be
        # behind it (each part's rows are compared with it at its next change).
        FieldTranslation.objects.filter(
            owner_type=base["owner_type"], owner_id=base["owner_id"]
        ).update(stale=False, stale_since=None)
    # One statement, whatever the number of fields and languages: an upsert on
    # (item, field, language), new rows and changed ones alike (by their key, not their
    # id), so two saves of the same item at once do not collide either. (Django's
    # bulk_update compiles a CASE per column and row: 18 ms a save on SQLite.)
    for row in changed_rows:
        row.pk = None
    FieldTranslation.objects.bulk_create(
        changed_rows,
        update_conflicts=True,
        unique_fields=["content_type", "object_id", "field", "language"],
        update_fields=WRITTEN,
    )


def _set_source(row, original_text):
    """``row``'s translation now matches ``original_text`` (empty: it has no text)."""
    row.source_text, row.stale, row.stale_since = original_text, False, None


def forget(sender, instance, **kwargs):
    FieldTranslation.objects.filter(
        content_type=ContentType.objects.get_for_model(sender), object_id=instance.pk
    ).delete()


def connect():
    for model in tracked_models():
        if not tracked_fields(model):
            continue
        uid = f"translations-{model._meta.label_lower}"
        pre_save.connect(remember_stored, sender=model, dispatch_uid=f"{uid}-pre")
        post_save.connect(record_save, sender=model, dispatch_uid=f"{uid}-post")
        post_delete.connect(forget, sender=model, dispatch_uid=f"{uid}-delete")


def written_at(owner, at):
    """For content entered after the fact (the demo's release of 2017): its texts and
    its parts' count as written at ``at`` (its publication), not when they were typed in."""
    FieldTranslation.objects.filter(
        owner_type=ContentType.objects.get_for_model(type(owner)),
        owner_id=owner.pk,
        changed_at__gt=at,
    ).update(changed_at=at)


def mark_checked(rows, user, now=None):
    """Translators' "checked, still right": each row (stale or not) now matches the
    original's current text, without its own text changing."""
    now = now or timezone.now()
    for row, original_text in rows:
        _set_source(row, original_text)
        row.checked_at, row.checked_by = now, user
        row.save(update_fields=["source_text", "stale", "stale_since", "checked_at", "checked_by"])
