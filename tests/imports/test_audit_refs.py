"""The event log's proposal index: proposals meet their outcomes in any order, in flat
memory (spilled to a temporary SQLite file past a limit), and the helpers of the report."""

from __future__ import annotations

import tracemalloc
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from sharedspace.imports import open_source
from sharedspace.imports.audit import audit_stream
from sharedspace.imports.audit.build import acceptance_sentence, possessive
from sharedspace.imports.audit.refs import ProposalIndex

T0 = datetime(2024, 1, 1, tzinfo=UTC)

# (kind, space, ref, party or outcome, day)
events = st.lists(
    st.tuples(
        st.sampled_from(["proposed", "resolved"]),
        st.sampled_from(["a", "b"]),
        st.sampled_from(["P-1", "P-2", "P-3"]),
        st.sampled_from(["Council", "Group", "passed", "blocked", "withdrawn"]),
        st.integers(0, 5),
    ),
    max_size=30,
)


def _expected(rows):
    """By hand: the first proposer and the latest outcome (file order breaks ties)."""
    proposer: dict = {}
    outcome: dict = {}
    for number, (kind, space, ref, value, day) in enumerate(rows):
        key, at = (space, ref), (day, number)
        if kind == "proposed" and value in ("Council", "Group"):
            if key not in proposer or at < proposer[key][0]:
                proposer[key] = (at, value)
        elif kind == "resolved" and value not in ("Council", "Group") and (
            key not in outcome or at >= outcome[key][0]
        ):
            outcome[key] = (at, value)
    keys = set(proposer) | set(outcome)
    return [(k[0], proposer.get(k, (None, None))[1], outcome.get(k, (None, None))[1])
            for k in keys]


def _run(rows, spill_at):
    index = ProposalIndex(spill_at=spill_at)
    for number, (kind, space, ref, value, day) in enumerate(rows):
        when = T0 + timedelta(days=day)
        if kind == "proposed" and value in ("Council", "Group"):
            index.proposed(space, ref, value, when, number)
        elif kind == "resolved" and value not in ("Council", "Group"):
            index.resolved(space, ref, value, when, number)
    try:
        return sorted(index.results(), key=lambda r: tuple(str(x) for x in r)), index.spilled
    finally:
        index.close()


@given(events)
def test_first_proposer_and_latest_outcome_in_any_order(rows):
    """Whatever the order of the rows, a proposal's proposer is its earliest `propose` and
    its outcome its latest decision, in memory or spilled to disk every two entries."""
    expected = sorted(_expected(rows), key=lambda r: tuple(str(x) for x in r))
    in_memory, _ = _run(rows, spill_at=10_000)
    on_disk, spilled = _run(rows, spill_at=2)
    assert in_memory == expected
    assert on_disk == expected
    if len(expected) >= 2:
        assert spilled > 0


def test_possessives_and_the_acceptance_sentence():
    """Names ending in s take an apostrophe alone; the host's own rate comes first."""
    assert possessive("Carers") == "Carers'"
    assert possessive("Speaking Up Together") == "Speaking Up Together's"
    acceptance = {"Host": {"proposed": 3, "passed": 2}, "Group": {"proposed": 8, "passed": 1}}
    assert acceptance_sentence("Host", acceptance, {}) == (
        "Host accepted 67% of its own proposals (2 of 3) and 13% of Group's proposals (1 of 8)."
    )
    assert acceptance_sentence("Host", {"Host": {"proposed": 1, "passed": 1}}, {}) == (
        "Host accepted 100% of its own proposals (1 of 1), and nobody else made any."
    )
    assert acceptance_sentence("Host", {}, {}) is None


def _generate(path: Path, rows: int) -> None:
    """A log where every proposal has its own reference and half are never decided."""
    with path.open("w", encoding="utf-8") as out:
        out.write("when,party,action,venue,host,outcome,amount,reference\n")
        for i in range(rows):
            day = f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}"
            if i % 3 == 0:
                out.write(f"{day},Group,propose,host,Council,,,P-{i}\n")
            elif i % 3 == 1:
                out.write(f"{day},Council,decide,own,,passed,,P-{i - 1 if i % 2 else i}\n")
            else:
                out.write(f"{day},Group,commit,host,Council,visible,10.00,\n")


def _peak(path: Path) -> tuple[int, dict[str, Any]]:
    tracemalloc.start()
    try:
        with open_source(path, "csv") as stream:
            report = audit_stream(stream, spill_at=2_000)
        return tracemalloc.get_traced_memory()[1], report
    finally:
        tracemalloc.stop()


def test_memory_stays_flat_however_many_proposals(tmp_path):
    """Four times the rows (and unmatched proposals) take about the same peak memory: the
    audit keeps counters and spills its proposal index, never the rows."""
    small, large = tmp_path / "small.csv", tmp_path / "large.csv"
    _generate(small, 15_000)
    _generate(large, 60_000)
    peak_small, report_small = _peak(small)
    peak_large, report_large = _peak(large)
    assert report_large["initiative"]["by_party"]["Group"] == 20_000
    assert report_large["acceptance"]["Group"]["proposed"] == 20_000
    assert report_small["decisions"]["total"] == 5_000
    assert peak_large < peak_small * 1.5 + 512 * 1024, (peak_small, peak_large)
