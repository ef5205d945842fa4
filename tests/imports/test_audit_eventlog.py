"""The power audit of the plain CSV event log: the documented example (docs/import-csv.md),
its figures checked against counts made here with the csv module."""

from __future__ import annotations

import csv
import random
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from sharedspace.imports import open_source
from sharedspace.imports.audit import audit_import, audit_stream

COUNCIL = "Valley Council Adult Services"
GROUP = "Speaking Up Together"
CARERS = "Carers Forum"
BOARD = "Coproduction Board"
PARTNERSHIP = "Day Opportunities Partnership"


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    from tests.imports.conftest import DATA

    with (DATA / "example-log.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def report() -> dict:
    from tests.imports.conftest import DATA

    return audit_import(DATA / "example-log.csv", "csv", claimed="coproduction")


def space(report: dict, name: str) -> dict:
    (found,) = [s for s in report["spaces"] if s["space"] == name]
    return found


def test_every_row_is_read_and_none_skipped(report, rows):
    """The example has no bad row: every row is an entry of the audit."""
    assert report["source"]["records_read"] == len(rows) == report["entries"]
    assert report["source"]["bad_row_count"] == 0
    assert report["source"]["formats_seen"] == {"eventlog-csv": len(rows)}


def test_decisions_by_venue_match_the_rows(report, rows):
    """Own-space decisions are passed or blocked `decide` rows in venue own; shared ones are
    passed `decide` rows in venue shared (a blocked one is an objection that held); outside
    ones are `outside_decision` rows."""
    own = sum(r["action"] == "decide" and r["venue"] == "own"
              and r["outcome"] in ("passed", "blocked") for r in rows)
    shared = sum(r["action"] == "decide" and r["venue"] == "shared" and r["outcome"] == "passed"
                 for r in rows)
    outside = sum(r["action"] == "outside_decision" for r in rows)
    assert (own, shared, outside) == (2, 2, 2)
    assert report["decisions"]["by_venue"] == {"own": own, "shared": shared, "outside": outside}
    assert report["decisions"]["total"] == own + shared + outside
    assert report["decisions"]["made_together"] == shared
    assert report["decisions"]["by_party"][COUNCIL] == own
    assert report["outside_decisions"] == {"confirmed": 1, "disputed": 1, "unanswered": 0}


def test_initiative_by_party_matches_the_rows(report, rows):
    """Opening spaces, proposals, agenda items and invitations count, by party; an invitation
    sent because a shared proposal passed (it names the proposal) is not counted again."""
    started = Counter(
        r["party"] for r in rows
        if r["action"] in ("open_space", "propose", "agenda_item", "invite")
        and not (r["action"] == "invite" and r["venue"] == "shared" and r["reference"])
    )
    by_party = {p: n for p, n in report["initiative"]["by_party"].items() if n}
    assert by_party == dict(started)
    assert report["initiative"]["by_party"][CARERS] == 0
    assert {"code": "never_starts", "party": CARERS,
            "message": f"{CARERS} has not started anything here."} in report["flags"]


def test_acceptance_matches_proposals_to_their_decisions(report):
    """Per party: its proposals, and how they ended by their reference's last decision or
    withdrawal."""
    assert report["acceptance"][GROUP] == {
        "proposed": 4, "passed": 2, "blocked": 1, "lapsed": 0, "withdrawn": 1, "open": 0}
    assert report["acceptance"][COUNCIL] == {
        "proposed": 2, "passed": 1, "blocked": 1, "lapsed": 0, "withdrawn": 0, "open": 0}


def test_money_matches_the_rows(report, rows):
    """Committed by party, spent by consent (shared) and alone (own), withdrawn alone from
    the shared fund; joint share = shared money less that withdrawal over all money."""
    committed: Counter[str] = Counter()
    for r in rows:
        if r["action"] == "commit":
            committed[r["party"]] += Decimal(r["amount"])
    money = report["money"]
    assert money["committed_by"] == {p: f"{v:.2f}" for p, v in sorted(committed.items())}
    assert money["spent_by_consent"] == "2000.00"
    assert money["spent_alone"] == "4500.00"
    assert money["withdrawn_unilaterally"] == "3000.00"
    assert money["joint"] == "7500.00"
    assert money["joint_share"] == round(7500 / 30500, 4)
    assert money["currency"] == "GBP"
    assert report["budget_visible"]["every_party_can_see"] is False
    assert report["budget_visible"]["money_rows_hidden"] == 2


def test_objections_exit_power_information_and_participation(report):
    """Objections by outcome; one guest removed by its host and one that left; shares of the
    documents each party can see; distinct people per party per month."""
    assert report["objections"][GROUP] == {
        "raised": 2, "amended": 0, "blocked": 1, "overridden": 1, "lifted": 0, "dropped": 0}
    assert report["objections"][COUNCIL]["amended"] == 1
    assert report["exit_power"]["guest_removals"] == 1
    assert report["exit_power"]["guest_removals_by_host"] == 1
    assert report["exit_power"]["left"] == {GROUP: 1}
    assert report["information"][GROUP] == {
        "relation": "holder", "can_see": 1, "of": 2, "share": 0.5}
    assert report["information"][COUNCIL]["share"] == 1.0
    assert report["participation"]["by_party"][GROUP]["2024-03"] == 2  # sut-17 and sut-21
    assert report["participation"]["people_by_party"][COUNCIL] == 2


def test_the_board_is_an_own_space_measured_as_engagement(report):
    """The council's board: an own space, held by the council alone; its guests proposed,
    so engagement; both guests are former guests (one removed, one left)."""
    board = space(report, BOARD)
    assert board["kind"] == "own"
    assert board["holders"] == [COUNCIL]
    assert board["former_guests"] == [CARERS, GROUP]
    assert board["measured_approach"] == "engagement"
    assert board["decisions"]["by_venue"] == {"own": 2, "shared": 0, "outside": 0}
    assert board["label_check"]["mismatch"] is True
    assert (f"{COUNCIL} accepted 100% of its own proposals (1 of 1) and 0% of {GROUP}'s "
            "proposals (0 of 1).") in board["label_check"]["reasons"]
    assert board["label_check"]["reasons"][-1] == "This is engagement, not coproduction."


def test_the_partnership_is_a_shared_space_measured_as_coproduction(report):
    """The partnership: held by both, decisions by consent, 71% of its money joint."""
    partnership = space(report, PARTNERSHIP)
    assert partnership["kind"] == "shared"
    assert partnership["holders"] == [GROUP, COUNCIL]
    assert partnership["measured_approach"] == "coproduction"
    assert partnership["label_check"] == {"mismatch": False, "reasons": []}
    assert [c["passed"] for c in partnership["checks"]] == [True, True, True]


def test_the_whole_log_is_co_design_and_says_why(report):
    """Across the whole log, 2 of 6 decisions were by consent and a quarter of the money is
    joint: co-design, and the claim of coproduction is a mismatch naming the board."""
    assert report["kind"] == "shared"
    assert report["holders"] == [GROUP, COUNCIL]
    assert report["former_guests"] == [CARERS]
    assert report["measured_approach"] == "co-design"
    reasons = report["label_check"]["reasons"]
    assert report["label_check"]["mismatch"] is True
    assert "2 of 6 decisions (33%) were made by consent in the space" in reasons[0]
    assert "7500.00 of 30500.00 GBP (25%) is under joint control" in reasons[1]
    assert (f"{BOARD}, an own space of {COUNCIL}: this is engagement, not coproduction."
            in reasons)
    assert reasons[-1] == "This is co-design, not coproduction."


def _without_places(report: dict) -> dict:
    """The report less what names files and lines (evidence, source)."""
    plain = {k: v for k, v in report.items() if k not in ("evidence", "source", "spaces")}
    plain["spaces"] = [_without_places(s) for s in report.get("spaces", [])]
    return plain


def test_row_order_does_not_change_the_figures(rows, report, tmp_path):
    """The same rows shuffled give the same report: proposals meet their decisions by
    reference, and who left or was removed goes by `when`."""
    shuffled = rows[:]
    random.Random(5).shuffle(shuffled)  # noqa: S311 (a fixed order, not a secret)
    path = tmp_path / "example-log.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(shuffled)
    again = audit_import(path, "csv", claimed="coproduction")
    assert _without_places(again) == _without_places(report)


def test_spilling_the_proposal_index_to_disk_changes_nothing(report):
    """With the proposal index moved to disk every two proposals, the report is the same."""
    from tests.imports.conftest import DATA

    with open_source(DATA / "example-log.csv", "csv") as stream:
        spilled = audit_stream(stream, claimed="coproduction", spill_at=2)
    assert spilled == report | {"source": spilled["source"]}


def test_bad_rows_are_skipped_counted_and_placed(write):
    """Rows breaking the format are skipped and reported with their line; the others are
    audited; the report flags the skipped rows."""
    path: Path = write("log.csv", (
        "when,party,party_kind,action,venue,host,target,outcome,amount,currency,reference\n"
        "2024-01-08,Council,organisation,open_space,own,,,,,,\n"
        "2024-01-09,Council,organisation,vote,own,,,,,,\n"
        "yesterday,Group,people,propose,host,Council,,,,,P-1\n"
        "2024-01-10,Group,people,propose,host,Council,,,,,P-1\n"
        "2024-01-11,Council,organisation,decide,host,,,passed,,,P-1\n"
        "2024-01-12,Council,organisation,decide,own,,,passed,,,P-1\n"
    ))
    report = audit_import(path, "csv")
    source = report["source"]
    assert source["records_read"] == 3
    assert source["bad_row_count"] == 3
    assert source["bad_rows_by_reason"] == {
        "unknown_action": 1, "bad_date": 1, "venue_not_allowed": 1}
    assert [row["where"] for row in source["bad_rows"]] == [
        f"{path}:3", f"{path}:4", f"{path}:6"]
    assert report["acceptance"]["Group"]["passed"] == 1
    assert report["decisions"]["total"] == 1
    assert any(f["code"] == "rows_skipped" for f in report["flags"])
    assert source["summary"] == (
        "Read 3 records from 1 file of a CSV event log; 3 rows were skipped.")


def test_one_reading_gives_the_report_in_each_language(tmp_path):
    """`audit_stream_in` reads the log once and builds the report per language: the English
    one is the CLI's, the Welsh one has the same figures (even past the point where the
    proposals index moves to disk) and Welsh sentences."""
    from django.utils import translation

    from sharedspace.imports.audit import audit_stream_in
    from tests.imports.conftest import DATA

    path = DATA / "example-log.csv"
    with translation.override("en"):
        expected = audit_import(path, "csv", claimed="coproduction")
        with open_source(path, "csv") as stream:  # English last: built again, still the same
            reports = audit_stream_in(stream, ["en", "cy", "en"], claimed="coproduction",
                                      spill_at=1)
    assert reports["en"] == expected
    assert reports["cy"]["decisions"] == expected["decisions"]
    assert reports["cy"]["acceptance"] == expected["acceptance"]
    assert [s["decisions"] for s in reports["cy"]["spaces"]] == [
        s["decisions"] for s in expected["spaces"]
    ]
    assert reports["cy"]["label_check"]["reasons"] != expected["label_check"]["reasons"]
