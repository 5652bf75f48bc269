"""Keep the search index up to date: whenever a release, an event, or a name they
show (organization, official, role, topic, quote) changes, the documents that
contain it are rebuilt in the same transaction."""

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Q, QuerySet
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from events.models import Event
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


@receiver(post_save, sender=Quote)
def quote_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        index_releases(PressRelease.objects.filter(pk=instance.release_id))


@receiver(post_delete, sender=Quote)
def quote_deleted(sender, instance, origin=None, **kwargs):
    # Only when the quote itself was deleted: when its release is being deleted, the
    # release's document goes with it (and must not be written again).
    deleted = origin.model if isinstance(origin, QuerySet) else type(origin)
    if deleted is Quote:
        index_releases(PressRelease.objects.filter(pk=instance.release_id))


@receiver(post_save, sender=Organization)
def organization_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        _reindex(
            PressRelease.objects.filter(
                Q(issuing_organization=instance) | Q(related_organizations=instance)
            ).distinct(),
            Event.objects.filter(organizers=instance),
        )


def _appointments_changed(appointments):
    _reindex(
        PressRelease.objects.filter(quotes__appointment__in=appointments).distinct(),
        Event.objects.filter(speakers__in=appointments).distinct(),
    )


@receiver(post_save, sender=Person)
def person_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        _appointments_changed(Appointment.objects.filter(person=instance))


@receiver(post_save, sender=Role)
def role_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        _appointments_changed(Appointment.objects.filter(role=instance))


@receiver(post_save, sender=Appointment)
def appointment_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        _appointments_changed(Appointment.objects.filter(pk=instance.pk))


@receiver(post_save, sender=Topic)
def topic_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        _reindex(PressRelease.objects.filter(topics=instance))


# Many-to-many links, from either side: ``instance`` is the item and ``pk_set`` the
# names, or (``reverse``) ``instance`` is the name and ``pk_set`` the items.
INDEXED_LINKS = (
    PressRelease.related_organizations, PressRelease.topics, Event.organizers, Event.speakers,
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
                model.objects.filter(**{field.name: instance}).values_list("pk", flat=True))
        elif action == "post_clear":
            index(model.objects.filter(pk__in=getattr(instance, "_search_cleared", [])))
        elif action in ("post_add", "post_remove"):
            index(model.objects.filter(pk__in=pk_set or ()))

    m2m_changed.connect(changed, sender=field.remote_field.through, weak=False,
                        dispatch_uid=f"search-{field.model._meta.label}.{field.name}")


for descriptor in INDEXED_LINKS:
    _connect(descriptor)


def index_after_migrate(sender, using=DEFAULT_DB_ALIAS, **kwargs):
    """After ``migrate``: index what has no document yet (an upgrade, a restore).
    Nothing to do when the index table is not there (migrating backwards)."""
    if SearchDocument._meta.db_table in connections[using].introspection.table_names():
        index_missing()
