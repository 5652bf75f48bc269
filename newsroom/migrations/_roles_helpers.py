"""Shared by the role migrations: the two groups and their permissions as they were
when these migrations were written (workflow/roles.py holds today's; a migration must
not change when the code does)."""

from django.contrib.auth.management import create_permissions

PRESS_OFFICERS = "Press officers"
EDITORS = "Editors"

CONTENT = {
    "releases": ["pressrelease", "quote", "releaselink", "releasecontact", "topic", "correction"],
    "attachments": ["image", "document"],
    "events": ["event"],
    "organizations": ["organization", "person", "role", "appointment", "presscontact"],
}
OFFICERS_EXTRA = {
    "releases": ["submit_pressrelease"],
    "events": ["submit_event"],
    "newsroom": ["view_statechange"],
}
EDITORS_EXTRA = {
    "releases": ["submit_pressrelease", "publish_pressrelease", "view_embargolink",
                 "add_embargolink", "change_embargolink", "view_embargoaccess"],
    "events": ["submit_event", "publish_event"],
    "newsroom": ["view_statechange"],
}


def ensure_roles(Group, Permission):
    def perms(app_label, codenames):
        # Models added by later migrations are granted when those migrations run.
        return list(Permission.objects.filter(
            content_type__app_label=app_label, codename__in=codenames))

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


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations; these need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    ensure_roles(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))
