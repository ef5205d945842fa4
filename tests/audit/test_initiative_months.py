"""Initiative over time: initiatives per party per month, kept with the counters (DESIGN §5).

The month buckets are part of the fold state, so the counters kept with every append and a
recount from the ledger must agree on them too; the report adds them up by party.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from sharedspace.audit import audit_space, compare, fold, recount
from sharedspace.audit.across import audit_partnership, audit_party
from sharedspace.audit.engine import current_state, stored
from sharedspace.audit.models import SpaceCounters
from sharedspace.audit.report import build_report
from sharedspace.governance import actions
from sharedspace.governance.models import Space


def _payload(seq, at, action, party, data=None, person="per_x"):
    return {
        "seq": seq,
        "at": at,
        "action": action,
        "actor": {"party": party, "person": person},
        "data": data or {},
    }


def test_the_fold_counts_initiatives_in_the_month_of_their_entry():
    """Opening the space and each proposal count in the month (UTC) of their entry; votes and
    comments do not; the months add up to ``initiative.by_party``."""
    entries = [
        _payload(
            1,
            "2026-01-05T10:00:00Z",
            "space.create",
            "pty_a",
            {"kind": "shared", "state": "forming", "holders": ["pty_a", "pty_b"]},
        ),
        _payload(2, "2026-01-20T10:00:00Z", "proposal.submit", "pty_b", {"proposal": "p1"}),
        _payload(3, "2026-03-01T00:00:00Z", "proposal.submit", "pty_b", {"proposal": "p2"}),
        _payload(4, "2026-03-02T00:00:00Z", "comment.add", "pty_a"),
        _payload(5, "2026-03-03T00:00:00Z", "vote.cast", "pty_a", {"proposal": "p2"}),
        _payload(6, "2026-03-31T23:59:59Z", "proposal.submit", "pty_a", {"proposal": "p3"}),
    ]
    state = fold.fold(entries, "spc_1")
    assert state["initiative_months"] == {
        "2026-01": {"pty_a": 1, "pty_b": 1},
        "2026-03": {"pty_a": 1, "pty_b": 1},
    }
    report = build_report(state, {})
    assert report["initiative"]["by_month"] == {
        "pty_a": {"2026-01": 1, "2026-03": 1},
        "pty_b": {"2026-01": 1, "2026-03": 1},
    }
    assert report["initiative"]["months"] == ["2026-01", "2026-03"]
    for party, n in report["initiative"]["by_party"].items():
        assert sum(report["initiative"]["by_month"].get(party, {}).values()) == n


@pytest.fixture
def months(monkeypatch):
    """``months(year, month)`` sets the clock the actions and the ledger read."""

    def set_to(year: int, month: int) -> None:
        moment = dt.datetime(year, month, 15, 12, tzinfo=dt.UTC)
        monkeypatch.setattr(timezone, "now", lambda: moment)

    return set_to


def test_counters_and_recount_agree_on_the_months(cast, shared, own, months):
    """Proposals over three months in two spaces: the counters kept with each append equal a
    recount, month buckets included, and the party and partnership audits add them up."""
    months(2026, 9)
    actions.proposal_submit(actor=cast.sam, space_id=shared.pk, kind="decision", title="A")
    months(2026, 10)
    actions.proposal_submit(actor=cast.carol, space_id=shared.pk, kind="decision", title="B")
    actions.proposal_submit(actor=cast.sam, space_id=shared.pk, kind="decision", title="C")
    months(2026, 11)
    actions.proposal_submit(actor=cast.gil, space_id=own.pk, kind="decision", title="D")
    for space in (shared, own):
        assert compare(space.pk) == []
        assert stored(space.pk)["initiative_months"] == recount(space.pk)["initiative_months"]
    report = audit_space(shared.pk)
    group = report["initiative"]["by_month"][cast.group.pk]
    assert group["2026-09"] == 1 and group["2026-10"] == 1
    assert report["initiative"]["by_month"][cast.council.pk]["2026-10"] == 1
    for party, n in report["initiative"]["by_party"].items():
        assert sum(report["initiative"]["by_month"].get(party, {}).values()) == n
    across = audit_party(cast.council.pk)
    assert (
        sum(sum(m.values()) for m in across["initiative"]["by_month"].values())
        == (across["initiative"]["total"])
    )
    pair = audit_partnership(cast.council.pk, cast.guests.pk)
    assert pair["initiative"]["by_month"][cast.guests.pk] == {"2026-11": 1}


def test_counters_of_an_older_version_are_recounted(cast, shared):
    """A counter row kept before the month buckets existed is not trusted: reading recounts,
    and the next append rewrites it in the current version."""
    actions.proposal_submit(actor=cast.sam, space_id=shared.pk, kind="decision", title="A")
    row = SpaceCounters.objects.get(chain=shared.pk)
    old = dict(row.state, v=1)
    old.pop("initiative_months")
    row.state = old
    row.save()
    state = current_state(Space.objects.get(pk=shared.pk))
    assert state["v"] == fold.STATE_VERSION and state["initiative_months"]
    assert compare(shared.pk) != []  # the stored row is still the old one
    actions.proposal_submit(actor=cast.carol, space_id=shared.pk, kind="decision", title="B")
    assert compare(shared.pk) == []
    assert stored(shared.pk)["v"] == fold.STATE_VERSION


def test_the_migration_recounts_old_rows(cast, shared):
    """The data migration brings a version 1 row up to date, so a recount agrees at once."""
    import importlib

    from django.apps import apps

    migration = importlib.import_module(
        "sharedspace.audit.migrations.0002_recount_for_initiative_months"
    )
    actions.proposal_submit(actor=cast.sam, space_id=shared.pk, kind="decision", title="A")
    row = SpaceCounters.objects.get(chain=shared.pk)
    row.state = {k: v for k, v in row.state.items() if k != "initiative_months"} | {"v": 1}
    row.save()
    assert compare(shared.pk) != []
    migration.recount_old_counters(apps, None)
    assert compare(shared.pk) == []


def test_the_html_report_draws_both_charts_over_time(cast, shared, months):
    """The HTML report (and so the PDF) of a space and of a party draws participation and
    initiative over time as pictures with a title and a description, and a table of months."""
    from sharedspace.audit.formats import render

    months(2026, 9)
    actions.proposal_submit(actor=cast.sam, space_id=shared.pk, kind="decision", title="A")
    months(2026, 11)
    actions.proposal_submit(actor=cast.carol, space_id=shared.pk, kind="decision", title="B")
    for report in (audit_space(shared.pk), audit_party(cast.group.pk)):
        html = render(report, "html")
        for which in ("participation", "initiative"):
            assert f"<title id='chart-{which}-title'>" in html
            assert f"aria-labelledby='chart-{which}-title chart-{which}-desc'" in html
        assert "<th scope='row'>Oct 2026</th>" in html  # the empty month between is shown
