"""The invariants of DESIGN §4, checked against the whole database after every step of the
stateful test (``test_stateful.py``). Each function raises AssertionError naming the broken
rule; none writes."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from django.db.models import Count, F, Q, Sum

from sharedspace.governance import ledger
from sharedspace.governance.models import (
    AgendaItem,
    ChainHead,
    Comment,
    FundEntry,
    FundShare,
    Invitation,
    LedgerEntry,
    Meeting,
    MeetingAction,
    MeetingNote,
    OutsideDecision,
    Position,
    Proposal,
    Publication,
    PublicComment,
    Space,
    Tenure,
    Vote,
)


def chains_verify() -> None:
    """Rule 2: every chain verifies."""
    verdict = ledger.verify_all()
    assert verdict.ok, f"a chain does not verify: {verdict}"


def holders_leave_only_by_leaving() -> None:
    """Rule 5: no holder is removed by others; a holder's tenure ends only by leaving."""
    ended = Tenure.objects.filter(role="holder", ended_at__isnull=False)
    reasons = set(ended.values_list("end_reason", flat=True))
    assert reasons <= {"left"}, f"a holder's tenure ended by {reasons}"
    removed = Tenure.objects.filter(role="guest", ended_at__isnull=False).exclude(
        end_reason__in=("left", "removed", "promoted"))
    assert not removed.exists()


def money_never_below_zero() -> None:
    """Rule 10: no share and no fund below zero; the shares add up to the fund's entries."""
    negative = FundShare.objects.filter(
        Q(committed__lt=F("spent") + F("withdrawn")) | Q(spent__lt=0) | Q(withdrawn__lt=0)
    )
    assert not negative.exists(), f"below zero: {list(negative.values())}"
    entries: dict[tuple[str, str], Decimal] = {
        (space, kind): total for space, kind, total in
        FundEntry.objects.values_list("space_id", "kind").annotate(total=Sum("amount"))
        .values_list("space_id", "kind", "total")
    }
    twice = (FundEntry.objects.filter(kind="spending", proposal__isnull=False)
             .values("proposal_id").annotate(n=Count("id")).filter(n__gt=1))
    assert not twice.exists(), f"a proposal was spent more than once: {list(twice)}"
    shares = FundShare.objects.values("space_id").annotate(
        committed=Sum("committed"), spent=Sum("spent"), withdrawn=Sum("withdrawn"))
    for row in shares:
        # Money given back as a space closed is taken back too, by no one's act (ADR 39).
        for kinds, column in ((("commitment",), "committed"), (("spending",), "spent"),
                              (("withdrawal", "return"), "withdrawn")):
            total = sum((entries.get((row["space_id"], k), Decimal(0)) for k in kinds),
                        Decimal(0))
            assert total == row[column], (
                f"{column} in {row['space_id']} differs from its fund entries")
    # Rules 7 and 8: a closed space freezes no one's money; all of it went back as it closed.
    frozen = FundShare.objects.filter(
        space__state="closed", committed__gt=F("spent") + F("withdrawn"))
    assert not frozen.exists(), f"money left in a closed space: {list(frozen.values())}"


def _passed(proposal_id: str | None, kind: str) -> Proposal:
    assert proposal_id, f"a {kind} took effect without a proposal"
    proposal = Proposal.objects.get(pk=proposal_id)
    assert proposal.kind == kind and proposal.state == "passed", (
        f"a {kind} took effect by a proposal that is {proposal.kind} {proposal.state}")
    return proposal


