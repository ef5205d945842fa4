"""The power audit of Decidim proposals: the real decidim.barcelona sample, checked against
counts computed here, independently of the importers, with json and a Counter."""

from __future__ import annotations

import json
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

from sharedspace.imports.audit import FALLBACK_OWNER, audit_import

CONTRACT_KEYS = (
    "space", "kind", "holders", "guests", "claimed_approach", "measured_approach",
    "label_check", "decisions", "initiative", "acceptance", "money", "exit_power",
    "outside_decisions", "evidence",
)


def percent(part: int, whole: int) -> str:
    """A whole percentage, halves rounded up (as the report writes them)."""
    value = Decimal(part * 100) / Decimal(whole)
    return f"{value.quantize(Decimal('1'), rounding=ROUND_HALF_UP)}%"


@pytest.fixture(scope="module")
def counted() -> dict[str, object]:
    """The sample counted by hand: proposals and accepted ones by source, answered ones,
    and the official author's name."""
    from tests.imports.conftest import SAMPLE

    proposed: Counter[str] = Counter()
    accepted: Counter[str] = Counter()
    statuses: Counter[str] = Counter()
    official_names: Counter[str] = Counter()
    for path in sorted(Path(SAMPLE).glob("*.json")):
        proposal = json.loads(path.read_text(encoding="utf-8"))["proposal"]
        proposed[proposal["source"]] += 1
        statuses[proposal["status"]] += 1
        if proposal["status"] == "accepted":
            accepted[proposal["source"]] += 1
        if proposal["source"] == "official":
            official_names[proposal["author"]["name"]] += 1
    return {
        "files": sum(proposed.values()),
        "proposed": proposed,
        "accepted": accepted,
        "answered": statuses["accepted"] + statuses["rejected"],
        "rejected": statuses["rejected"],
        "owner": official_names.most_common(1)[0][0],
    }


@pytest.fixture(scope="module")
def report(counted) -> dict:
    from tests.imports.conftest import SAMPLE

    return audit_import(SAMPLE, "decidim", claimed="coproduction")


def test_the_sample_is_what_the_counts_assume(counted):
    """The sample holds 300 proposals, from all four sources, and names its official author."""
    assert counted["files"] == 300
    assert set(counted["proposed"]) == {"official", "citizen", "organization", "meeting"}
    assert counted["owner"] == "Ajuntament de Barcelona"


def test_the_owner_is_the_single_holder_and_the_sources_are_guests(report, counted):
    """The owner named in the data holds the space alone; citizens, organisations and
    meetings are guests, keyed by their names in the data; the report has the contract's
    keys and says it was imported."""
    for key in CONTRACT_KEYS:
        assert key in report
    owner = counted["owner"]
    assert report["kind"] == "own"
    assert report["state"] == "imported"
    assert report["holders"] == [owner]
    assert report["guests"] == ["citizen", "organization", "meeting"]
    assert report["source"]["owner"] == owner
    assert report["source"]["owner_from"] == "data"


def test_initiative_by_source_matches_the_files(report, counted):
    """Every proposal is an initiative of its source; the official ones are the owner's."""
    expected = {counted["owner"] if s == "official" else s: n
                for s, n in counted["proposed"].items()}
    assert report["initiative"]["by_party"] == expected
    assert report["initiative"]["total"] == counted["files"]
    assert report["initiative"]["by_kind"] == {"proposal": counted["files"]}


def test_acceptance_by_source_matches_the_files(report, counted):
    """For each source, proposed and passed (= accepted) are the files' counts."""
    got = {p: (row["proposed"], row["passed"]) for p, row in report["acceptance"].items()}
    expected = {counted["owner"] if s == "official" else s: (n, counted["accepted"][s])
                for s, n in counted["proposed"].items()}
    assert got == expected


def test_every_answered_proposal_is_a_decision_of_the_owner_in_its_own_space(report, counted):
    """Accepted and rejected proposals are decisions made by the owner alone, venue own."""
    decisions = report["decisions"]
    assert decisions["total"] == counted["answered"]
    assert decisions["by_venue"] == {"own": counted["answered"], "shared": 0, "outside": 0}
    assert decisions["by_party"][counted["owner"]] == counted["answered"]
    assert sum(row["blocked"] for row in report["acceptance"].values()) == counted["rejected"]


def test_the_measured_approach_is_engagement(report):
    """Guests may propose but only the owner decides: engagement, with view, comment and
    propose as the guests' permissions."""
    assert report["measured_approach"] == "engagement"
    assert report["claimed_approach"] == "coproduction"


