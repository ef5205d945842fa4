"""Start Django, and create or migrate the database without asking anything.

Every command that touches the database calls ``ensure_database`` first (CONTRACT.md:
"Every command creates or migrates the database when it needs to; none asks a question").
Migration notices go to standard error, so standard output keeps only the result.
"""

from __future__ import annotations

import os
import sys

from .errors import BAD_INPUT, CommandFailed


def setup_django() -> None:
    """Load the settings (from the environment) and the apps. Safe to call twice."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sharedspace.settings")
    import django
    from django.core.exceptions import ImproperlyConfigured

    try:
        django.setup()
    except ImproperlyConfigured as exc:
        raise CommandFailed(f"The settings are not right: {exc}", code=BAD_INPUT) from None


def _describe_database() -> str:
    from django.db import connection

    if connection.vendor == "sqlite":
        return f"the SQLite database at {connection.settings_dict['NAME']}"
    host = connection.settings_dict.get("HOST") or "localhost"
    return f"the database {connection.settings_dict.get('NAME')!r} on {host}"


def _create_missing_postgres_database() -> bool:
    """On PostgreSQL, create the database DATABASE_URL names if it does not exist yet."""
    from django.db import DatabaseError, connection

    if connection.vendor != "postgresql":
        return False
    name = connection.settings_dict.get("NAME")
    if not name:
        return False
    try:
        with connection._nodb_cursor() as cursor:
            cursor.execute(f"CREATE DATABASE {connection.ops.quote_name(name)}")
    except DatabaseError:
        return False
    print(f"Created the PostgreSQL database {name!r}.", file=sys.stderr)
    return True


def _connect() -> None:
    from django.db import OperationalError, connection

    try:
        connection.ensure_connection()
        return
    except OperationalError as exc:
        missing = "does not exist" in str(exc)
        if not (missing and _create_missing_postgres_database()):
            raise CommandFailed(
                f"Could not open {_describe_database()}: {str(exc).strip()}\n"
                "Check DATABASE_URL (or SHAREDSPACE_DATA_DIR for SQLite).",
                code=BAD_INPUT,
            ) from None
    try:
        connection.ensure_connection()
    except OperationalError as exc:
        raise CommandFailed(
            f"Could not open {_describe_database()}: {str(exc).strip()}", code=BAD_INPUT
        ) from None


def pending_migrations() -> int:
    """How many migrations the database still needs."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    targets = executor.loader.graph.leaf_nodes()
    return len(executor.migration_plan(targets))


def ensure_database(*, verbosity: int = 0) -> int:
    """Create or migrate the database if it needs it. Returns how many migrations ran."""
    from django.core.management import call_command

    _connect()
    needed = pending_migrations()
    if needed:
        print(
            f"Setting up {_describe_database()} ({needed} "
            f"{'step' if needed == 1 else 'steps'})...",
            file=sys.stderr,
        )
        call_command(
            "migrate",
            interactive=False,
            verbosity=verbosity,
            stdout=sys.stderr,
            stderr=sys.stderr,
        )
    return needed