class Replay:
    """Walk one space's chain in order, tracking its kind, state, holders and charter, and
    check that everything that matters in a shared space happened by a passed proposal, and
    that every proposal that passed had the consent the rules need at that moment. Fed one
    entry at a time: the chain is append-only (and verified), so no entry is read twice."""

    def __init__(self, space_id: str) -> None:
        self.space_id = space_id
        self.kind = ""
        self.born = ""
        self.state = ""
        self.holders: list[str] = []
        self.charter: str | None = None
        self.spent: set[str] = set()
        self.seq = 0
        self.returning = False  # money is going back: only the close may follow (ADR 39)

    def step(self, seq: int, action: str, data: dict[str, Any], actor: dict[str, Any]) -> None:
        assert seq == self.seq + 1, "the replay missed an entry"
        self.seq = seq
        if self.returning:
            assert action in ("fund.return", "space.close"), (
                f"{action} came between money going back and the space closing")
        if action == "fund.return":
            assert self.state != "closed", "money went back from a closed space"
            assert actor == {"party": None, "person": None}, "money went back by someone's act"
            self.returning = True
        if action == "space.create":
            self.kind = self.born = data["kind"]
            self.state = data["state"]
            self.holders = [actor["party"]]
            self.charter = data["charter_sha256"]
        elif action == "space.activate":
            self.state = "active"
        elif action == "space.become_shared":
            assert len(self.holders) >= 2
            self.kind = "shared"
        elif action == "invitation.accept" and data["as"] == "holder":
            self.holders.append(data["party"])
        elif action == "space.leave" and data["role"] == "holder":
            self.holders.remove(data["party"])
        elif action == "invitation.create" and self.state == "active":
            wanted = "add_holder" if data["as"] == "holder" else "add_guest"
            if data["as"] == "holder" or self.kind == "shared":
                _passed(data["proposal"], wanted)
        elif action == "guest.remove" and self.kind == "shared":
            _passed(data["proposal"], "remove_guest")
        elif action == "charter.change":
            _passed(data["proposal"], "charter")
            self.charter = data["charter_sha256"]
        elif action == "content.remove":
            _passed(data["proposal"], "remove_content")
        elif action == "work.publish":
            _passed(data["proposal"], "publish")
        elif action == "space.settings":
            assert self.kind == "own", "settings of a shared space changed without consent"
        elif action == "fund.spend" and self.kind == "shared":
            proposal = _passed(data["proposal"], "spend")
            assert f"{proposal.amount:.2f}" == data["amount"], "spent another amount"
            assert proposal.pk not in self.spent, "a proposal was spent twice"
            self.spent.add(proposal.pk)
        elif action == "space.close":
            self.returning = False
            self.close(data["why"])
        elif action == "proposal.resolve" and data["outcome"] == "passed":
            self.consent(data)

    def close(self, why: str) -> None:
        if self.kind == "shared":
            allowed = {"passed_proposal", "fewer_than_two_holders", "did_not_form"}
            assert why in allowed, f"a shared space closed by {why}"
            if why == "fewer_than_two_holders":
                assert len(self.holders) < 2
            if why == "passed_proposal":
                assert Proposal.objects.filter(space_id=self.space_id, kind="close",
                                               state="passed").exists()
        self.state = "closed"

    def consent(self, data: dict[str, Any]) -> None:
        """Rule 5: passed only with every holder's position, none objecting, one agreeing;
        in an own space, only by the host's agreement."""
        positions = data["positions"]
        mine = [positions.get(h) for h in self.holders]
        if self.kind == "shared":
            assert None not in mine, f"passed without every holder: {positions} {self.holders}"
            assert "object" not in mine and "agree" in mine, f"passed against {positions}"
        else:
            assert mine == ["agree"], f"an own space's proposal passed by {positions}"


