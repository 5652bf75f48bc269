"""The approval gate for translations: a release (or an event) whose required languages
are behind the original is not approved, unless an editor confirms each stale field as
checked and still right. The confirmation marks those fields up to date and is written
into the audit trail (``workflow.perform`` calls both functions)."""

from collections import defaultdict

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from newsroom.publishing import Publishable
from translations import status
from translations.tracking import mark_checked


def required_stale(item):
    from workflow.transitions import required_languages

    return status.stale(item, list(dict.fromkeys(required_languages())))


def refuse_unconfirmed(item, confirmed):
    """The stale fields of ``item``'s required languages (``FieldStatus``), once each is
    in ``confirmed`` (their ``key``); else a ValidationError that names the others."""
    stale = required_stale(item)
    confirmed = set(confirmed or ())
    missing = [s for s in stale if s.key not in confirmed]
    if missing:
        raise ValidationError(
            [
                _(
                    "These translations are behind the original: update them, or confirm "
                    "each one as checked and still right:"
                )
            ]
            + [s.describe() for s in missing]
        )
    return stale


def record_checked(item, stale, user, now):
    """Mark ``stale`` up to date and write who confirmed what into the audit trail."""
    if not stale:
        return
    from workflow.models import StateChange

    mark_checked([(s.row, s.original_text) for s in stale], user, now)
    entries = defaultdict(list)
    for s in stale:
        entries[s.obj].append(f"{s.field}_{s.language}")
    message = []
    for obj, names in entries.items():
        body = {"names": names}
        if obj is not item:
            body.update(model=obj._meta.label_lower, object=str(obj))
        message.append({"checked": body})
    if isinstance(item, Publishable):  # reference data has no audit trail: the rows say it
        StateChange.record_edit(item, "check_translation", item.state_at(now), user, message)


def checked_since_approval(item):
    """The confirmations ("checked, still right") made since ``item`` was last approved
    (ever, if never), a translator's on the draft included: the approving editor sees
    who vouched for what (audit trail entries, newest first)."""
    from django.contrib.contenttypes.models import ContentType

    from workflow.models import StateChange

    entries = StateChange.objects.filter(
        content_type=ContentType.objects.get_for_model(type(item)), object_id=item.pk
    )
    approved = entries.filter(action__in=["schedule", "publish_now"]).order_by("-at", "-pk").first()
    checks = entries.filter(action="check_translation").select_related("user")
    if approved is not None:
        checks = checks.filter(at__gt=approved.at)
    return list(checks.order_by("-at", "-pk"))
