"""Database triggers that make the ledger append-only (DESIGN §4 rule 2).

The database itself refuses UPDATE and DELETE (and TRUNCATE on PostgreSQL) on the ledger
table. The only way round is the maintenance switch: a row in the table
``governance_chain_maintenance``, which only ``manage.py flush`` sets, because wiping a
whole database (as the test runner does between tests) must stay possible.

CONTRACT: "the ledger is one table whose name contains ``ledger``". So no other table's name
may contain it: the switch was ``governance_ledger_maintenance`` until migration 0010.
"""

from __future__ import annotations

from typing import Any

# Every statement below is built from constants of this module, never from input.
# ruff: noqa: S608

LEDGER = "governance_ledgerentry"
SWITCH = "governance_chain_maintenance"
MESSAGE = "ledger entries are append-only: they cannot be changed or deleted"

SQLITE_CREATE = [
    f"CREATE TABLE IF NOT EXISTS {SWITCH} (on_since TEXT NOT NULL)",
    f"""CREATE TRIGGER IF NOT EXISTS ledger_refuse_update BEFORE UPDATE ON {LEDGER}
        WHEN NOT EXISTS (SELECT 1 FROM {SWITCH})
        BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""",
    f"""CREATE TRIGGER IF NOT EXISTS ledger_refuse_delete BEFORE DELETE ON {LEDGER}
        WHEN NOT EXISTS (SELECT 1 FROM {SWITCH})
        BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS ledger_refuse_update",
    "DROP TRIGGER IF EXISTS ledger_refuse_delete",
    f"DROP TABLE IF EXISTS {SWITCH}",
]

POSTGRES_CREATE = [
    f"CREATE TABLE IF NOT EXISTS {SWITCH} (on_since timestamptz NOT NULL)",
    f"""CREATE OR REPLACE FUNCTION ledger_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF EXISTS (SELECT 1 FROM {SWITCH}) THEN
                IF TG_OP = 'TRUNCATE' THEN RETURN NULL; END IF;
                IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
                RETURN NEW;
            END IF;
            RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'insufficient_privilege';
        END $$""",
    f"""CREATE TRIGGER ledger_refuse_change BEFORE UPDATE OR DELETE ON {LEDGER}
        FOR EACH ROW EXECUTE FUNCTION ledger_refuse()""",
    f"""CREATE TRIGGER ledger_refuse_truncate BEFORE TRUNCATE ON {LEDGER}
        FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse()""",
]
POSTGRES_DROP = [
    f"DROP TRIGGER IF EXISTS ledger_refuse_change ON {LEDGER}",
    f"DROP TRIGGER IF EXISTS ledger_refuse_truncate ON {LEDGER}",
    "DROP FUNCTION IF EXISTS ledger_refuse()",
    f"DROP TABLE IF EXISTS {SWITCH}",
]


def create(connection: Any) -> None:
    statements = POSTGRES_CREATE if connection.vendor == "postgresql" else SQLITE_CREATE
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def drop(connection: Any) -> None:
    statements = POSTGRES_DROP if connection.vendor == "postgresql" else SQLITE_DROP
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def maintenance(connection: Any, on: bool) -> None:
    """Turn the switch on or off. Used only by ``flush``."""
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {SWITCH}")
        if on:
            cursor.execute(f"INSERT INTO {SWITCH} (on_since) VALUES (CURRENT_TIMESTAMP)")
