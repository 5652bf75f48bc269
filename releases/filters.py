"""The filters of the public release list: organization, official, topic, year.

Every value comes from the query string; an unknown value is a 404 (the page
a journalist asked for does not exist), never a 500 and never a silent "all".
"""

import re

from django.db.models import Exists, Max, Min, OuterRef, Q, Subquery
from django.http import Http404
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _

from newsroom.languages import get_by_translated_slug
from organizations.models import Appointment, Organization, Person

from .models import PressRelease, Topic

FILTERS = ("organization", "official", "topic", "year")


SLUG = re.compile(r"[-a-zA-Z0-9_]{1,200}")
YEAR = re.compile(r"[0-9]{4}")  # ASCII digits only: int() also reads "²" or "٢"
FIRST_YEAR, LAST_YEAR = 1830, 2999


def _slug(params, name):
    """A slug from the query string, or 404 for anything else (NUL bytes, quotes, ...)."""
    value = params.get(name)
    if value and not SLUG.fullmatch(value):
        raise Http404(_("Unknown filter value."))
    return value


def read_filters(params):
    """The filters asked for in the query-string ``params``, as objects:
    ``{"organization": Organization, "official": Person, "topic": Topic, "year": int}``
    (only those given). Search (search/views.py) reads the same filters."""
    active = {}
    # The item named by the slug first, then whether the public may see it: one
    # organization or person is checked, not every one.
    if slug := _slug(params, "organization"):
        organization = get_by_translated_slug(Organization.objects.all(), slug)
        if organization is None or not organization.is_public():
            raise Http404(_("Unknown organization."))
        active["organization"] = organization
    if slug := _slug(params, "official"):
        person = Person.objects.filter(slug=slug).first()
        if person is None or not Appointment.objects.filter(person=person).public().exists():
            raise Http404(_("Unknown official."))
        active["official"] = person
    if slug := _slug(params, "topic"):
        topic = get_by_translated_slug(Topic.objects.public(), slug)
        if topic is None:
            raise Http404(_("Unknown topic."))
        active["topic"] = topic
    if year := params.get("year"):
        if not (YEAR.fullmatch(year) and FIRST_YEAR <= int(year) <= LAST_YEAR):
            raise Http404(_("Unknown year."))
        active["year"] = int(year)
    return active


def filter_releases(queryset, active):
    """Narrow a queryset of releases to the ``active`` filters (see ``read_filters``)."""
    if "organization" in active:
        queryset = queryset.about(active["organization"])
    if "official" in active:
        queryset = queryset.quoting(active["official"])
    if "topic" in active:
        queryset = queryset.filter(topics=active["topic"])
    if "year" in active:
        queryset = queryset.filter(publish_at__year=active["year"])
    return queryset


def apply_filters(queryset, params):
    """Filter ``queryset`` by the query-string ``params``; return it and the active values."""
    active = read_filters(params)
    return filter_releases(queryset, active), active


def filter_choices():
    """What the filter form offers: organizations, officials and topics of live
    releases (a probe each for one live release), and the years from the first to
    the last live release (two index lookups; a year in between without any release
    would list nothing, which a press office publishing every year never sees).

    Each is read when the template draws the form: a form taken from the fragment
    cache (templates/releases/_filter_fields.html) builds no query at all."""
    return {
        "organizations": SimpleLazyObject(_organizations),
        "officials": SimpleLazyObject(_officials),
        "topics": SimpleLazyObject(_topics),
        "years": SimpleLazyObject(_years),
    }


def _organizations():
    live = PressRelease.objects.live()
    related = PressRelease.related_organizations.through.objects.filter(
        organization=OuterRef("pk"), pressrelease__in=live
    )
    return Organization.objects.annotate(
        # The latest live release it issued: found backwards on the index of
        # (issuer, status, publish_at), where an EXISTS may scan the table.
        latest=Subquery(
            live.filter(issuing_organization=OuterRef("pk"))
            .order_by("-publish_at")
            .values("publish_at")[:1]
        ),
    ).filter(Q(latest__isnull=False) | Exists(related))


def _officials():
    """Officials quoted in a live release: a probe per appointment (there are few)."""
    return Person.objects.filter(pk__in=Appointment.objects.quoted().values("person_id"))


def _topics():
    """Topics of a live release: a probe each, walking the links' topic index."""
    return Topic.objects.annotate(
        live_link=Subquery(
            PressRelease.topics.through.objects.filter(
                topic=OuterRef("pk"), pressrelease__in=PressRelease.objects.live()
            )
            .order_by("topic_id")
            .values("pk")[:1],
        )
    ).filter(live_link__isnull=False)


def _years():
    span = PressRelease.objects.live().aggregate(first=Min("publish_at"), last=Max("publish_at"))
    if not span["first"]:
        return []
    first, last = (timezone.localtime(span[key]).year for key in ("first", "last"))
    return list(range(last, first - 1, -1))
