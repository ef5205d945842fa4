#!/usr/bin/env python
"""How fast the ledger appends and verifies, against bare SHA-256 hashing of the same bytes.

    python bench/bench_ledger.py                 # a temporary SQLite database (WAL)
    python bench/bench_ledger.py --postgres      # a throwaway PostgreSQL database
    python bench/bench_ledger.py --entries 50000 --batch 1000 --rounds 7 --check

It appends ``--entries`` entries to one chain with ``ledger.append`` (``--batch`` per
transaction), then verifies the chain with ``ledger.verify_chain``, and prints entries per
second for each, with two baselines measured in the same run over the very same bytes:

- *bare hashing*: the SHA-256 chain over the stored contents, already in memory;
- *bare read + hashing*: reading the stored contents from the database, in order, and
  chaining their SHA-256 — the least any verifier of stored bytes has to do.

The target is verify >= 0.5 of bare hashing. Timings are the best of ``--rounds``, taken in
turns, so a busy machine disturbs them less. ``--check`` exits 1 if verify is below 0.5 of
the read + hashing baseline (the one a database-backed verify can meet; see docs/ledger.md).
For PostgreSQL it uses DATABASE_URL if set, else postgres://postgres@127.0.0.1:5432/postgres,
and creates and drops its own database (named bench_ledger_<pid>).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

CHAIN = "spc_benchledger0000"
TARGET = 0.5


def parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--postgres", action="store_true", help="use a PostgreSQL database")
    parser.add_argument("--entries", type=int, default=20000, help="entries to append")
    parser.add_argument("--batch", type=int, default=500, help="entries per transaction")
    parser.add_argument("--rounds", type=int, default=5, help="take the best of this many")
    parser.add_argument("--check", action="store_true",
                        help="exit 1 when verify is below 0.5 of bare read + hashing")
    return parser.parse_args()


def setup(postgres: bool, data_dir: str) -> Callable[[], None]:
    """Set up Django on a fresh database; return what tears it down."""
    os.environ["SHAREDSPACE_DATA_DIR"] = data_dir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sharedspace.settings")
    if postgres:
        os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    else:
        os.environ.pop("DATABASE_URL", None)  # the default: SQLite in the data folder
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    if not postgres:
        call_command("migrate", verbosity=0)
        return lambda: connection.close()
    connection.settings_dict.setdefault("TEST", {})["NAME"] = f"bench_ledger_{os.getpid()}"
    original = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    return lambda: connection.creation.destroy_test_db(original, verbosity=0)


def timed(work: Callable[[], Any]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def require(condition: bool, message: str) -> None:
    """Stop the benchmark when what it measured is not what it meant to measure."""
    if not condition:
        raise SystemExit(f"bench_ledger: {message}")


def main() -> int:
    args = parse()
    data_dir = tempfile.mkdtemp(prefix="bench-ledger-")
    teardown = setup(args.postgres, data_dir)
    try:
        return run(args)
    finally:
        teardown()
        shutil.rmtree(data_dir, ignore_errors=True)


def append_all(chain: str, entries: int, batch: int) -> None:
    from django.db import transaction

    from sharedspace.governance import ledger

    body = hashlib.sha256(b"A comment someone wrote.").hexdigest()
    for start in range(0, entries, batch):
        with transaction.atomic():
            for i in range(start, min(start + batch, entries)):
                ledger.append(chain=chain, action="comment.add", person="per_benchperson00001",
                              party="pty_benchparty000001",
                              data={"comment": f"cmt_{i:016d}", "proposal": None,
                                    "body_sha256": body})


def stored_contents(chain: str) -> list[bytes]:
    from django.db import connection

    column = ("CAST(content AS BLOB)" if connection.vendor == "sqlite"
              else "convert_to(content, 'UTF8')")
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM governance_ledgerentry"  # noqa: S608 - constant
                       " WHERE chain = %s ORDER BY seq", [chain])
        return [bytes(row[0]) for row in cursor.fetchall()]


def bare_hashing(contents: list[bytes]) -> str:
    prev = b"0" * 64
    sha256 = hashlib.sha256
    for content in contents:
        prev = sha256(prev + b"\n" + content).hexdigest().encode()
    return prev.decode()


def bare_read_and_hash(chain: str) -> str:
    from django.db import connection

    column = ("CAST(content AS BLOB)" if connection.vendor == "sqlite"
              else "convert_to(content, 'UTF8')")
    prev = b"0" * 64
    sha256 = hashlib.sha256
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM governance_ledgerentry"  # noqa: S608 - constant
                       " WHERE chain = %s ORDER BY seq", [chain])
        while rows := cursor.fetchmany(5000):
            for (content,) in rows:
                prev = sha256(prev + b"\n" + content).hexdigest().encode()
    return prev.decode()


def run(args: argparse.Namespace) -> int:
    from django.db import connection

    from sharedspace.governance import ledger

    n = args.entries
    # Appending, with the app's listeners (the audit's running counters) and without.
    listeners = list(ledger._listeners)
    with_listeners = timed(lambda: append_all(CHAIN + "l", min(n, 2000), args.batch))
    ledger._listeners.clear()
    try:
        appending = timed(lambda: append_all(CHAIN, n, args.batch))
    finally:
        ledger._listeners.extend(listeners)
    contents = stored_contents(CHAIN)
    require(len(contents) == n, f"expected {n} entries, found {len(contents)}")

    times: dict[str, list[float]] = {"hash": [], "read": [], "verify": [], "careful": []}
    for _ in range(args.rounds):  # in turns, so load on the machine hits all alike
        times["hash"].append(timed(lambda: bare_hashing(contents)))
        times["read"].append(timed(lambda: bare_read_and_hash(CHAIN)))
        times["verify"].append(timed(lambda: ledger.verify_chain(CHAIN)))
    times["careful"].append(timed(lambda: ledger._careful(CHAIN)))
    verdict = ledger.verify_chain(CHAIN)
    require(verdict.ok and verdict.entries == n, f"the chain does not verify: {verdict}")
    require(ledger._fast_count(CHAIN) is not None, "verify did not take its fast path")
    require(bare_read_and_hash(CHAIN) == bare_hashing(contents) == verdict_hash(CHAIN),
            "the baselines did not hash the same bytes as the ledger")

    rate = {key: n / min(value) for key, value in times.items()}
    rows = [
        ("bare SHA-256 chain, in memory", rate["hash"]),
        ("bare read + SHA-256 chain", rate["read"]),
        (f"append, ledger only (batches of {args.batch})", n / appending),
        ("append, with the app's listeners", min(n, 2000) / with_listeners),
        ("verify_chain", rate["verify"]),
        ("verify_chain, careful path only", rate["careful"]),
    ]
    where = "PostgreSQL" if connection.vendor == "postgresql" else "SQLite (WAL, file)"
    size = sum(map(len, contents)) / n
    print(f"Ledger benchmark on {where}: {n} entries of {size:.0f} bytes, "
          f"best of {args.rounds} rounds")
    print(f"{'measure':46} {'entries/s':>12} {'x bare hashing':>15} {'x read+hash':>12}")
    for label, value in rows:
        print(f"{label:46} {value:12,.0f} {value / rate['hash']:15.3f} "
              f"{value / rate['read']:12.3f}")
    against_hash = rate["verify"] / rate["hash"]
    against_read = rate["verify"] / rate["read"]
    print(f"verify: {against_hash:.2f} of bare hashing, {against_read:.2f} of bare read + "
          f"hashing (target {TARGET})")
    return 1 if args.check and against_read < TARGET else 0


def verdict_hash(chain: str) -> str:
    from sharedspace.governance.models import ChainHead

    return ChainHead.objects.get(chain=chain).hash


if __name__ == "__main__":
    sys.exit(main())
