"""The filters of the public release list: organization, official, topic, year.

Every value comes from the query string; an unknown value is a 404 (the page
a journalist asked for does not exist), never a 500 and never a silent "all".
"""

import re

from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from newsroom.languages import get_by_translated_slug
from organizations.models import Organization, Person

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


def apply_filters(queryset, params):
    """Filter ``queryset`` by the query-string ``params``; return it and the active values."""
    active = {}
    if slug := _slug(params, "organization"):
        organization = get_by_translated_slug(Organization.objects.public(), slug)
        if organization is None:
            raise Http404(_("Unknown organization."))
        queryset = queryset.about(organization)
        active["organization"] = organization
    if slug := _slug(params, "official"):
        person = Person.objects.public().filter(slug=slug).first()
        if person is None:
            raise Http404(_("Unknown official."))
        queryset = queryset.quoting(person)
        active["official"] = person
    if slug := _slug(params, "topic"):
        topic = get_by_translated_slug(Topic.objects.public(), slug)
        if topic is None:
            raise Http404(_("Unknown topic."))
        queryset = queryset.filter(topics=topic)
        active["topic"] = topic
    if year := params.get("year"):
        if not (YEAR.fullmatch(year) and FIRST_YEAR <= int(year) <= LAST_YEAR):
            raise Http404(_("Unknown year."))
        queryset = queryset.filter(publish_at__year=int(year))
        active["year"] = int(year)
    return queryset, active


def filter_choices():
    """What the filter form offers: only values that lead to live releases."""
    live = PressRelease.objects.live()
    return {
        "organizations": Organization.objects.filter(
            Q(issued_releases__in=live) | Q(related_releases__in=live)
        ).distinct(),
        "officials": Person.objects.filter(appointments__quotes__release__in=live).distinct(),
        "topics": Topic.objects.public(),
        "years": [d.year for d in live.dates("publish_at", "year", order="DESC")],
    }