class Consent:
    """Rule 5 over a whole history: after each step, replay the new entries of every
    space's chain, then check the rows against what the chains say."""

    def __init__(self) -> None:
        self.replays: dict[str, Replay] = {}
        self.last_pk = 0

    def check(self) -> None:
        spaces = set(Space.objects.values_list("pk", flat=True))
        new = LedgerEntry.objects.filter(pk__gt=self.last_pk).order_by("pk")
        for pk, chain, seq, content in new.values_list("pk", "chain", "seq", "content"):
            self.last_pk = pk
            if chain in spaces:
                entry = json.loads(content)
                replay = self.replays.setdefault(chain, Replay(chain))
                replay.step(seq, entry["action"], entry["data"], entry["actor"])
        for space in Space.objects.all():
            replay = self.replays[space.pk]
            assert (replay.kind, replay.state) == (space.kind, space.state), (
                "a space's kind or state differs from its chain")
            if replay.born == "shared":
                assert ledger.digest(ledger.canonical(space.charter)) == replay.charter, (
                    "a shared space's charter is not the last one that passed")
        self.rows_agree([pk for pk, r in self.replays.items() if r.born == "shared"])

    @staticmethod
    def rows_agree(born_shared: list[str]) -> None:
        """In spaces shared from the start: every guest came in by a passed add_guest
        proposal; every spending was a passed spend proposal of that amount. And no closed
        space has an open proposal."""
        accepted = {
            (space, party): (kind, state)
            for space, party, kind, state in Invitation.objects.filter(
                space_id__in=born_shared, as_role="guest", state="accepted"
            ).values_list("space_id", "party_id", "via_proposal__kind", "via_proposal__state")
        }
        for space, party in Tenure.objects.filter(
            space_id__in=born_shared, role="guest"
        ).values_list("space_id", "party_id"):
            assert accepted.get((space, party)) == ("add_guest", "passed"), (
                "a guest came into a shared space without a passed proposal")
        for kind, state, agreed, amount in FundEntry.objects.filter(
            space_id__in=born_shared, kind="spending"
        ).values_list("proposal__kind", "proposal__state", "proposal__amount", "amount"):
            assert (kind, state, agreed) == ("spend", "passed", amount), (
                "shared money was spent without a passed proposal of that amount")
        open_in_closed = Proposal.objects.filter(space__state="closed", state="open")
        assert not open_in_closed.exists(), "a closed space has an open proposal"
        # Published work is exactly the words of a passed publish proposal of its own space.
        for row in Publication.objects.values("space_id", "title", "body", "proposal__space_id",
                                              "proposal__kind", "proposal__state",
                                              "proposal__title", "proposal__body"):
            assert (row["proposal__kind"], row["proposal__state"]) == ("publish", "passed"), (
                "work was published without a passed publish proposal")
            assert row["proposal__space_id"] == row["space_id"], "published in another space"
            assert (row["title"], row["body"]) == (row["proposal__title"],
                                                   row["proposal__body"]), (
                "the published words are not the words that passed")


def closed_rows(space_ids: list[str]) -> dict[str, dict[str, list[Any]]]:
    """Everything that belongs to each of these spaces, to compare closed spaces over time
    (a dozen queries however many spaces)."""
    rows: dict[str, dict[str, list[Any]]] = {pk: {} for pk in space_ids}

    def add(name: str, query: Any, space_field: str) -> None:
        for row in query:
            rows[row[space_field]].setdefault(name, []).append(row)

    add("space", Space.objects.filter(pk__in=space_ids).order_by("pk").values(), "id")
    for name, model in (("tenures", Tenure), ("invitations", Invitation),
                        ("proposals", Proposal), ("fund", FundEntry), ("shares", FundShare),
                        ("comments", Comment), ("outside", OutsideDecision)):
        add(name, model.objects.filter(space_id__in=space_ids).order_by("pk").values(),
            "space_id")
    add("positions", Position.objects.filter(proposal__space_id__in=space_ids)
        .order_by("pk").values("proposal__space_id", "id", "position", "version", "binding",
                               "reason", "party_id", "updated_at"), "proposal__space_id")
    add("votes", Vote.objects.filter(proposal__space_id__in=space_ids).order_by("pk")
        .values("proposal__space_id", "id"), "proposal__space_id")
    add("meetings", Meeting.objects.filter(space_id__in=space_ids).order_by("pk").values(),
        "space_id")
    add("publications", Publication.objects.filter(space_id__in=space_ids).order_by("pk")
        .values(), "space_id")
    add("public_comments", PublicComment.objects.filter(publication__space_id__in=space_ids)
        .order_by("pk").values("publication__space_id", "id", "body", "removed_at"),
        "publication__space_id")
    meeting_parts: tuple[tuple[str, Any], ...] = (
        ("agenda", AgendaItem), ("notes", MeetingNote), ("action_points", MeetingAction))
    for name, model in meeting_parts:
        add(name, model.objects.filter(meeting__space_id__in=space_ids).order_by("pk")
            .values("meeting__space_id", "id", *([] if name != "action_points" else
                                                 ["done_at"])), "meeting__space_id")
    add("ledger", LedgerEntry.objects.filter(chain__in=space_ids).order_by("chain", "seq")
        .values("chain", "seq", "hash"), "chain")
    add("head", ChainHead.objects.filter(chain__in=space_ids).values(), "chain")
    return rows


def closed_spaces_never_change(seen: dict[str, dict[str, Any]]) -> None:
    """Rule 8: a closed space is read-only forever. ``seen`` keeps each one's rows from the
    moment it was first seen closed."""
    closed = list(Space.objects.filter(state="closed").values_list("pk", flat=True))
    for pk, rows in closed_rows(closed).items():
        if pk in seen:
            assert rows == seen[pk], f"closed space {pk} changed"
        else:
            seen[pk] = rows
