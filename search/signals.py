"""Keep the search index up to date: whenever a release, an event, or a name they
show (organization, official, role, topic, quote, a session of the programme and its
participants) changes, the documents that contain it are rebuilt in the same
transaction."""

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Q, QuerySet
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver

from events.models import Event, Session, SessionParticipant
from newsroom.languages import translated_columns
from organizations.models import Appointment, Organization, Person, Role
from releases.models import PressRelease, Quote, Topic

from .indexing import index_events, index_missing, index_releases
from .models import SearchDocument


def _reindex(releases=None, events=None):
    if releases is not None:
        index_releases(releases)
    if events is not None:
        index_events(events)


@receiver(post_save, sender=PressRelease)
def release_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        index_releases(PressRelease.objects.filter(pk=instance.pk))


@receiver(post_save, sender=Event)
def event_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        index_events(Event.objects.filter(pk=instance.pk))


@receiver(pre_save, sender=Quote)
def quote_moving(sender, instance, raw=False, **kwargs):
    """Remember the release a quote leaves, if it is moved to another one."""
    if not raw and instance.pk:
        instance._release_before = (
            Quote.objects.filter(pk=instance.pk).values_list("release_id", flat=True).first()
        )


@receiver(post_save, sender=Quote)
def quote_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        # The release it is in, and the one it left (its text and official go).
        releases = {instance.release_id, getattr(instance, "_release_before", None)} - {None}
        index_releases(PressRelease.objects.filter(pk__in=releases))


def _deleting(origin, *models):
    """Whether the deletion that sent a signal started from one of ``models``."""
    deleted = origin.model if isinstance(origin, QuerySet) else type(origin)
    return deleted in models


@receiver(post_delete, sender=Quote)
def quote_deleted(sender, instance, origin=None, **kwargs):
    # Only when the quote itself was deleted: when its release is being deleted, the
    # release's document goes with it (and must not be written again).
    if _deleting(origin, Quote):
        index_releases(PressRelease.objects.filter(pk=instance.release_id))


@receiver(post_save, sender=Session)
@receiver(post_delete, sender=Session)
def session_changed(sender, instance, raw=False, origin=None, **kwargs):
    """A session's texts are in its event's documents. Not when its event is being
    deleted (its documents go with it)."""
    if raw or (origin is not None and _deleting(origin, Event)):
        return
    index_events(Event.objects.filter(pk=instance.event_id))


@receiver(post_save, sender=SessionParticipant)
@receiver(post_delete, sender=SessionParticipant)
def participant_changed(sender, instance, raw=False, origin=None, **kwargs):
    """A speaker's or moderator's name (and an official's facet) is in the event's
    documents. Not when the session or its event is being deleted."""
    if raw or (origin is not None and _deleting(origin, Event, Session)):
        return
    index_events(Event.objects.filter(sessions=instance.session_id))


# Names: a save re-indexes the items that show the name only when a name they
# show changed (a new logo or website changes nothing searched).
INDEXED_NAMES = {
    Organization: translated_columns("name", "acronym"),
    Person: ["first_name", "last_name"],
    Role: translated_columns("title"),
    Appointment: ["person_id", "role_id"],
    Topic: translated_columns("name"),
}


def _names_of(instance):
    return [getattr(instance, column) for column in INDEXED_NAMES[type(instance)]]


@receiver(pre_save)
def remember_names(sender, instance, raw=False, **kwargs):
    if sender in INDEXED_NAMES and instance.pk and not raw:
        before = sender.objects.filter(pk=instance.pk).values_list(*INDEXED_NAMES[sender]).first()
        instance._search_names_before = list(before) if before else None


def _names_changed(instance, created):
    return created or getattr(instance, "_search_names_before", None) != _names_of(instance)


def _items_naming(instance):
    """The releases and events whose documents show ``instance``'s name."""
    if isinstance(instance, Organization):
        return (
            PressRelease.objects.filter(
                Q(issuing_organization=instance) | Q(related_organizations=instance)
            ).distinct(),
            Event.objects.filter(organizers=instance),
        )
    if isinstance(instance, Topic):
        return PressRelease.objects.filter(topics=instance), None
    appointments = {
        Person: lambda: Appointment.objects.filter(person=instance),
        Role: lambda: Appointment.objects.filter(role=instance),
        Appointment: lambda: Appointment.objects.filter(pk=instance.pk),
    }[type(instance)]()
    return (
        PressRelease.objects.filter(quotes__appointment__in=appointments).distinct(),
        Event.objects.filter(
            Q(speakers__in=appointments) | Q(sessions__participants__appointment__in=appointments)
        ).distinct(),
    )


@receiver(post_save)
def name_saved(sender, instance, created=False, raw=False, **kwargs):
    if sender in INDEXED_NAMES and not raw and _names_changed(instance, created):
        _reindex(*_items_naming(instance))


@receiver(pre_delete)
def name_about_to_be_deleted(sender, instance, **kwargs):
    # Deleting a name removes its links without m2m signals: note who showed it.
    if sender in INDEXED_NAMES:
        releases, events = _items_naming(instance)
        instance._search_items = (
            list(releases.values_list("pk", flat=True)),
            list(events.values_list("pk", flat=True)) if events is not None else [],
        )


@receiver(post_delete)
def name_deleted(sender, instance, **kwargs):
    if sender in INDEXED_NAMES and hasattr(instance, "_search_items"):
        releases, events = instance._search_items
        _reindex(PressRelease.objects.filter(pk__in=releases), Event.objects.filter(pk__in=events))


# Many-to-many links, from either side: ``instance`` is the item and ``pk_set`` the
# names, or (``reverse``) ``instance`` is the name and ``pk_set`` the items.
INDEXED_LINKS = (
    PressRelease.related_organizations,
    PressRelease.topics,
    Event.organizers,
    Event.speakers,
)


def _connect(descriptor):
    field = descriptor.field
    model = field.model
    index = index_releases if model is PressRelease else index_events

    def changed(sender, instance, action, reverse, pk_set, **kwargs):
        if not reverse:
            if action.startswith("post_"):
                index(model.objects.filter(pk=instance.pk))
        elif action == "pre_clear":
            # Cleared from the name's side: which items it leaves is known only now.
            instance._search_cleared = list(
                model.objects.filter(**{field.name: instance}).values_list("pk", flat=True)
            )
        elif action == "post_clear":
            index(model.objects.filter(pk__in=getattr(instance, "_search_cleared", [])))
        elif action in ("post_add", "post_remove"):
            index(model.objects.filter(pk__in=pk_set or ()))

    m2m_changed.connect(
        changed,
        sender=field.remote_field.through,
        weak=False,
        dispatch_uid=f"search-{field.model._meta.label}.{field.name}",
    )


for descriptor in INDEXED_LINKS:
    _connect(descriptor)


def index_after_migrate(sender, using=DEFAULT_DB_ALIAS, **kwargs):
    """After ``migrate``: index what has no document yet (an upgrade, a restore).
    Nothing to do when the index table is not there (migrating backwards)."""
    if SearchDocument._meta.db_table in connections[using].introspection.table_names():
        index_missing()
