"""For a model that moved to another app with its table (see 0006): its content type,
and with it its permissions and whatever names it, follows it to the new app."""

from django.db import migrations


def move_content_type(model, old_app, new_app):
    """A RunPython operation that moves ``old_app.model``'s content type to ``new_app``."""

    def move(source, target):
        def run(apps, schema_editor):
            types = apps.get_model("contenttypes", "ContentType").objects.using(
                schema_editor.connection.alias)
            old = types.filter(app_label=source, model=model)
            if types.filter(app_label=target, model=model).exists():
                old.delete()  # made meanwhile (a migration run back and forth): keep one
            else:
                old.update(app_label=target)

        return run

    return migrations.RunPython(move(old_app, new_app), move(new_app, old_app))
