"""For a model that moved to another app with its table (see 0006): its content type,
and with it its permissions and whatever names it, follows it to the new app."""

from django.db import migrations


def move_content_type(model, old_app, new_app):
    """A RunPython operation that moves ``old_app.model``'s content type to ``new_app``."""

    def move(source, target):
        def run(apps, schema_editor):
            types = apps.get_model("contenttypes", "ContentType").objects.using(
                schema_editor.connection.alias)
            old = types.filter(app_label=source, model=model).first()
            new = types.filter(app_label=target, model=model).first()
            if old is None:
                return
            if new is None:
                old.app_label = target
                old.save()
                return
            # Both exist (``migrate`` back, then Django made the other one): keep the
            # new one, with every permission and every grant of the old one.
            permissions = apps.get_model("auth", "Permission").objects.using(
                schema_editor.connection.alias)
            for permission in permissions.filter(content_type=old):
                kept = permissions.filter(content_type=new, codename=permission.codename).first()
                if kept is None:
                    permission.content_type = new
                    permission.save()
                    continue
                for group in permission.group_set.all():
                    group.permissions.add(kept)
                for user in permission.user_set.all():
                    user.user_permissions.add(kept)
            old.delete()

        return run

    return migrations.RunPython(move(old_app, new_app), move(new_app, old_app))
