"""Dates and times in the admin: Django's calendar and clock on every input, seconds
accepted, the format said in the user's language, Brussels time.

Every date or time field of an admin form gets a hint such as "Europe/Brussels
time. Format: 30/05/2017 09:30:00 (seconds may be left out)." in the format the
user's language reads (French 30/05/2017, Dutch 30-05-2017, German 30.05.2017,
English 2017-05-30). The inputs themselves are Django's admin widgets, whose
calendar and clock need the admin's JavaScript catalogue (``admin:jsi18n``): the
change forms load it, and so do the workflow's own pages. ``brussels_column`` shows a
stored date and time the same way in lists and read-only fields.
"""

import datetime

from django.contrib import admin
from django.db import models
from django.utils import timezone
from django.utils.formats import get_format
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext

EXAMPLE = datetime.datetime(2017, 5, 30, 9, 30, 0)


def _example_date():
    return EXAMPLE.strftime(get_format("DATE_INPUT_FORMATS")[0])


def _datetime_hint():
    return gettext("Europe/Brussels time. Format: %(date)s %(time)s (seconds may be left out).") % {
        "date": _example_date(),
        "time": EXAMPLE.strftime(get_format("TIME_INPUT_FORMATS")[0]),
    }


def _date_hint():
    return gettext("Format: %(date)s.") % {"date": _example_date()}


#: Read when the form is drawn, in the user's language.
datetime_hint = lazy(_datetime_hint, str)
date_hint = lazy(_date_hint, str)


def with_hint(help_text, hint):
    return format_lazy("{} {}", help_text, hint) if help_text else hint


class DateHintsMixin:
    """For ModelAdmins and inlines: the hint on every date and time field (the admin
    gives them its calendar and clock; the time input's format has the seconds)."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield is not None and isinstance(db_field, models.DateTimeField):
            formfield.help_text = with_hint(formfield.help_text, datetime_hint())
        elif formfield is not None and isinstance(db_field, models.DateField):
            formfield.help_text = with_hint(formfield.help_text, date_hint())
        return formfield


def format_in_brussels(value):
    """A date and time as editors read it: local, with the zone, e.g. "30/05/2017 09:00 CEST"."""
    if value is None:
        return "—"
    return timezone.localtime(value).strftime("%d/%m/%Y %H:%M %Z")


def brussels_column(field, description, ordering=None):
    """An admin column or read-only field: the date and time of ``field`` (an attribute
    or a method of the object) in Brussels time; "—" when there is none."""

    @admin.display(description=description, ordering=ordering)
    def column(model_admin, obj):
        value = getattr(obj, field)
        return format_in_brussels(value() if callable(value) else value)

    return column
