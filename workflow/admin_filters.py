"""The lists of releases and events: what state a reader would see each item in, and
which language is missing (translations/admin_list.py: which is behind the original)."""

from django.contrib import admin
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from newsroom.languages import language_codes, language_name
from newsroom.publishing import State, Status, live_q


class StateFilter(admin.SimpleListFilter):
    """The state a reader would see right now (draft, in review, scheduled, live, ...)."""

    title = _("state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return State.choices

    def queryset(self, request, queryset):
        value, now = self.value(), timezone.now()
        if value == State.LIVE:
            return queryset.filter(live_q(now))
        if value == State.SCHEDULED:
            return queryset.scheduled(now)
        if value == State.EXPIRED:
            return queryset.filter(status=Status.APPROVED, unpublish_at__lte=now)
        if value in (State.DRAFT, State.IN_REVIEW, State.WITHDRAWN):
            return queryset.filter(status=value)
        return queryset


class MissingLanguageFilter(admin.SimpleListFilter):
    """Items that do not exist yet in a language (a required field is empty there)."""

    title = _("language completeness")
    parameter_name = "missing"

    def lookups(self, request, model_admin):
        choices = [("none", _("Complete in every language"))]
        choices += [
            (code, _("Missing %(language)s") % {"language": language_name(code)})
            for code in language_codes()
        ]
        return choices

    @staticmethod
    def _missing_q(model, language):
        q = Q()
        for field in model.translation_required_fields:
            name = build_localized_fieldname(field, language)
            q |= Q(**{f"{name}__isnull": True}) | Q(**{name: ""})
        return q

    def queryset(self, request, queryset):
        value = self.value()
        if value == "none":
            for code in language_codes():
                queryset = queryset.exclude(self._missing_q(queryset.model, code))
            return queryset
        if value in language_codes():
            return queryset.filter(self._missing_q(queryset.model, value))
        return queryset
