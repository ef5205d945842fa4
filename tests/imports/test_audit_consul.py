"""The power audit of CONSUL proposals (the fixture in tests/imports/data)."""

from __future__ import annotations

import csv

from sharedspace.imports.audit import FALLBACK_OWNER, audit_import

OWNER = "Ayuntamiento de Madrid"


def _rows(data_dir) -> list[dict[str, str]]:
    with (data_dir / "consul-proposals.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter=";"))


def test_consul_proposals_are_citizens_initiatives_in_the_owners_space(data_dir):
    """Every row is a citizen's proposal; a selected one is accepted by the owner (a
    decision in its own space); a retired one is withdrawn; the rest are open."""
    rows = _rows(data_dir)
    selected = sum(r["selected"] == "t" and not r["retired_at"] for r in rows)
    retired = sum(bool(r["retired_at"]) for r in rows)
    report = audit_import(data_dir / "consul-proposals.csv", "consul", owner=OWNER,
                          claimed="coproduction")
    assert report["holders"] == [OWNER]
    assert report["guests"] == ["citizen"]
    assert report["initiative"]["by_party"] == {OWNER: 0, "citizen": len(rows)}
    assert report["acceptance"] == {
        OWNER: dict.fromkeys(("proposed", "passed", "blocked", "lapsed", "withdrawn", "open"), 0),
        "citizen": {
            "proposed": len(rows), "passed": selected, "blocked": 0, "lapsed": 0,
            "withdrawn": retired, "open": len(rows) - selected - retired}}  # every party
    assert report["decisions"]["total"] == selected
    assert report["measured_approach"] == "engagement"
    assert report["label_check"]["mismatch"] is True
    assert (f"{OWNER} made no proposals of its own, and accepted 25% of citizens' proposals "
            f"({selected} of {len(rows)}).") in report["label_check"]["reasons"]


def test_hidden_proposals_are_flagged_and_still_counted(data_dir):
    """A proposal hidden by moderators is still an initiative; the report says so."""
    hidden = sum(bool(r["hidden_at"]) for r in _rows(data_dir))
    report = audit_import(data_dir / "consul-proposals.csv", "consul")
    flags = {f["code"]: f["message"] for f in report["flags"]}
    assert flags["hidden_by_owner"].startswith(f"{hidden} proposal was hidden")


def test_without_owner_the_holder_is_a_placeholder_that_asks_for_a_name(data_dir):
    """CONSUL exports do not name the owner: the holder is "the platform's owner", the
    report suggests --owner, and sentences still start with a capital."""
    report = audit_import(data_dir / "consul-proposals.csv", "consul", claimed="co-design")
    assert report["holders"] == [FALLBACK_OWNER]
    assert report["source"]["owner_from"] == "none"
    assert "The records do not name the platform's owner; name it with --owner NAME." in (
        report["cannot_measure_yet"])
    assert not any(r[0].islower() for r in report["label_check"]["reasons"])
    assert not any(f["message"][0].islower() for f in report["flags"])
