"""What changes the public version (public_cache/caching.py): every save or delete of
content the public sees changes ``PublicVersion.token`` (hence every ETag and cache
key); a publication date, status or event end changed where the public does not see
it yet changes only ``schedule``, which no reader ever sees, so that each process
reads the clock's instants again."""

import secrets

from django.apps import apps
from django.core.exceptions import ObjectDoesNotExist
from django.db import DEFAULT_DB_ALIAS, connections, transaction

#: The app labels whose models are public content: a save or a delete changes the version.
CONTENT_APPS = ("releases", "events", "organizations", "attachments", "identity", "site_pages")
#: Models of those apps that no public page shows.
NOT_CONTENT = frozenset({"releases.embargolink", "releases.embargoaccess"})
#: The fields whose change moves an instant of the clock (publishable models).
SCHEDULE_FIELDS = ("status", "publish_at", "unpublish_at", "ends_at")


def _write_version(using, public):
    from public_cache.caching import forget_version
    from public_cache.models import PublicVersion

    # This process sees its own change at once: its copy of the row is dropped now
    # and when the change commits (a request in between may read the old row again).
    forget_version(using)
    transaction.on_commit(lambda: forget_version(using), using=using)

    values = {"schedule": secrets.token_hex(8)}
    if public:
        values["token"] = secrets.token_hex(16)
    versions = PublicVersion.objects.using(using)
    if not versions.filter(pk=1).update(**values):
        # No row (a flushed database): made here, unless another request just made it
        # (ON CONFLICT DO NOTHING: no error, no broken transaction), then ours wins.
        versions.bulk_create(
            [PublicVersion(pk=1, token=secrets.token_hex(16), schedule="-")],
            ignore_conflicts=True,
        )
        versions.filter(pk=1).update(**values)


def content_changed(using=DEFAULT_DB_ALIAS, **kwargs):
    """Give public content a new version (the signal receivers call it for changes
    the public sees; call it after bulk changes of public content that send no
    signals, such as ``bulk_create`` or ``update()``). Written in the editing
    transaction, so readers see the new version exactly when they see the new
    content; the row stays locked until the commit."""
    _write_version(using, public=True)


def schedule_changed(using=DEFAULT_DB_ALIAS, **kwargs):
    """A publication date, status or event end changed where the public does not see
    it yet (a release scheduled): the processes read their instants again. Nothing
    anyone is told changes."""
    _write_version(using, public=False)


_WAS_PUBLIC = "_newsroom_was_public"
_SCHEDULE_MOVED = "_newsroom_schedule_moved"


def _is_public(obj):
    """The model's own rule (``is_public()``); a model without one counts as public."""
    is_public = getattr(obj, "is_public", None)
    return is_public() if is_public is not None else True


def _seen(obj, raw):
    """``_is_public(obj)``; for a raw save (a fixture, a revision's revert), whose
    related rows may not be loaded yet, True where it cannot be told."""
    if not raw:
        return _is_public(obj)
    try:
        return _is_public(obj)
    except ObjectDoesNotExist:
        return True


def _schedule_fields(model):
    names = {field.attname for field in model._meta.concrete_fields}
    return [name for name in SCHEDULE_FIELDS if name in names]


def _before_save(sender, instance, raw=False, using=DEFAULT_DB_ALIAS, **kwargs):
    """Whether the public saw the object as stored, before this save changes it
    (asked of the stored row for raw saves too: reverting a draft to an older
    revision changes nothing the public sees), and whether a date of the clock moves."""
    stored = None
    if instance.pk is not None:
        stored = sender._default_manager.using(using).filter(pk=instance.pk).first()
    setattr(instance, _WAS_PUBLIC, stored is not None and _seen(stored, raw))
    fields = _schedule_fields(sender)
    moved = bool(fields) and (
        stored is None or any(getattr(stored, f) != getattr(instance, f) for f in fields)
    )
    setattr(instance, _SCHEDULE_MOVED, moved)


def _after_save(sender, instance, raw=False, using=DEFAULT_DB_ALIAS, **kwargs):
    """A new version when the public saw the object before the save or sees it now
    (a release published or withdrawn, a live release or a name it shows edited);
    a draft saved, submitted or scheduled changes nothing anyone is told, but a
    schedule moved makes the processes read their instants again."""
    was_public = instance.__dict__.pop(_WAS_PUBLIC, True)
    moved = instance.__dict__.pop(_SCHEDULE_MOVED, False)
    if was_public or _seen(instance, raw):
        content_changed(using=using)
    elif moved:
        schedule_changed(using=using)


def _before_delete(sender, instance, using=DEFAULT_DB_ALIAS, **kwargs):
    if _is_public(instance):
        content_changed(using=using)
    elif _schedule_fields(sender):
        schedule_changed(using=using)


def _m2m_changed(sender, instance, action, model, pk_set, using=DEFAULT_DB_ALIAS, **kwargs):
    """A link between a release or an event and what it names is seen when the
    release or event is live (both ends, when both are releases or events): a
    draft's topics change nothing anyone sees."""
    from newsroom.publishing import Publishable

    if action == "pre_clear":
        # The other ends are not given: the public saw a link if it saw this end.
        visible = _is_public(instance)
    elif action in ("post_add", "post_remove"):
        visible = (not isinstance(instance, Publishable) or instance.is_live()) and (
            not issubclass(model, Publishable)
            or model._default_manager.using(using).filter(pk__in=pk_set).live().exists()
        )
    else:
        return
    if visible:
        content_changed(using=using)


def ensure_version(using=DEFAULT_DB_ALIAS, **kwargs):
    """The version row, made if missing (post_migrate): migrations make it, and this
    remakes it after a flush (tests), so that reading a public page never writes it."""
    from public_cache.models import PublicVersion

    with connections[using].cursor() as cursor:
        if PublicVersion._meta.db_table not in connections[using].introspection.table_names(cursor):
            return  # migrated back before the table
    PublicVersion.objects.using(using).bulk_create(
        [PublicVersion(pk=1, token=secrets.token_hex(16), schedule=secrets.token_hex(8))],
        ignore_conflicts=True,
    )


def connect_signals():
    """Every model of the content apps, their many-to-many tables included
    (called from PublicCacheConfig.ready); the version row after every migrate."""
    from django.db.models.signals import (
        m2m_changed,
        post_migrate,
        post_save,
        pre_delete,
        pre_save,
    )

    post_migrate.connect(
        ensure_version,
        sender=apps.get_app_config("public_cache"),
        dispatch_uid="public_cache.caching.ensure_version",
    )
    for label in CONTENT_APPS:
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            if model._meta.label_lower in NOT_CONTENT:
                continue
            if model._meta.auto_created:
                m2m_changed.connect(
                    _m2m_changed,
                    sender=model,
                    dispatch_uid=f"public_cache.caching.m2m.{model._meta.label}",
                )
                continue
            # Explicit through tables (ReleaseContact) are models of their own, saved here.
            for name, signal, receiver in (
                ("before_save", pre_save, _before_save),
                ("save", post_save, _after_save),
                ("delete", pre_delete, _before_delete),
            ):
                signal.connect(
                    receiver,
                    sender=model,
                    dispatch_uid=f"public_cache.caching.{name}.{model._meta.label}",
                )
