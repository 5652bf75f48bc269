"""A database made before the audit trail moved to workflow/ and the public version to
public_cache/ (main at 8975234: newsroom's migrations up to 0005) migrates forward with
every row, its permissions and the editors' groups intact, and back again."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

#: The newest migration of every app at 8975234, the last commit before the move.
BEFORE_THE_MOVE = [
    ("newsroom", "0005_audit_edits"),
    ("releases", "0006_covering_publication_indexes"),
    ("events", "0003_expiry_and_end_indexes"),
    ("organizations", "0002_logo_and_portrait_images"),
    ("attachments", "0002_plain_image_upload_field"),
    ("search", "0002_rebuild_with_facets"),
    ("workflow", None),
    ("public_cache", None),
]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state([t for t in targets if t[1]] or None).apps


def latest():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


@pytest.mark.django_db(transaction=True)
def test_the_audit_trail_and_the_public_version_survive_the_move():
    old = migrate(BEFORE_THE_MOVE)
    ContentType = old.get_model("contenttypes", "ContentType")
    User = old.get_model("auth", "User")
    editor = User.objects.create(username="editor-before-the-move")
    release_type = ContentType.objects.get(app_label="releases", model="pressrelease")
    OldStateChange = old.get_model("newsroom", "StateChange")
    for pk, (before, after) in enumerate([("draft", "in_review"), ("in_review", "scheduled")]):
        OldStateChange.objects.create(
            content_type=release_type,
            object_id=pk + 1,
            action="submit",
            from_state=before,
            to_state=after,
            user=editor,
            at="2017-05-30T07:00:00Z",
            change_message='[{"changed": {"fields": ["Title"]}}]' if pk else "",
        )
    token = old.get_model("newsroom", "PublicVersion").objects.get(pk=1).token
    # The role migrations made the group; a test run that emptied the tables did not.
    editors, _ = old.get_model("auth", "Group").objects.get_or_create(name="Editors")
    editors.permissions.add(
        old.get_model("auth", "Permission").objects.get(
            content_type__app_label="newsroom", codename="view_statechange"
        )
    )
    editors_could = set(editors.permissions.values_list("content_type__app_label", "codename"))
    assert ("newsroom", "view_statechange") in editors_could

    new = migrate(latest())
    StateChange = new.get_model("workflow", "StateChange")
    rows = list(
        StateChange.objects.order_by("pk").values_list(
            "object_id", "from_state", "to_state", "user__username", "change_message"
        )
    )
    assert rows == [
        (1, "draft", "in_review", "editor-before-the-move", ""),
        (
            2,
            "in_review",
            "scheduled",
            "editor-before-the-move",
            '[{"changed": {"fields": ["Title"]}}]',
        ),
    ]
    assert new.get_model("public_cache", "PublicVersion").objects.get(pk=1).token == token
    NewContentType = new.get_model("contenttypes", "ContentType")
    assert not NewContentType.objects.filter(app_label="newsroom").exists()
    editors_can = set(
        new.get_model("auth", "Group")
        .objects.get(name="Editors")
        .permissions.values_list("content_type__app_label", "codename")
    )
    moved = {
        (("workflow" if (app, codename) == ("newsroom", "view_statechange") else app), codename)
        for app, codename in editors_could
    }
    assert ("workflow", "view_statechange") in moved and moved <= editors_can

    # And back: the rows are still there under the old names.
    back = migrate(BEFORE_THE_MOVE)
    assert back.get_model("newsroom", "StateChange").objects.count() == 2
    migrate(latest())


@pytest.mark.django_db(transaction=True)
def test_moving_again_after_going_back_keeps_every_grant():
    """``migrate`` back, then a later ``migrate`` lets Django make the new content type
    and its permissions again: moving forward must not drop the old grants with the
    old content type."""
    old = migrate(BEFORE_THE_MOVE)
    editors, _ = old.get_model("auth", "Group").objects.get_or_create(name="Editors")
    Permission = old.get_model("auth", "Permission")
    editors.permissions.add(
        Permission.objects.get(content_type__app_label="newsroom", codename="view_statechange")
    )
    ContentType = old.get_model("contenttypes", "ContentType")
    made_again = ContentType.objects.create(app_label="workflow", model="statechange")
    Permission.objects.create(
        content_type=made_again, codename="view_statechange", name="Can view state change"
    )

    new = migrate(latest())
    group = new.get_model("auth", "Group").objects.get(name="Editors")
    assert group.permissions.filter(
        content_type__app_label="workflow", codename="view_statechange"
    ).exists()
    types = new.get_model("contenttypes", "ContentType").objects
    assert types.filter(model="statechange").count() == 1


def test_a_database_made_at_the_commit_before_the_move_migrates_with_everything_in_it(
    tmp_path,
):
    """database_at_8975234.sqlite3.gz was made by the code of 8975234 itself (its
    ``migrate``, ``load_demo``, two staff users and three audit entries written by its
    ``StateChange``); today's ``migrate`` takes it forward."""
    import gzip
    import os
    import sqlite3
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    database = tmp_path / "newsroom.sqlite3"
    database.write_bytes(
        gzip.decompress((Path(__file__).parent / "database_at_8975234.sqlite3.gz").read_bytes())
    )

    def rows(sql):
        with sqlite3.connect(database) as connection:
            return connection.execute(sql).fetchall()

    trail = "SELECT action, from_state, to_state, change_message FROM newsroom_statechange"
    trail_before, token_before = (
        rows(trail + " ORDER BY id"),
        rows("SELECT token FROM newsroom_publicversion"),
    )
    grants = (
        "SELECT g.name, t.app_label, p.codename FROM auth_group g "
        "JOIN auth_group_permissions gp ON gp.group_id = g.id "
        "JOIN auth_permission p ON p.id = gp.permission_id "
        "JOIN django_content_type t ON t.id = p.content_type_id"
    )
    grants_before = set(rows(grants))
    assert ("Editors", "newsroom", "view_statechange") in grants_before and len(trail_before) == 3

    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "ENV_FILE": os.devnull,
        "DEBUG": "true",
        "DATABASE_URL": f"sqlite:///{database}",
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr

    assert rows(trail + " ORDER BY id") == trail_before
    assert rows("SELECT token FROM newsroom_publicversion") == token_before
    moved = {
        (group, "workflow" if app == "newsroom" else app, codename)
        for group, app, codename in grants_before
    }
    assert moved <= set(rows(grants))
    assert rows("SELECT app_label FROM django_content_type WHERE model = 'statechange'") == [
        ("workflow",)
    ]
    assert rows("SELECT name FROM identity_siteidentity") == [("Newsroom",)]
