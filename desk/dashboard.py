"""The admin's home page for staff: what waits for me today.

A press officer sees their drafts, what was returned to them and what they have in
review; an editor sees what awaits their review (without what four eyes keeps them
from approving), what goes live in the next seven days, what was published lately and
what was withdrawn; both see what still misses a required language. "Mine" is what I
saved a revision of. Every section is one or two queries per publishable model,
whatever the number of items (tests/desk/test_dashboard.py counts them).
"""

import datetime
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import BigIntegerField, CharField, Count, Min, OuterRef, Q, Subquery
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from newsroom.languages import language_name
from newsroom.publishing import PUBLISH, Status, live_q, publishable_models
from workflow.admin_filters import MissingLanguageFilter
from workflow.permissions import has_model_permission
from workflow.schedule import duration
from workflow.transitions import SUBMIT, required_languages

SHOWN = 8  # rows per section and model; the count says how many there are in all
SOON = datetime.timedelta(days=7)
LATELY = datetime.timedelta(days=7)
WITHDRAWN_LATELY = datetime.timedelta(days=30)


@dataclass
class Section:
    key: str
    title: str
    empty: str
    rows: list = field(default_factory=list)
    count: int = 0
    links: list = field(default_factory=list)  # (label, url): the full lists


@dataclass
class Row:
    item: object
    kind: str
    state: str
    at: datetime.datetime | None
    at_label: str
    url: str
    note: str = ""


def _versions(model):
    from reversion.models import Version

    return Version.objects.filter(content_type=ContentType.objects.get_for_model(model))


def _state_changes(model):
    from workflow.models import StateChange

    return StateChange.objects.filter(content_type=ContentType.objects.get_for_model(model))


def _annotated(queryset):
    """Each item with its last state change (action, by, at) and its last save."""
    changes = _state_changes(queryset.model).filter(object_id=OuterRef("pk")).order_by("-at", "-pk")
    saves = (
        _versions(queryset.model)
        .filter(object_id=Cast(OuterRef("pk"), CharField()))
        .order_by("-revision__date_created")
    )
    return queryset.annotate(
        last_action=Subquery(changes.values("action")[:1]),
        last_action_at=Subquery(changes.values("at")[:1]),
        last_saved_at=Subquery(saves.values("revision__date_created")[:1]),
    )


def _mine(model, user):
    """The primary keys of the items ``user`` saved a revision of, as a subquery."""
    return (
        _versions(model)
        .filter(revision__user=user)
        .annotate(item_pk=Cast("object_id", BigIntegerField()))
        .values("item_pk")
    )


def _submitted_by(model, user):
    return _state_changes(model).filter(action="submit", user=user).values("object_id")


def _url(item):
    return reverse(f"admin:{item._meta.app_label}_{item._meta.model_name}_change", args=[item.pk])


def _list_url(model, query):
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    return f"{url}?{query}" if query else url


def _row(item, now, at, at_label, note=""):
    return Row(
        item=item,
        kind=item._meta.verbose_name,
        state=item.state_at(now).label,
        at=at,
        at_label=at_label,
        url=_url(item),
        note=note,
    )


def _fill(section, model, queryset, now, at, at_label, note=lambda item: "", query=""):
    items = list(queryset[:SHOWN])
    section.count += queryset.count() if len(items) == SHOWN else len(items)
    section.rows += [_row(item, now, at(item), at_label, note(item)) for item in items]
    section.links.append((model._meta.verbose_name_plural, _list_url(model, query)))


def _saved(item):
    return item.last_saved_at or item.last_action_at


def _press_officer_sections(user, models, now):
    drafts = Section("drafts", _("My drafts"), _("You have no drafts."))
    returned = Section("returned", _("Returned to me"), _("Nothing was returned to you."))
    in_review = Section("in_review", _("Mine in review"), _("You have nothing in review."))
    for model in models:
        objects = _annotated(model._default_manager.all())
        mine = objects.filter(pk__in=_mine(model, user))
        returned_q = Q(last_action="return_to_draft", pk__in=_submitted_by(model, user))
        _fill(
            drafts,
            model,
            mine.filter(status=Status.DRAFT)
            .filter(
                Q(last_action__isnull=True)
                | ~Q(last_action="return_to_draft")
                | ~Q(pk__in=_submitted_by(model, user))
            )
            .order_by("-last_saved_at"),
            now,
            _saved,
            _("last saved"),
            query="state=draft",
        )
        _fill(
            returned,
            model,
            objects.filter(returned_q, status=Status.DRAFT).order_by("-last_action_at"),
            now,
            lambda item: item.last_action_at,
            _("returned on"),
            query="state=draft",
        )
        _fill(
            in_review,
            model,
            mine.filter(status=Status.IN_REVIEW).order_by("-last_action_at"),
            now,
            lambda item: item.last_action_at,
            _("submitted on"),
            query="state=in_review",
        )
    return [returned, drafts, in_review]


def _four_eyes_excluded(model, items, user):
    """Of ``items`` (in review), those ``user`` may not approve: they submitted it, or
    edited it since it was submitted. Two queries for all of them."""
    if user.is_superuser or not items:
        return set()
    ids = [item.pk for item in items]
    submitted = {}
    for object_id, by, at in (
        _state_changes(model)
        .filter(action="submit", object_id__in=ids)
        .order_by("at", "pk")
        .values_list("object_id", "user_id", "at")
    ):
        submitted[object_id] = (by, at)  # the latest submission wins
    excluded = {pk for pk, (by, _at) in submitted.items() if by == user.pk}
    for object_id, at in (
        _versions(model)
        .filter(object_id__in=[str(pk) for pk in ids], revision__user=user)
        .values_list("object_id", "revision__date_created")
    ):
        pk = int(object_id)
        if pk in submitted and at >= submitted[pk][1]:
            excluded.add(pk)
    return excluded


