"""The editorial workflow: who may move a release or an event to which state.

    draft ──submit──▶ in review ──schedule / publish now──▶ approved ──withdraw──▶ withdrawn
      ▲                  │  ▲                                 │ (scheduled while
      └─return to draft──┘  └────────────unschedule───────────┘  publish_at is ahead)

Four eyes: whoever submitted an item, or edited it since, cannot approve it;
another editor must (superusers excepted).

Every path (the admin's buttons, bulk actions, a hand-made POST) goes through
``perform()``, which checks the permission, the state, the stale-form guard, the
language-parity gate and the translations behind their original (each confirmed by
the approving editor: translations/gate.py) on the server, and writes the audit trail.
Press officers hold ``submit_<model>``; editors also hold ``publish_<model>``.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsroom.languages import language_name
from newsroom.publishing import PUBLISH, State, Status
from translations import gate
from workflow.permissions import has_model_permission as has_permission

SUBMIT = "submit"


# What each transition does to the item, once perform() has checked who, when and what.
# Each takes the item (locked) and what the form gave; raises ValidationError to refuse.


def _to_review(item, **given):
    item.status = Status.IN_REVIEW


def _to_draft(item, **given):
    item.status = Status.DRAFT


def _approve(item, *, now, publish_at, unpublish_at, **given):
    if publish_at is None or publish_at <= now:
        raise ValidationError(_("Choose a publication date and time in the future."))
    _approve_at(item, publish_at, unpublish_at)


def _approve_now(item, *, now, **given):
    _approve_at(item, now, item.unpublish_at)  # an expiry set earlier stays


def _approve_at(item, publish_at, unpublish_at):
    if unpublish_at is not None and unpublish_at <= publish_at:
        raise ValidationError(_("The expiry must come after the publication date."))
    item.status, item.publish_at, item.unpublish_at = Status.APPROVED, publish_at, unpublish_at


def _set_expiry(item, *, now, unpublish_at, **given):
    if unpublish_at is not None and unpublish_at <= max(now, item.publish_at):
        raise ValidationError(_("The expiry must come after the publication date and after now."))
    item.unpublish_at = unpublish_at


def _withdraw(item, *, now, reasons, **given):
    reasons = {code: text.strip() for code, text in (reasons or {}).items() if text}
    if not reasons.get(item.original_language):
        raise ValidationError(
            _("Give the reason for withdrawal, at least in %(language)s.")
            % {"language": language_name(item.original_language)}
        )
    item.status, item.withdrawn_at = Status.WITHDRAWN, now
    for code, text in reasons.items():
        setattr(item, f"withdrawal_reason_{code}", text)


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: tuple
    permission: str
    #: What it does to the item (one of the functions above).
    apply: Callable
    needs_schedule: bool = False
    needs_expiry: bool = False
    needs_reason: bool = False
    gated: bool = False
    confirm: str = ""


TRANSITIONS = {
    t.name: t
    for t in [
        Transition(
            "submit",
            _("Submit for review"),
            (State.DRAFT,),
            SUBMIT,
            confirm=_("Editors will be asked to review it."),
            apply=_to_review,
        ),
        Transition(
            "return_to_draft",
            _("Return to draft"),
            (State.IN_REVIEW,),
            SUBMIT,
            confirm=_("It can be edited again and must be submitted again."),
            apply=_to_draft,
        ),
        Transition(
            "schedule",
            _("Approve and schedule"),
            (State.IN_REVIEW, State.SCHEDULED),
            PUBLISH,
            needs_schedule=True,
            gated=True,
            confirm=_("It will be published at the date and time you choose."),
            apply=_approve,
        ),
        Transition(
            "publish_now",
            _("Approve and publish now"),
            (State.IN_REVIEW, State.SCHEDULED),
            PUBLISH,
            gated=True,
            confirm=_("It will be public in every language as soon as you confirm."),
            apply=_approve_now,
        ),
        Transition(
            "unschedule",
            _("Unschedule"),
            (State.SCHEDULED,),
            PUBLISH,
            confirm=_("It goes back to review and will not be published."),
            apply=_to_review,
        ),
        Transition(
            "set_expiry",
            _("Set or remove the expiry"),
            (State.SCHEDULED, State.LIVE),
            PUBLISH,
            needs_expiry=True,
            confirm=_("From the expiry on, the public no longer sees it."),
            apply=_set_expiry,
        ),
        Transition(
            "withdraw",
            _("Withdraw"),
            (State.LIVE, State.EXPIRED),
            PUBLISH,
            needs_reason=True,
            confirm=_(
                "It leaves every list, feed and sitemap; its address will say "
                "it was withdrawn, with your reason."
            ),
            apply=_withdraw,
        ),
    ]
}


#: What the audit trail records besides the transitions (workflow/admin_guard.py).
OTHER_ACTIONS = {
    "edit": _("Changed while scheduled or live"),
    "delete": _("Deleted while scheduled or live"),
    "check_translation": _("Translation checked against the original"),
}


def action_label(code):
    """The audit trail's action ``code`` ("submit", "edit"...) in the reader's language."""
    if code in TRANSITIONS:
        return TRANSITIONS[code].label
    return OTHER_ACTIONS.get(code, code)


def action_choices():
    return [(name, t.label) for name, t in TRANSITIONS.items()] + list(OTHER_ACTIONS.items())


def available(item, user, now=None):
    """The transitions ``user`` may apply to ``item`` now."""
    state = item.state_at(now)
    return [
        t
        for t in TRANSITIONS.values()
        if state in t.sources and has_permission(user, t.permission, type(item))
    ]


def required_languages():
    return list(settings.NEWSROOM_REQUIRED_LANGUAGES)


def parity_problems(item, publish_at=None):
    """What keeps ``item`` from approval: each required language with its empty fields,
    e.g. ["Dutch: lead, body"], then what the item itself refuses for a publication at
    ``publish_at`` (default: its own date; a quote of someone no longer in office...).
    All languages share one row and one publication date, so they go live together;
    this gate makes sure they are there to go."""
    problems = []
    for code in dict.fromkeys([*required_languages(), item.original_language]):
        missing = item.missing_fields(code)
        if missing:
            problems.append(f"{language_name(code)}: {', '.join(missing)}")
    if hasattr(item, "approval_problems"):
        problems += item.approval_problems(publish_at or item.publish_at)
    return problems


def authors(item):
    """Who submitted the item for review, and who changed it since: they may not
    approve it themselves (four eyes)."""
    from reversion.models import Version

    from workflow.models import StateChange

    submitted = (
        StateChange.objects.filter(
            content_type__app_label=item._meta.app_label,
            content_type__model=item._meta.model_name,
            object_id=item.pk,
            action="submit",
        )
        .order_by("-at", "-pk")
        .first()
    )
    if submitted is None:
        return set()
    edited = (
        Version.objects.get_for_object(item)
        .filter(revision__date_created__gte=submitted.at)
        .values_list("revision__user_id", flat=True)
    )
    return {submitted.user_id, *edited}


@transaction.atomic
def perform(
    item,
    name,
    user,
    *,
    expected_version,
    publish_at=None,
    unpublish_at=None,
    reasons=None,
    now=None,
    checked_translations=(),
):
    """Apply transition ``name`` to ``item`` for ``user``; raise PermissionDenied or
    ValidationError (with a message for the editor) when it may not happen.

    ``expected_version`` is the version the user saw (``item.version`` when they
    opened it): a missing or older one is refused, so nobody approves a text they
    have not seen. ``checked_translations``: the stale translations (their keys,
    translations/gate.py) the approving editor confirms as checked and still right."""
    from workflow.models import StateChange
    from workflow.signals import state_changed

    transition = TRANSITIONS.get(name)
    if transition is None:
        raise ValidationError(_("Unknown action."))
    model = type(item)
    given = item
    # Lock the row: two editors clicking at once must not both succeed.
    item = model._default_manager.select_for_update().get(pk=item.pk)
    if not has_permission(user, transition.permission, model):
        raise PermissionDenied(_("You may not do this."))
    if expected_version in (None, "") or str(expected_version) != str(item.version):
        raise ValidationError(
            _(
                "This item was changed by someone else after you opened it. "
                "Reload it, check their changes, then try again."
            )
        )
    now = now or timezone.now()
    before = item.state_at(now)
    if before not in transition.sources:
        raise ValidationError(
            _("“%(action)s” is not possible while the item is %(state)s.")
            % {"action": transition.label, "state": before.label}
        )
    if transition.gated:
        if not user.is_superuser and user.pk in authors(item):
            raise PermissionDenied(
                _(
                    "Four eyes: you submitted or edited this item since it was submitted, so "
                    "another editor must approve it."
                )
            )
        # Checked against the date chosen now: publish now, or the date of the form.
        problems = parity_problems(item, now if name == "publish_now" else publish_at)
        if problems:
            raise ValidationError([_("It cannot be approved yet:")] + problems)
        confirmed = gate.refuse_unconfirmed(item, checked_translations)

    transition.apply(
        item, now=now, publish_at=publish_at, unpublish_at=unpublish_at, reasons=reasons
    )
    item.save()
    if transition.gated:
        gate.record_checked(item, confirmed, user, now)
    change = StateChange.record(item, transition.name, before, item.state_at(now), user, now)
    state_changed.send(sender=model, change=change, item=item)
    for name in item.kept_on_revert:  # keep the caller's copy in step with the row
        setattr(given, name, getattr(item, name))
    return item