def test_the_label_check_quotes_acceptance_rates_computed_here(report, counted):
    """Claimed coproduction: a mismatch, whose reasons say the owner decided alone and give
    the acceptance of its own proposals beside each other source's, as percentages equal to
    those computed from the files."""
    check = report["label_check"]
    assert check["mismatch"] is True
    assert check["reasons"][-1] == "This is engagement, not coproduction."
    text = " ".join(check["reasons"])
    owner, proposed, accepted = counted["owner"], counted["proposed"], counted["accepted"]
    assert f"{owner} made {counted['answered']} of {counted['answered']} decisions" in text
    own = percent(accepted["official"], proposed["official"])
    assert (f"{owner} accepted {own} of its own proposals "
            f"({accepted['official']} of {proposed['official']})") in text
    others = [s for s in proposed if s != "official"]
    all_others = percent(sum(accepted[s] for s in others), sum(proposed[s] for s in others))
    assert f"{all_others} of everyone else's" in text
    for source, word in (("citizen", "citizens'"), ("organization", "organisations'"),
                         ("meeting", "meetings'")):
        rate = percent(accepted[source], proposed[source])
        assert f"{rate} of {word} proposals ({accepted[source]} of {proposed[source]})" in text


def test_without_a_claim_there_is_no_mismatch(sample_dir):
    """No --claimed: claimed_approach is null, mismatch false, no reasons."""
    report = audit_import(sample_dir, "decidim")
    assert report["claimed_approach"] is None
    assert report["label_check"] == {"mismatch": False, "reasons": []}
    assert report["measured_approach"] == "engagement"


def test_a_claim_at_or_below_engagement_fits(sample_dir):
    """Calling it consultation (lower than measured) is no mismatch."""
    report = audit_import(sample_dir, "decidim", claimed="consultation")
    assert report["label_check"]["mismatch"] is False


def test_owner_given_on_the_command_line_names_the_holder(sample_dir):
    """--owner names the single holder whatever the data calls its official author."""
    report = audit_import(sample_dir, "decidim", owner="Barcelona City Council")
    assert report["holders"] == ["Barcelona City Council"]
    assert report["source"]["owner_from"] == "--owner"
    assert "Barcelona City Council" in report["initiative"]["by_party"]


def test_the_source_block_says_what_was_read(report, counted):
    """300 files read, 300 records, no bad rows; the README is skipped with a notice."""
    source = report["source"]
    assert source["platform"] == "decidim"
    assert source["formats_seen"] == {"decidim-legacy-json": counted["files"]}
    assert source["files_read"] == source["records_read"] == counted["files"]
    assert source["bad_row_count"] == 0
    assert source["bad_rows"] == []
    assert [n["code"] for n in source["notices"]] == ["not_data_file"]
    assert report["entries"] == counted["files"]


def test_evidence_points_at_files_inside_the_folder(report):
    """Evidence names the rows behind each measure as file:line, inside the folder given."""
    decisions = report["evidence"]["decisions"]
    assert decisions[0] == "00020.json:1"
    assert len(decisions) == 50
    assert report["evidence_total"]["initiative"] == 300


def test_bad_files_in_a_folder_are_counted_with_their_lines(tmp_path, sample_dir):
    """A folder with good files, a broken JSON file and a proposal with an unknown status:
    the good ones are audited, the bad ones reported with file and line, and flagged."""
    for name in ("00020.json", "00051.json"):
        (tmp_path / name).write_bytes((sample_dir / name).read_bytes())
    (tmp_path / "broken.json").write_text('{"proposal": {"id": 1,\n "title": "x",,}}\n')
    odd = json.loads((sample_dir / "00089.json").read_text())
    odd["proposal"]["status"] = "maybe"
    (tmp_path / "odd.json").write_text(json.dumps(odd, indent=1))
    report = audit_import(tmp_path, "decidim")
    source = report["source"]
    assert source["records_read"] == 2
    assert source["bad_row_count"] == 2
    assert source["bad_rows_by_reason"] == {"bad_json": 1, "unknown_state": 1}
    where = {row["code"]: row["where"] for row in source["bad_rows"]}
    assert where["bad_json"] == f"{tmp_path / 'broken.json'}:2"
    assert where["unknown_state"].startswith(f"{tmp_path / 'odd.json'}:")
    assert report["initiative"]["total"] == 2
    flags = {f["code"]: f["message"] for f in report["flags"]}
    assert flags["rows_skipped"].startswith("2 rows of the input were skipped")


def test_an_export_that_names_no_owner_uses_a_plain_placeholder(data_dir, tmp_path):
    """Current exports whose official author cannot be found: the holder is the platform's
    owner, and the report asks for --owner."""
    rows = (data_dir / "decidim-current.csv").read_text(encoding="utf-8-sig").splitlines()
    citizens = [rows[0]] + [r for r in rows[1:] if "/profiles/" in r]
    path = tmp_path / "no-owner.csv"
    path.write_text("\n".join(citizens) + "\n", encoding="utf-8")
    report = audit_import(path, "decidim", claimed="coproduction")
    assert report["holders"] == [FALLBACK_OWNER]
    assert report["guests"] == ["citizen"]
    assert any("--owner" in note for note in report["cannot_measure_yet"])
    assert report["label_check"]["reasons"][0].startswith("The platform's owner made")
