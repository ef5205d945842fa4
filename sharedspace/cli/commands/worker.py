"""`sharedspace worker`: run the background tasks (the audits of uploaded records).

It is django-tasks' database worker (`db_worker` of django_tasks_db) with our defaults: no
code reloading, its log on standard error. `sharedspace serve` starts one as a child process
(unless `--no-worker`); run more, on any machine that shares the database, for more imports
at once. With `--stop-with PID` it stops by itself when that process has gone (so a worker
started by `serve` never outlives it, even when `serve` is killed). When it starts, it marks
imports whose worker stopped as failed and deletes old finished ones (``upkeep.tidy``).
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
import time
from typing import Any


def _seconds(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of seconds") from None
    if not 0 <= number <= 3600:
        raise argparse.ArgumentTypeError("give a number of seconds from 0 to 3600")
    return number


def add(subparsers: Any) -> None:
    worker = subparsers.add_parser(
        "worker",
        help="run background tasks (audits of uploaded records)",
        description=(
            "Run the background tasks that the web pages queue, such as the audit of an "
            "uploaded file. `sharedspace serve` starts one by itself; run this for more, or "
            "with `serve --no-worker` on another machine. Runs until stopped (Ctrl+C)."
        ),
    )
    worker.add_argument("--batch", action="store_true", help="run the tasks waiting now, then stop")
    worker.add_argument(
        "--interval",
        type=_seconds,
        default=2.0,
        help="seconds between looks for new tasks when there are none (default: 2)",
    )
    worker.add_argument("--stop-with", type=int, metavar="PID", help=argparse.SUPPRESS)
    worker.set_defaults(run=run_worker, needs_db=True)


def _stop_when_gone(pid: int) -> None:
    """Ask this worker to stop (as Ctrl+C would) once process `pid` is no longer there."""

    def watch() -> None:
        while True:
            time.sleep(1)
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                break
            except PermissionError:  # there, but someone else's: still alive
                continue
            if os.getppid() != pid:  # our parent died and another process took its pid
                break
        os.kill(os.getpid(), signal.SIGTERM)

    threading.Thread(target=watch, name="stop-with", daemon=True).start()


def run_worker(args: argparse.Namespace) -> int:
    from django.core.management import call_command

    from sharedspace.imports.jobs import upkeep

    if args.stop_with:
        _stop_when_gone(args.stop_with)
    # Imports left "running" by a worker that stopped, and old finished ones (ADR 0019).
    print(upkeep.tidy(), file=sys.stderr)
    print("Shared Space worker: running background tasks (Ctrl+C stops it)", file=sys.stderr)
    try:
        call_command(
            "db_worker",
            batch=args.batch,
            interval=args.interval,
            reload=False,
            startup_delay=not args.batch,
            verbosity=1,
            stdout=sys.stderr,
            stderr=sys.stderr,
        )
    except SystemExit as stop:  # the worker's own way of stopping on a signal
        return stop.code if isinstance(stop.code, int) else 0
    return 0
