"""The ledger's maintenance switch moves to ``governance_chain_maintenance``.

CONTRACT says the ledger is the one table whose name contains ``ledger``; the switch table
was named ``governance_ledger_maintenance``, so a tool looking the ledger up by name found
two. The triggers read the switch, so they are dropped with the old table and made again
(db_guards) reading the new one. The switch is only ever on while ``flush`` runs.
"""

from django.db import migrations

from sharedspace.governance import db_guards

OLD_SQLITE = [
    "DROP TRIGGER IF EXISTS ledger_refuse_update",
    "DROP TRIGGER IF EXISTS ledger_refuse_delete",
    "DROP TABLE IF EXISTS governance_ledger_maintenance",
]
OLD_POSTGRES = [
    "DROP TRIGGER IF EXISTS ledger_refuse_change ON governance_ledgerentry",
    "DROP TRIGGER IF EXISTS ledger_refuse_truncate ON governance_ledgerentry",
    "DROP FUNCTION IF EXISTS ledger_refuse()",
    "DROP TABLE IF EXISTS governance_ledger_maintenance",
]


def move_switch(apps, schema_editor):
    connection = schema_editor.connection
    old = OLD_POSTGRES if connection.vendor == "postgresql" else OLD_SQLITE
    with connection.cursor() as cursor:
        for sql in old:
            cursor.execute(sql)
    db_guards.drop(connection)  # a database made new already has the new names
    db_guards.create(connection)


class Migration(migrations.Migration):
    dependencies = [
        ("governance", "0009_membership_added_by_confirmed"),
    ]

    operations = [
        migrations.RunPython(move_switch, migrations.RunPython.noop),
    ]
