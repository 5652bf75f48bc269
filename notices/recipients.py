"""Who hears of a state change: the editors of what is submitted for review; the person
who submitted it of what became of it. Never the person who did it; never anyone
inactive or without an address, or who turned the notices off."""

from django.contrib.auth import get_user_model

from newsroom.publishing import PUBLISH, permission_name

TO_EDITORS = {"submit"}
TO_AUTHOR = {"return_to_draft", "schedule", "publish_now"}


def editors(model):
    return get_user_model().objects.with_perm(
        permission_name(PUBLISH, model),
        is_active=True,
        include_superusers=False,
        backend="django.contrib.auth.backends.ModelBackend",  # permissions live there
    )


def author(change):
    """Who last submitted the item before ``change``."""
    from workflow.models import StateChange

    submitted = (
        StateChange.objects.filter(
            content_type_id=change.content_type_id,
            object_id=change.object_id,
            action="submit",
            at__lte=change.at,
        )
        .exclude(pk=change.pk)
        .select_related("user")
        .order_by("-at", "-pk")
        .first()
    )
    return submitted.user if submitted and submitted.user else None


def recipients(change, model):
    from notices.models import NoticePreference

    if change.action in TO_EDITORS:
        people = list(editors(model))
    elif change.action in TO_AUTHOR:
        people = [person for person in [author(change)] if person and person.is_active]
    else:
        return []
    off = set(
        NoticePreference.objects.filter(user__in=people, enabled=False).values_list(
            "user_id", flat=True
        )
    )
    return [
        person
        for person in people
        if person.pk != change.user_id and person.email and person.pk not in off
    ]
