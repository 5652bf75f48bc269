"""Migration operations that only touch a PostgreSQL database."""

from django.db import migrations


class OnPostgreSQLOnly(migrations.operations.base.Operation):
    """Run ``operation`` on PostgreSQL; elsewhere only record it in the migration state,
    so the models (and ``makemigrations --check``) are the same on every database.

    GIN indexes on search vectors mean nothing to SQLite, which would refuse them.
    """

    reversible = True

    def __init__(self, operation):
        self.operation = operation

    def deconstruct(self):
        return (self.__class__.__qualname__, [self.operation], {})

    def state_forwards(self, app_label, state):
        self.operation.state_forwards(app_label, state)

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            self.operation.database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            self.operation.database_backwards(app_label, schema_editor, from_state, to_state)

    def describe(self):
        return f"{self.operation.describe()} (PostgreSQL only)"
