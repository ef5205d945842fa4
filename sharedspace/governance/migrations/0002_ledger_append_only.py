"""The database refuses UPDATE and DELETE on ledger entries (DESIGN §4 rule 2)."""

from django.db import migrations

from sharedspace.governance import db_guards


def create(apps, schema_editor):  # type: ignore[no-untyped-def]
    db_guards.create(schema_editor.connection)


def drop(apps, schema_editor):  # type: ignore[no-untyped-def]
    db_guards.drop(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("governance", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
