"""Benchmark of the power audit: a report must cost little however long the ledger.

    .venv/bin/python bench/bench_audit.py [--big] [--sizes 100,10000] [--json]

For spaces with 100 and 10,000 ledger entries (and 1,000,000 with ``--big``) it reports:
- the time to build the audit report (reads the running counters, so it should not grow with
  the ledger) and the ratio largest / smallest;
- the recount throughput (entries per second folded from the stored ledger);
- the append rate while generating (governance actions, each with its counter update).

Entries are made by calling governance actions in a loop (a shared space where proposals are
made and passed, comments written and money given). Beyond the first 10,000 (``--big``) they
are comment entries written in bulk, hashed and chained exactly as ``ledger.append`` does;
the next real action finds the counters behind and rebuilds them by a recount.

It uses a temporary data folder (SQLite), or the database named by DATABASE_URL if set —
never a real one: the database it makes is its own.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
DATA_DIR = tempfile.mkdtemp(prefix="sharedspace-bench-")
os.environ["SHAREDSPACE_DATA_DIR"] = DATA_DIR
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sharedspace.settings")
os.environ.setdefault("SHAREDSPACE_LOG_LEVEL", "WARNING")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from sharedspace.audit import engine  # noqa: E402
from sharedspace.governance import actions, ledger  # noqa: E402
from sharedspace.governance.models import ChainHead, LedgerEntry  # noqa: E402

REPORT_RUNS = 20


def _cast() -> dict:
    people = {
        k: actions.person_create(email=f"{k}@bench.example", name=k.title())
        for k in ("carol", "sam", "mo", "ria")
    }
    council = actions.party_create(
        actor=people["carol"], name="Council team", kind="organisation", decision_rule="speaker"
    )
    group = actions.party_create(
        actor=people["sam"], name="Self-advocates", kind="people", decision_rule="majority"
    )
    for k in ("mo", "ria"):
        actions.party_member_add(
            actor=people["sam"], party_id=group.pk, email=f"{k}@bench.example", roles=["member"]
        )
    return {**people, "council": council, "group": group}


def _shared_space(c: dict) -> str:
    space = actions.space_create(
        actor=c["carol"],
        title="Bench",
        purpose="Benchmark",
        holders=[c["council"].pk, c["group"].pk],
        claimed_approach="coproduction",
        charter={"purpose": "Benchmark"},
    )
    invitation = space.invitations.get(state="open")
    actions.invitation_accept(actor=c["sam"], invitation_id=invitation.pk)
    return space.pk


def _head(space_id: str) -> int:
    return ChainHead.objects.get(chain=space_id).seq


def _cycle(c: dict, space_id: str, i: int) -> None:
    """One round of ordinary life: a proposal passed by consent, a comment, a gift."""
    proposer = c["sam"] if i % 2 else c["carol"]
    p = actions.proposal_submit(
        actor=proposer, space_id=space_id, kind="decision", title=f"Decision {i}"
    )
    actions.position_give(
        actor=c["carol"], proposal_id=p.pk, party=c["council"].pk, position="agree"
    )
    for person in (c["sam"], c["mo"]):
        actions.position_give(actor=person, proposal_id=p.pk, party=c["group"].pk, position="agree")
    actions.comment_add(actor=c["ria"], space_id=space_id, body=f"Comment {i}")
    party, person = (c["council"], c["carol"]) if i % 3 else (c["group"], c["sam"])
    actions.fund_commit(actor=person, space_id=space_id, party=party.pk, amount="10.00")


def _fill_with_actions(c: dict, space_id: str, target: int) -> None:
    i = 0
    while _head(space_id) < target:
        _cycle(c, space_id, i)
        i += 1


def _fill_in_bulk(c: dict, space_id: str, target: int, batch: int = 20_000) -> None:
    """Write comment entries straight into the chain, hashed exactly as ``ledger.append``
    does, then let one real action bring the counters up to date (a recount)."""
    person, party = c["ria"].pk, c["group"].pk
    head = ChainHead.objects.get(chain=space_id)
    seq, prev = head.seq, head.hash
    at = timezone.now()
    stamp = ledger.format_time(at)
    data = {"comment": None, "proposal": None, "body_sha256": ledger.digest("bench")}
    rows: list[LedgerEntry] = []
    while seq < target - 1:
        seq += 1
        content = ledger.canonical(
            {
                "v": ledger.FORMAT_VERSION,
                "chain": space_id,
                "seq": seq,
                "at": stamp,
                "action": "comment.add",
                "actor": {"person": person, "party": party},
                "data": data,
            }
        )
        digest = ledger.chain_hash(prev, content)
        rows.append(
            LedgerEntry(
                chain=space_id,
                seq=seq,
                action="comment.add",
                at=at,
                content=content,
                prev_hash=prev,
                hash=digest,
            )
        )
        prev = digest
        if len(rows) == batch or seq == target - 1:
            with transaction.atomic():
                LedgerEntry.objects.bulk_create(rows)
                ChainHead.objects.filter(chain=space_id).update(seq=seq, hash=prev)
            rows = []
            print(f"  {seq:,} entries", file=sys.stderr)
    actions.comment_add(actor=c["ria"], space_id=space_id, body="The last one")


def _time_report(space_id: str) -> float:
    engine.audit_space(space_id)  # warm
    start = time.perf_counter()
    for _ in range(REPORT_RUNS):
        engine.audit_space(space_id)
    return (time.perf_counter() - start) / REPORT_RUNS


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--big", action="store_true", help="also a space of 1,000,000 entries")
    parser.add_argument("--sizes", default="100,10000", help="comma-separated entry counts")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument(
        "--by-actions",
        type=int,
        default=10_000,
        metavar="N",
        help="make at most N entries per space by actions, the rest in bulk",
    )
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    if args.big:
        sizes.append(1_000_000)
    call_command("migrate", verbosity=0)
    c = _cast()
    results = []
    for size in sizes:
        space_id = _shared_space(c)
        start = time.perf_counter()
        _fill_with_actions(c, space_id, min(size, args.by_actions))
        if size > args.by_actions:
            _fill_in_bulk(c, space_id, size)
        fill = time.perf_counter() - start
        entries = _head(space_id)
        report_s = _time_report(space_id)
        start = time.perf_counter()
        engine.recount(space_id)
        recount_s = time.perf_counter() - start
        same = engine.compare(space_id) == []
        results.append(
            {
                "entries": entries,
                "report_ms": round(report_s * 1000, 3),
                "recount_s": round(recount_s, 3),
                "recount_entries_per_s": round(entries / recount_s),
                "append_entries_per_s": round(entries / fill),
                "counters_match_recount": same,
            }
        )
        print(
            f"{entries:>9,} entries: report {report_s * 1000:7.2f} ms, recount "
            f"{recount_s:7.2f} s ({entries / recount_s:,.0f} entries/s), appends "
            f"{entries / fill:,.0f} entries/s, counters match recount: {same}",
            file=sys.stderr,
        )
    ratio = results[-1]["report_ms"] / results[0]["report_ms"]
    summary = {
        "database": django.db.connection.vendor,
        "results": results,
        "report_ratio_largest_smallest": round(ratio, 2),
    }
    if args.json:
        print(json.dumps(summary, indent=2))
    else:
        print(f"database: {summary['database']}")
        for r in results:
            print(
                f"{r['entries']:>9,} entries  report {r['report_ms']:8.2f} ms  "
                f"recount {r['recount_entries_per_s']:>9,} entries/s  "
                f"appends {r['append_entries_per_s']:>6,} entries/s"
            )
        print(f"report time ratio, largest / smallest: {ratio:.2f}")
    ok = all(r["counters_match_recount"] for r in results)
    return 0 if ok else 1


if __name__ == "__main__":
    try:
        code = main()
    finally:
        shutil.rmtree(DATA_DIR, ignore_errors=True)
    raise SystemExit(code)
