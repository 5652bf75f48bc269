"""The two editorial roles, as groups: press officers write, editors publish.

Press officers create and edit drafts and submit them for review. Editors can
also approve, schedule, publish now, unschedule and withdraw, and manage
embargo links. Superusers can do everything. Data migrations create the groups
(newsroom/migrations/0002_roles.py with the lists of that time, then
workflow/migrations/0002_roles.py); users are put in a group in the admin
("Users" → "Groups"). Tests and scripts call ``ensure_roles`` for today's lists.
"""

PRESS_OFFICERS = "Press officers"
EDITORS = "Editors"

CONTENT = {
    "releases": ["pressrelease", "quote", "releaselink", "releasecontact", "topic", "correction"],
    "attachments": ["image", "document"],
    "events": ["event", "session", "sessionparticipant"],
    "organizations": [
        "organization",
        "organizationrelation",
        "person",
        "role",
        "appointment",
        "presscontact",
    ],
}
OFFICERS_EXTRA = {
    "releases": ["submit_pressrelease"],
    "events": ["submit_event"],
    "workflow": ["view_statechange"],
}
EDITORS_EXTRA = {
    "releases": [
        "submit_pressrelease",
        "publish_pressrelease",
        "view_embargolink",
        "add_embargolink",
        "change_embargolink",
        "view_embargoaccess",
    ],
    "events": ["submit_event", "publish_event"],
    "workflow": ["view_statechange"],
    # Journalists' addresses are personal data: editors only.
    "press_lists": [
        f"{verb}_{model}"
        for model in ("journalist", "presslist")
        for verb in ("view", "add", "change", "delete")
    ],
    # Sending releases to the press lists, and its log.
    "distribution": ["view_sending", "add_sending", "view_delivery"],
    # The public's subscriptions: seen, exported and deleted at a subscriber's request.
    "subscriptions": ["view_subscriber", "delete_subscriber"],
    # Partners' webhooks: their subscriptions, and the delivery log.
    "webhooks": [
        *(f"{verb}_subscription" for verb in ("view", "add", "change", "delete")),
        "view_delivery",
    ],
    # The accessibility statement, privacy and legal notices, contact page (site_pages/).
    "site_pages": ["view_sitepage", "add_sitepage", "change_sitepage"],
}


def ensure_roles(Group, Permission):
    """Create both groups with their permissions (idempotent). Takes the models as
    arguments so that a migration can pass its historical ones."""

    def perms(app_label, codenames):
        # Models added by later migrations are granted when those migrations run.
        return list(
            Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
        )

    officers, _ = Group.objects.get_or_create(name=PRESS_OFFICERS)
    editors, _ = Group.objects.get_or_create(name=EDITORS)
    for app_label, models in CONTENT.items():
        write = [f"{verb}_{model}" for model in models for verb in ("view", "add", "change")]
        officers.permissions.add(*perms(app_label, write))
        editors.permissions.add(*perms(app_label, write + [f"delete_{m}" for m in models]))
    for app_label, codenames in OFFICERS_EXTRA.items():
        officers.permissions.add(*perms(app_label, codenames))
    for app_label, codenames in EDITORS_EXTRA.items():
        editors.permissions.add(*perms(app_label, codenames))
    return officers, editors