def _editor_sections(user, models, now):
    awaiting = Section("awaiting", _("Awaiting my review"), _("Nothing awaits your review."))
    soon = Section("soon", _("Going live in the next 7 days"), _("Nothing is scheduled."))
    published = Section("published", _("Published in the last 7 days"), _("Nothing yet."))
    withdrawn = Section("withdrawn", _("Withdrawn in the last 30 days"), _("Nothing."))
    for model in models:
        objects = _annotated(model._default_manager.all())
        in_review = list(objects.filter(status=Status.IN_REVIEW).order_by("last_action_at"))
        excluded = _four_eyes_excluded(model, in_review, user)
        mine_to_skip = [item for item in in_review if item.pk in excluded]
        waiting = [item for item in in_review if item.pk not in excluded]
        awaiting.count += len(waiting)
        awaiting.rows += [
            _row(item, now, item.last_action_at, _("submitted on")) for item in waiting[:SHOWN]
        ]
        if mine_to_skip:
            awaiting.links.append(
                (
                    ngettext(
                        "%(count)d more that another editor must approve (four eyes)",
                        "%(count)d more that another editor must approve (four eyes)",
                        len(mine_to_skip),
                    )
                    % {"count": len(mine_to_skip)},
                    _list_url(model, "state=in_review"),
                )
            )
        awaiting.links.append(
            (model._meta.verbose_name_plural, _list_url(model, "state=in_review"))
        )
        _fill(
            soon,
            model,
            objects.filter(
                status=Status.APPROVED, publish_at__gt=now, publish_at__lte=now + SOON
            ).order_by("publish_at"),
            now,
            lambda item: item.publish_at,
            _("goes live"),
            note=lambda item: _("in %(time)s") % {"time": duration(item.publish_at - now)},
            query="state=scheduled",
        )
        _fill(
            published,
            model,
            objects.filter(live_q(now), publish_at__gte=now - LATELY).order_by("-publish_at"),
            now,
            lambda item: item.publish_at,
            _("published on"),
            query="state=live",
        )
        _fill(
            withdrawn,
            model,
            objects.filter(
                status=Status.WITHDRAWN, withdrawn_at__gte=now - WITHDRAWN_LATELY
            ).order_by("-withdrawn_at"),
            now,
            lambda item: item.withdrawn_at,
            _("withdrawn on"),
            query="state=withdrawn",
        )
    return [awaiting, soon, published, withdrawn]


def _missing_translations_section(models, now):
    section = Section(
        "missing",
        _("Missing required translations"),
        _("Every release and event has its required languages."),
    )
    languages = list(dict.fromkeys(required_languages()))
    for model in models:
        missing = Q()
        for code in languages:
            missing |= MissingLanguageFilter._missing_q(model, code)
        queryset = (
            _annotated(model._default_manager.exclude(status=Status.WITHDRAWN))
            .filter(missing)
            .order_by("last_saved_at", "pk")  # the longest waiting first
        )

        def note(item):
            return ", ".join(language_name(code) for code in languages if item.missing_fields(code))

        _fill(section, model, queryset, now, _saved, _("last saved"), note=note, query="")
    return section


def _behind_original_section(models, now):
    """Translations behind their original, one row per item and language, the longest
    behind first (translations/tracking.py records when the original moved on)."""
    from translations.models import FieldTranslation

    section = Section(
        "behind",
        _("Translations behind the original"),
        _("No translation is behind its original."),
    )
    for model in models:
        groups = (
            FieldTranslation.objects.filter(
                owner_type=ContentType.objects.get_for_model(model),
                stale=True,
                owner_id__in=model._default_manager.exclude(status=Status.WITHDRAWN).values("pk"),
            )
            .values("owner_id", "language")
            .annotate(since=Min("stale_since"), fields=Count("pk"))
            .order_by("since", "owner_id", "language")
        )
        top = list(groups[:SHOWN])
        section.count += groups.count() if len(top) == SHOWN else len(top)
        items = model._default_manager.in_bulk([group["owner_id"] for group in top])
        for group in top:
            item = items[group["owner_id"]]
            note = ngettext(
                "%(language)s: %(count)d text", "%(language)s: %(count)d texts", group["fields"]
            ) % {"language": language_name(group["language"]), "count": group["fields"]}
            row = _row(item, now, group["since"], _("behind since"), note)
            row.url = (
                reverse(
                    f"admin:{model._meta.app_label}_{model._meta.model_name}_translations",
                    args=[item.pk],
                )
                + f"#{group['language']}"
            )
            section.rows.append(row)
        section.links.append((model._meta.verbose_name_plural, _list_url(model, "behind=any")))
    section.rows.sort(key=lambda row: row.at)
    return section


def dashboard(request):
    """The dashboard's sections for ``request.user``: a dict for the index template."""
    user, now = request.user, timezone.now()
    viewable = [m for m in publishable_models() if has_model_permission(user, "view", m)]
    writing = [m for m in viewable if has_model_permission(user, SUBMIT, m)]
    editing = [m for m in viewable if has_model_permission(user, PUBLISH, m)]
    sections = []
    if editing:
        sections += _editor_sections(user, editing, now)
    if writing:
        sections += _press_officer_sections(user, writing, now)
    if viewable:
        sections.append(_missing_translations_section(viewable, now))
        sections.append(_behind_original_section(viewable, now))
    return {
        "dashboard_sections": sections,
        "dashboard_now": now,
        "calendar_url": reverse("desk:calendar") if viewable else "",
        "required_languages": [language_name(code) for code in required_languages()],
    }
