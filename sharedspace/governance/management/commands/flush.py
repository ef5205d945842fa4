"""Django's ``flush``, able to wipe the append-only ledger table too.

Wiping a whole database is a deliberate act (the test runner does it between tests);
changing or deleting single ledger entries stays refused by the database.
"""

from typing import Any

from django.core.management.commands.flush import Command as FlushCommand
from django.db import connections

from ... import db_guards


class Command(FlushCommand):
    def handle(self, **options: Any) -> None:
        connection = connections[options["database"]]
        db_guards.maintenance(connection, on=True)
        try:
            super().handle(**options)
        finally:
            db_guards.maintenance(connection, on=False)
