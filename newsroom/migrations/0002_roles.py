"""The two editorial roles, as groups: press officers write, editors publish.

Press officers create and edit drafts and submit them for review. Editors can
also approve, schedule, publish now, unschedule and withdraw, and manage
embargo links. Superusers can do everything. Users are put in a group in the
admin ("Users" → "Groups").
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

PRESS_OFFICERS = "Press officers"
EDITORS = "Editors"

CONTENT = {
    "releases": ["pressrelease", "quote", "releaselink", "releasecontact", "topic", "correction"],
    "events": ["event"],
    "organizations": ["organization", "person", "role", "appointment", "presscontact"],
}


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations; this one needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    def perms(app_label, codenames):
        found = list(Permission.objects.filter(
            content_type__app_label=app_label, codename__in=codenames))
        assert len(found) == len(set(codenames)), (app_label, codenames)
        return found

    officers, _ = Group.objects.get_or_create(name=PRESS_OFFICERS)
    editors, _ = Group.objects.get_or_create(name=EDITORS)
    for app_label, models in CONTENT.items():
        write = [f"{verb}_{model}" for model in models for verb in ("view", "add", "change")]
        officers.permissions.add(*perms(app_label, write))
        editors.permissions.add(*perms(app_label, write + [f"delete_{m}" for m in models]))
    officers.permissions.add(*perms("releases", ["submit_pressrelease"]),
                             *perms("events", ["submit_event"]))
    editors.permissions.add(
        *perms("releases", ["submit_pressrelease", "publish_pressrelease",
                            "view_embargolink", "add_embargolink", "change_embargolink",
                            "view_embargoaccess"]),
        *perms("events", ["submit_event", "publish_event"]),
        *perms("newsroom", ["view_statechange"]),
    )
    officers.permissions.add(*perms("newsroom", ["view_statechange"]))


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[PRESS_OFFICERS, EDITORS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("releases", "0002_workflow"),
        ("events", "0002_workflow"),
        ("organizations", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
