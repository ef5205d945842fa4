"""The counters' state version 3 adds ``outside.by_maker`` (each named maker's outside
decisions: confirmed, disputed, unanswered), so the audit can mark the disputed ones per group
(DESIGN §4 rule 11, docs/adr/0033).

Counters kept by an older version are recounted from the ledger here, so that ``sharedspace
audit --recount`` agrees at once. (Without this they would still be right: a stored state of
another version is recounted on read and rewritten on the next append.)
"""

from __future__ import annotations

from django.db import migrations


def recount_old_counters(apps, schema_editor):
    from importlib import import_module

    # The same recount as 0002 (a module name that starts with a digit is imported by name).
    import_module("sharedspace.audit.migrations.0002_recount_for_initiative_months") \
        .recount_old_counters(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0002_recount_for_initiative_months"),
    ]

    operations = [migrations.RunPython(recount_old_counters, migrations.RunPython.noop)]
