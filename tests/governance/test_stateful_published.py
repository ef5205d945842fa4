"""Random histories of published work and critical friends' comments (ADR 36) keep the rules,
checked after every step.

The main state machine (test_stateful.py) leaves publishing out: its coverage checks need
its own mix of actions. This smaller one tries, in random order and by random people:
proposing to publish (sometimes with every group agreeing at once), answering, commenting
as a critical friend (anyone, in a group or not), taking a comment back, proposing to hide
one, and closing the shared space. After every step: every chain verifies; published words
are the words of a passed publish proposal of their space (``invariants.Consent``); a closed
space never changes; every comment has its ``public_comment.add`` entry; and a hidden comment
was either taken back by its author or hidden by a passed proposal that named it.

Examples are drawn the same way on every run (``derandomize``), so the coverage asked for at
the end is reached every time, not usually.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sharedspace.governance import actions, ledger
from sharedspace.governance.exceptions import GovernanceError
from sharedspace.governance.models import LedgerEntry, Proposal, Publication, PublicComment

from . import invariants
from .conftest import CHARTER, accept_all, agree_all, make_cast

PEOPLE = ("carol", "owen", "sam", "mo", "ria", "gil", "olive", "fran")
SPEAKERS = {"council": ("carol",), "group": ("sam", "mo"), "guests": ("gil",)}
STEPS = st.lists(
    st.tuples(
        st.sampled_from(["take_back", "friend", "hide_agreed", "publish_agreed", "answer", "hide",
                         "friend", "take_back", "publish", "close"]),
        st.sampled_from(PEOPLE),
        st.integers(min_value=0, max_value=30),
        st.sampled_from(["shared", "own"]),
        st.sampled_from(["agree", "agree", "object", "stand_aside"]),
    ),
    min_size=10,
    max_size=25,
)
REACHED: Counter[str] = Counter()


def nth(rows: Any, i: int, made: str = "created_at") -> Any:
    """The i-th row (modulo) in the order made, or None."""
    found = list(rows.order_by(made, "id"))
    return found[i % len(found)] if found else None


class History:
    def __init__(self) -> None:
        cast = make_cast()
        self.people = {name: getattr(cast, name) for name in PEOPLE if name != "fran"}
        self.people["fran"] = actions.person_create(email="fran@example.org", name="Fran")
        self.cast = cast
        shared = actions.space_create(
            actor=cast.carol, title="Day service", purpose="Review it",
            holders=[cast.council.pk, cast.group.pk], claimed_approach="coproduction",
            charter=CHARTER)
        accept_all(shared, cast)
        own = actions.space_create(
            actor=cast.carol, title="Board", purpose="Hear people", holders=[cast.council.pk],
            claimed_approach="consultation", guest_permissions=["view", "comment", "propose"])
        invitation = actions.guest_invite(actor=cast.carol, space_id=own.pk,
                                          party_id=cast.guests.pk)
        actions.invitation_accept(actor=cast.gil, invitation_id=invitation.pk)
        self.spaces = {"shared": shared, "own": own}
        self.consent = invariants.Consent()
        self.closed_seen: dict[str, dict[str, Any]] = {}
        # Every history starts with work published in both spaces, each with a comment
        # from outside and one from inside, so the random steps have something to act on.
        for where in ("shared", "own"):
            self.step("publish_agreed", "carol", 0, where, "agree")
        for who in ("fran", "olive", "owen", "gil"):
            self.step("friend", who, PEOPLE.index(who), "shared", "agree")

    def attempt(self, label: str, action: Any, **kwargs: Any) -> Any:
        before = LedgerEntry.objects.count()
        REACHED[f"tried {label}"] += 1
        try:
            result = action(**kwargs)
        except GovernanceError:
            assert LedgerEntry.objects.count() == before, f"a refused {label} wrote"
            return None
        assert LedgerEntry.objects.count() > before, f"an allowed {label} wrote nothing"
        REACHED[f"allowed {label}"] += 1
        return result

    def step(self, what: str, who: str, n: int, where: str, position: str) -> None:
        person, space = self.people[who], self.spaces[where]
        if what in ("publish", "publish_agreed"):
            proposal = self.attempt("publish", actions.proposal_submit, actor=person,
                                    space_id=space.pk, kind="publish", title=f"Work {n}",
                                    body=f"What we found, part {n}")
            if proposal is not None and what == "publish_agreed":
                agree_all(self.cast, proposal)
        elif what in ("hide", "hide_agreed"):
            comment = nth(PublicComment.objects.filter(publication__space=space), n)
            proposal = self.attempt("hide", actions.proposal_submit, actor=person,
                                    space_id=space.pk, kind="remove_content", title="Hide it",
                                    content=comment.pk if comment else "pcm_none")
            if proposal is not None and what == "hide_agreed":
                agree_all(self.cast, proposal)
        elif what == "answer":
            proposal = nth(Proposal.objects.filter(space=space, state="open"), n)
            if proposal is not None:
                party = next((p for p, speakers in SPEAKERS.items() if who in speakers), "")
                if party:
                    self.attempt("answer", actions.position_give, actor=person,
                                 proposal_id=proposal.pk, party=getattr(self.cast, party).pk,
                                 position=position,
                                 reason="Not yet" if position == "object" else "")
        elif what == "friend":
            work = nth(Publication.objects.all(), n, "published_at")
            if work is not None:
                self.attempt("friend comment", actions.public_comment_add, actor=person,
                             publication_id=work.pk, body=f"Comment {n}")
        elif what == "take_back":
            # Mostly one's own (allowed), sometimes anyone's (refused: not_comment_author).
            shown = PublicComment.objects.filter(removed_at__isnull=True)
            comment = nth(shown.filter(author=person) if n % 4 else shown, n)
            if comment is not None:
                self.attempt("take back", actions.public_comment_withdraw, actor=person,
                             comment_id=comment.pk)
        elif what == "close" and where == "shared":
            proposal = self.attempt("close", actions.proposal_submit, actor=person,
                                    space_id=space.pk, kind="close", title="We are done")
            if proposal is not None and n % 2:
                agree_all(self.cast, proposal)

    def check(self) -> None:
        invariants.chains_verify()
        self.consent.check()
        invariants.closed_spaces_never_change(self.closed_seen)
        added = {e.content for e in LedgerEntry.objects.filter(action="public_comment.add")}
        for comment in PublicComment.objects.select_related("publication"):
            assert any(f'"comment":"{comment.pk}"' in entry for entry in added), (
                "a comment without its public_comment.add entry")
            if comment.removed_at is None:
                continue
            taken_back = LedgerEntry.objects.filter(
                action="public_comment.withdraw", chain=comment.publication.space_id,
                content__contains=f'"comment":"{comment.pk}"').filter(
                content__contains=f'"person":"{comment.author_id}"').exists()
            hidden = Proposal.objects.filter(
                public_comment=comment, kind="remove_content", state="passed",
                resolved_at__lte=comment.removed_at).exists()
            assert taken_back or hidden, "a comment was hidden by no one allowed to"
            REACHED["taken back" if taken_back else "hidden by the groups"] += 1
        REACHED["published"] += Publication.objects.count()


def test_random_histories_of_published_work_keep_the_rules(db):
    """40 histories of 10 to 25 steps; then what they reached, or the checks said little."""
    REACHED.clear()

    @settings(max_examples=40, deadline=None, derandomize=True,
              suppress_health_check=[HealthCheck.too_slow])
    @given(steps=STEPS)
    def histories(steps: list[tuple[str, str, int, str, str]]) -> None:
        with transaction.atomic():
            history = History()
            for step in steps:
                history.step(*step)
                history.check()
            assert all(ledger.verify_chain(s.pk).ok for s in history.spaces.values())
            transaction.set_rollback(True)

    histories()
    assert REACHED["published"], REACHED
    for what in ("allowed friend comment", "allowed take back", "allowed hide",
                 "taken back", "hidden by the groups"):
        assert REACHED[what], (what, REACHED)
