"""The counters' state version 2 adds ``initiative_months`` (initiatives per party per month).

Counters kept by version 1 are recounted from the ledger here, so that ``sharedspace audit
--recount`` agrees at once. (Without this they would still be right: a stored state of another
version is recounted on read and rewritten on the next append, see ``audit.fold.is_current``.)
"""

from __future__ import annotations

import json

from django.db import migrations


def recount_old_counters(apps, schema_editor):
    from sharedspace.audit import fold

    counters = apps.get_model("audit", "SpaceCounters")
    entries = apps.get_model("governance", "LedgerEntry")
    for row in counters.objects.all().iterator():
        if fold.is_current(row.state):
            continue
        state = fold.new_state(row.chain)
        try:
            for content in (entries.objects.filter(chain=row.chain).order_by("seq")
                            .values_list("content", flat=True).iterator(chunk_size=2000)):
                fold.apply(state, json.loads(content))
        except (ValueError, TypeError, AttributeError):
            continue  # an unreadable entry: leave the row; reading it recounts and reports
        row.seq, row.state = state["seq"], state
        row.save(update_fields=["seq", "state"])


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0001_initial"),
        ("governance", "0002_ledger_append_only"),
    ]

    operations = [migrations.RunPython(recount_old_counters, migrations.RunPython.noop)]
