"""Who may see and change what: the one place every path asks.

* ``may_preview(user, model)``: may this user see items of ``model`` that are not
  public (a preview on the public URL, their media files, their press kit)? Only
  with the model's ``view`` permission (press officers and editors have it), and,
  where two-factor authentication is required of them, once verified. Anyone else
  gets exactly what an anonymous visitor gets. ``is_staff`` alone opens nothing.
* ``may_change(user, obj)`` / ``may_delete(user, obj)``: may this user change or
  delete this object *now*? The model's permission, and: whatever a release or an
  event that is not a draft shows is changed only by those who may change that
  item itself (its ``publish`` permission: editors). Press officers edit drafts,
  and the reference data and files that only drafts (or nothing public) use.

What an object is "shown on" is said by the models themselves:

* a ``Publishable`` (release, event) is guarded by its own state;
* a part of one (``workflow_owner``: a quote, a link, an image or document of a
  release or event) follows its owner;
* reference data (``shown_on()``: organizations, people, roles, appointments,
  press contacts, topics, logos and portraits) is guarded by every scheduled or
  live item among the querysets it returns, and by all of them while the public
  sees it (``is_public()``) for any reason ``shown_on()`` does not spell out.

A save is asked about twice: of the object as stored, and as it would be saved
(an appointment moved to a quoted person, or added to one, is an editor's).

The admin (every ModelAdmin, inline, bulk action and revision view), the editor's
image upload and the public views call these functions; workflow/admin_guard.py
also records in the audit trail every change to what a scheduled or live item shows.
"""

from django.db.models import Q
from django.utils import timezone

from newsroom.publishing import PUBLISH, Publishable, State, Status, permission_name


def has_model_permission(user, action, model):
    return bool(user and user.is_active and user.has_perm(permission_name(action, model)))


def is_verified(user):
    """Signed in with a second factor where one is required of this user
    (accounts/two_factor.py); everyone else counts as verified."""
    from accounts.two_factor import is_fully_signed_in

    return is_fully_signed_in(user)


def may_preview(user, model):
    """May ``user`` see the non-public items of ``model`` on the public site?"""
    return (
        user is not None
        and user.is_authenticated
        and has_model_permission(user, "view", model)
        and is_verified(user)
    )


def scheduled_or_live(queryset, now=None):
    """The approved items of a publishable queryset that are scheduled or live."""
    now = now or timezone.now()
    return queryset.filter(status=Status.APPROVED).filter(
        Q(unpublish_at__isnull=True) | Q(unpublish_at__gt=now)
    )


def showing(obj, now=None):
    """The scheduled or live items that show ``obj`` (reference data), as querysets,
    one per publishable model. Empty for an object not saved yet."""
    shown_on = getattr(obj, "shown_on", None)
    if shown_on is None or (obj.pk is None and not getattr(obj, "shown_before_saved", False)):
        return []
    return [scheduled_or_live(queryset, now) for queryset in shown_on()]


def guardians(obj, now=None):
    """The publishable models whose ``publish`` permission is needed to change ``obj``
    now (empty: the model's own change permission is enough)."""
    if isinstance(obj, Publishable):
        if obj.pk is None or obj.status == Status.DRAFT:
            return set()
        return {type(obj)}
    owner = getattr(obj, "workflow_owner", None)
    if owner is not None:
        return guardians(owner, now)
    guarding = {queryset.model for queryset in showing(obj, now) if queryset.exists()}
    if not guarding and obj.pk is not None and _is_public(obj, now):
        # Public by a rule ``shown_on()`` does not spell out: guarded by all.
        guarding = {queryset.model for queryset in obj.shown_on()}
    return guarding


def _is_public(obj, now):
    is_public = getattr(obj, "is_public", None)
    return bool(is_public and is_public(now))


def exposure(obj, now=None):
    """What the public sees of ``obj`` through the workflow: ``State.LIVE`` when a live
    item shows it (or it is live), ``State.SCHEDULED`` when only scheduled ones do,
    else None. The audit trail records changes to exposed objects."""
    now = now or timezone.now()
    if isinstance(obj, Publishable):
        state = obj.state_at(now) if obj.pk else None
        return state if state in (State.LIVE, State.SCHEDULED) else None
    owner = getattr(obj, "workflow_owner", None)
    if owner is not None:
        return exposure(owner, now)
    querysets = [queryset for queryset in showing(obj, now) if queryset.exists()]
    if not querysets:
        return None
    if any(queryset.filter(publish_at__lte=now).exists() for queryset in querysets):
        return State.LIVE
    return State.SCHEDULED


def _may(user, action, obj, now=None):
    if not has_model_permission(user, action, type(obj)) or not is_verified(user):
        return False
    return all(has_model_permission(user, PUBLISH, model) for model in guardians(obj, now))


def may_change(user, obj, now=None):
    """May ``user`` change ``obj`` now? (See the module docstring.)"""
    return _may(user, "change", obj, now)


def may_delete(user, obj, now=None):
    """May ``user`` delete ``obj`` now? An approved or withdrawn release or event is
    withdrawn, never deleted, except by a superuser."""
    if (
        isinstance(obj, Publishable)
        and obj.status in (Status.APPROVED, Status.WITHDRAWN)
        and not user.is_superuser
    ):
        return False
    return _may(user, "delete", obj, now)
