"""Large imports stream: memory stays flat however many rows there are."""

from __future__ import annotations

import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

from sharedspace.imports import open_source

ROWS = 1_000_000
BAD_EVERY = 250  # one row in 250 is bad, so the capped bad-row list fills up and stops there
WINDOW = 5_000  # rows traced at a time
TRACE_EVERY = 250_000
MiB = 1024 * 1024


def _generate(path: Path, rows: int) -> None:
    """A log of `rows` rows (header aside), written in blocks; every BAD_EVERY-th is bad."""
    kinds = [
        "2024-{m:02d}-{d:02d},Valley Council,organisation,propose,own,,,,,,P-{i}\n",
        "2024-{m:02d}-{d:02d}T10:30:00,Speaking Up Together,people,propose,host,"
        "Valley Council,,,,,Q-{i}\n",
        "2024-{m:02d}-{d:02d},Valley Council,organisation,decide,own,,,passed,,,Q-{i}\n",
        "2024-{m:02d}-{d:02d},Speaking Up Together,people,commit,shared,,,visible,125.50,GBP,\n",
    ]
    bad = "2024-{m:02d}-{d:02d},Valley Council,organisation,vote,own,,,,,,\n"
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(
            "when,party,party_kind,action,venue,host,target,outcome,amount,currency,reference\n"
        )
        block: list[str] = []
        for i in range(rows):
            template = bad if i % BAD_EVERY == BAD_EVERY - 1 else kinds[i % 4]
            block.append(template.format(m=1 + i % 12, d=1 + i % 28, i=i))
            if len(block) == 10_000:
                out.write("".join(block))
                block.clear()
        out.write("".join(block))


def _take(records: Iterator[object], count: int) -> int:
    taken = 0
    for _ in records:
        taken += 1
        if taken == count:
            break
    return taken


def test_a_million_rows_stream_in_flat_memory(tmp_path: Path) -> None:
    """A million generated rows import in constant memory. tracemalloc slows every
    allocation down several times, so it watches windows of the import rather than all of
    it: the opening and first rows (reading the whole file up front would show here), then
    5,000 rows every 250,000. In each window the peak stays under 8 MiB, and what is still
    held at its end stays under 512 KiB after the first window (keeping records, or bad rows
    beyond the cap, would show as growth: 100 bytes a row is already too much). Every row is
    accounted for: read, or reported bad."""
    path = tmp_path / "big.csv"
    _generate(path, ROWS)
    assert path.stat().st_size > 50 * MiB

    windows: list[tuple[int, int, int]] = []  # (rows read before, peak, still held)
    started = time.perf_counter()
    tracemalloc.start()
    stream = open_source(path, "csv")
    records = iter(stream)
    read = _take(records, WINDOW)
    current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    windows.append((0, peak, current))
    while True:
        gap = TRACE_EVERY - read % TRACE_EVERY
        step = _take(records, gap)
        read += step
        if step < gap:
            break
        tracemalloc.start()
        step = _take(records, WINDOW)
        current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        windows.append((read, peak, current))
        read += step
        if step < WINDOW:
            break
    stream.close()
    elapsed = time.perf_counter() - started

    bad = ROWS // BAD_EVERY
    assert read == ROWS - bad
    assert stream.bad_row_count == bad
    assert stream.bad_rows_by_reason == {"unknown_action": bad}
    assert len(stream.bad_rows) == stream.max_bad_rows
    assert len(windows) >= 4
    for before, peak, held in windows:
        assert peak < 8 * MiB, f"peak {peak / MiB:.1f} MiB in the window after row {before}"
        # the first window also holds the read buffers made on opening (under 1 MiB)
        limit = 2 * MiB if before == 0 else MiB // 2
        assert held < limit, f"{held / MiB:.2f} MiB still held after row {before}"
    assert elapsed < 300  # a generous bound; bench/bench_imports.py measures speed
