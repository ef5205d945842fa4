"""Running jobs at the same moment, each on its own database connection (PostgreSQL only:
SQLite's in-memory test database cannot run two writers). Shared by the race tests of the
governance core, the once-only form keys and sign-in."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection, connections

#: Mark a module's race tests with this: they are skipped on SQLite.
needs_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="races need PostgreSQL: SQLite's in-memory test database cannot run two writers",
)


def race(
    jobs: list[Callable[[], Any]], *, allowed: tuple[type[BaseException], ...] = ()
) -> list[Any]:
    """Run every job in its own thread, released together; return what each returned, or
    the exception it raised when that is one of ``allowed`` (a refusal the test expects).
    Any other exception fails the test."""
    barrier = threading.Barrier(len(jobs))
    results: list[Any] = [None] * len(jobs)

    def run(i: int, job: Callable[[], Any]) -> None:
        try:
            barrier.wait(timeout=30)
            results[i] = job()
        except Exception as error:  # sorted below
            results[i] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    unexpected = [r for r in results if isinstance(r, Exception) and not isinstance(r, allowed)]
    assert not unexpected, unexpected
    return results
