"""Parties speak for themselves (DESIGN §4 rules 4 and 9), for every role.

A party's rule, members and roles are its own business, changed only by its own
coordinators and recorded on the party's own chain. A party is enrolled in a space only when
its own coordinator accepts.
"""

from __future__ import annotations

from typing import Any

import pytest

from sharedspace.governance import actions
from sharedspace.governance import policies as pol
from sharedspace.governance.models import Space

from .conftest import CHARTER, refused, watch
from .roles import OK, Ctx, cases, ids, row, run_case

NOT_MEMBER = dict.fromkeys(("sam", "mo", "ria", "gil", "olive"), "not_member")

PARTY_TABLE: dict[str, dict[str, str | None]] = {
    # Each person changes their own party's rule: only its coordinators may.
    "party_update_own": row(carol=OK, owen="not_coordinator", sam=OK, mo="not_coordinator",
                            ria="not_coordinator", gil=OK, olive=OK),
    # No one changes another party's rule (the council's, or the group's for council people).
    "party_update_other": row(**dict.fromkeys(("carol", "owen", "sam", "mo", "ria", "gil",
                                               "olive"), "not_member")),
    "party_member_add": row(carol=OK, owen="not_coordinator", sam=OK, mo="not_coordinator",
                            ria="not_coordinator", gil=OK, olive=OK),
    "party_member_set_roles": row(carol=OK, owen="not_coordinator", **NOT_MEMBER),
    # A coordinator removes Owen from the council, or Owen leaves by himself.
    "party_member_remove": row(carol=OK, owen=OK, **NOT_MEMBER),
}


def party_chain_entry(w: Any, c: Ctx, action: str, party: Any) -> dict[str, Any]:
    e = w.one(action)
    assert e["chain"] == party.pk, "party events go on the party's own chain"
    assert e["actor"] == {"person": c.actor.pk, "party": party.pk}
    assert w.actions == [action]
    return e


def do_party_update_own(c: Ctx) -> tuple[Any, dict[str, Any]]:
    return actions.party_update, dict(actor=c.actor, party_id=c.party.pk, decision_rule="all")


def check_party_update_own(w: Any, c: Ctx, result: Any) -> None:
    e = party_chain_entry(w, c, "party.update", c.party)
    assert e["data"] == {"decision_rule": "all"}
    assert result.decision_rule == "all"


def do_party_update_other(c: Ctx) -> tuple[Any, dict[str, Any]]:
    other = c.cast.group if c.party == c.cast.council else c.cast.council
    return actions.party_update, dict(actor=c.actor, party_id=other.pk, decision_rule="all")


def do_party_member_add(c: Ctx) -> tuple[Any, dict[str, Any]]:
    return actions.party_member_add, dict(actor=c.actor, party_id=c.party.pk,
                                          email="new@example.org", roles=["member", "speaker"])


def check_party_member_add(w: Any, c: Ctx, result: Any) -> None:
    e = party_chain_entry(w, c, "member.add", c.party)
    assert e["data"] == {"member": result.person_id, "roles": ["speaker", "member"]}
    assert result.is_speaker and not result.is_coordinator


def do_party_member_set_roles(c: Ctx) -> tuple[Any, dict[str, Any]]:
    return actions.party_member_set_roles, dict(actor=c.actor, party_id=c.cast.council.pk,
                                                person_id=c.cast.owen.pk,
                                                roles=["speaker"])


def check_party_member_set_roles(w: Any, c: Ctx, result: Any) -> None:
    e = party_chain_entry(w, c, "member.roles", c.cast.council)
    assert e["data"] == {"member": c.cast.owen.pk, "roles": ["speaker", "member"]}


def do_party_member_remove(c: Ctx) -> tuple[Any, dict[str, Any]]:
    return actions.party_member_remove, dict(actor=c.actor, party_id=c.cast.council.pk,
                                             person_id=c.cast.owen.pk)


def check_party_member_remove(w: Any, c: Ctx, result: Any) -> None:
    e = party_chain_entry(w, c, "member.remove", c.cast.council)
    assert e["data"] == {"member": c.cast.owen.pk}
    assert not pol.is_member(c.cast.owen, c.cast.council)


PARTY_CASES = cases(PARTY_TABLE)


@pytest.mark.parametrize(("action", "who", "expected"), PARTY_CASES, ids=ids(PARTY_CASES))
def test_party_rule(cast, shared, action, who, expected):
    """Only a party's own coordinators change its rule, members and roles (rule 9)."""
    run_case(cast, shared, action, who, expected, extra=globals())


# --- invitations: no one is enrolled without agreeing (rule 4) --------------------------------

INVITE_TABLE: dict[str, dict[str, str | None]] = {
    "invitation_accept": row(sam=OK, mo="not_coordinator", ria="not_coordinator",
                             carol="not_found", owen="not_found", gil="not_found",
                             olive="not_found"),
    "invitation_decline": row(sam=OK, mo="not_coordinator", ria="not_coordinator",
                              carol="not_found", owen="not_found", gil="not_found",
                              olive="not_found"),
}


@pytest.fixture
def forming(cast) -> Space:
    """A shared space the council opened with the self-advocates, who have not answered."""
    return actions.space_create(
        actor=cast.carol, title="Transport", purpose="Better buses",
        holders=[cast.council.pk, cast.group.pk], claimed_approach="co-design", charter=CHARTER,
    )


def do_invitation_accept(c: Ctx) -> tuple[Any, dict[str, Any]]:
    c.extra["invitation"] = c.space.invitations.get(party=c.cast.group)
    return actions.invitation_accept, dict(actor=c.actor,
                                           invitation_id=c.extra["invitation"].pk)


def check_invitation_accept(w: Any, c: Ctx, result: Any) -> None:
    cast = c.cast
    e = w.one("invitation.accept")
    assert e["chain"] == c.space.pk and e["actor"] == {"person": cast.sam.pk,
                                                       "party": cast.group.pk}
    assert e["data"] == {"invitation": result.pk, "party": cast.group.pk, "as": "holder"}
    assert w.one("space.activate")["data"] == {"holders": [cast.council.pk, cast.group.pk]}
    c.space.refresh_from_db()
    assert c.space.state == "active" and pol.relation(c.space, cast.group) == pol.HOLDER


def do_invitation_decline(c: Ctx) -> tuple[Any, dict[str, Any]]:
    c.extra["invitation"] = c.space.invitations.get(party=c.cast.group)
    return actions.invitation_decline, dict(actor=c.actor,
                                            invitation_id=c.extra["invitation"].pk)


def check_invitation_decline(w: Any, c: Ctx, result: Any) -> None:
    e = w.one("invitation.decline")
    assert e["data"] == {"invitation": result.pk, "party": c.cast.group.pk, "as": "holder"}
    # With one holder and no one else invited, the shared space never forms.
    assert w.one("space.close")["data"] == {"why": "did_not_form"}
    c.space.refresh_from_db()
    assert c.space.state == "closed" and pol.relation(c.space, c.cast.group) is None


INVITE_CASES = cases(INVITE_TABLE)


@pytest.mark.parametrize(("action", "who", "expected"), INVITE_CASES, ids=ids(INVITE_CASES))
def test_invitation_rule(cast, forming, action, who, expected):
    """Only the invited party's own coordinator answers its invitation (rule 4)."""
    run_case(cast, forming, action, who, expected, extra=globals())


def test_invited_party_is_not_enrolled_until_it_accepts(cast, forming):
    """Until the group accepts, it holds nothing and the space does nothing (rule 4)."""
    assert forming.state == "forming" and pol.holder_ids(forming) == [cast.council.pk]
    assert pol.relation(forming, cast.group) == pol.INVITED
    refused("space_not_active", actions.proposal_submit, actor=cast.carol,
            space_id=forming.pk, kind="decision", title="Start now")
    refused("space_not_active", actions.fund_commit, actor=cast.carol, space_id=forming.pk,
            party=cast.council.pk, amount="10")


def test_guest_is_not_enrolled_until_it_accepts(cast, own):
    """An own space's invitation makes no one a guest until its coordinator accepts."""
    invitation = actions.guest_invite(actor=cast.carol, space_id=own.pk,
                                      party_id=cast.group.pk)
    assert pol.relation(own, cast.group) == pol.INVITED
    refused("not_coordinator", actions.invitation_accept, actor=cast.mo,
            invitation_id=invitation.pk)
    actions.invitation_accept(actor=cast.sam, invitation_id=invitation.pk)
    assert pol.relation(own, cast.group) == pol.GUEST
    refused("already_answered", actions.invitation_decline, actor=cast.sam,
            invitation_id=invitation.pk)


def test_party_keeps_a_coordinator(cast):
    """A party always keeps at least one coordinator: the last cannot leave or step down."""
    refused("conflict", actions.party_member_remove, actor=cast.carol,
            party_id=cast.council.pk, person_id=cast.carol.pk)
    refused("conflict", actions.party_member_set_roles, actor=cast.carol,
            party_id=cast.council.pk, person_id=cast.carol.pk, roles=["member"])


def test_rule_change_applies_to_the_partys_next_vote(cast, shared):
    """The group changes its own rule to `speaker`: Mo (not a speaker) can no longer give
    its position, Sam can; the change is on the group's chain only."""
    with watch() as written:
        actions.party_update(actor=cast.sam, party_id=cast.group.pk, decision_rule="speaker")
    assert [e["chain"] for e in written.entries] == [cast.group.pk]
    proposal = actions.proposal_submit(actor=cast.carol, space_id=shared.pk, kind="decision",
                                       title="Tea")
    refused("not_a_speaker", actions.position_give, actor=cast.mo, proposal_id=proposal.pk,
            party=cast.group.pk, position="agree")
    actions.position_give(actor=cast.sam, proposal_id=proposal.pk, party=cast.group.pk,
                          position="agree")
    position = proposal.positions.get(party=cast.group)
    assert position.position == "agree"


@pytest.mark.parametrize("hidden", ["\u202e", "\u200b", "\t", "\n", "\u2066", "\ufeff"])
def test_group_names_and_space_titles_refuse_hidden_characters(cast, own, hidden):
    """A group's name and a space's title are what others pick from a list: characters that
    hide or turn text ("Council\u200b team", "Council team\u202e") could make one look like
    another, so they are refused, as in people's names (ADR 26)."""
    name = f"Council{hidden} team"
    for call, kwargs, field in (
        (actions.party_create, {"actor": cast.carol, "name": name, "kind": "organisation",
                                "decision_rule": "speaker"}, "name"),
        (actions.party_update, {"actor": cast.carol, "party_id": cast.council.pk,
                                "name": name}, "name"),
        (actions.space_create, {"actor": cast.carol, "title": name, "purpose": "Ours",
                                "holders": [cast.council.pk],
                                "claimed_approach": "informing"}, "title"),
        (actions.space_settings_update, {"actor": cast.carol, "space_id": own.pk,
                                         "title": name}, "title"),
    ):
        error = refused("invalid_input", call, **kwargs)
        assert error.fields == {field: "Take out tabs, line breaks and other hidden characters."}


def test_a_joiner_inside_a_name_is_kept(cast):
    """The zero-width joiner joins letters in some scripts and emoji: it is not hidden."""
    party = actions.party_create(actor=cast.carol, name="Grŵp 👩\u200d👩\u200d👧",
                                 kind="people", decision_rule="majority")
    assert party.name == "Grŵp 👩\u200d👩\u200d👧"


@pytest.mark.parametrize(("name", "message"), [
    ("C\u0430rers forum", "Use letters from one alphabet in each word."),  # Cyrillic a
    ("Carers f\u03bfrum", "Use letters from one alphabet in each word."),  # Greek omicron
    # a soft hyphen
    ("Carers\u00ad forum", "Take out tabs, line breaks and other hidden characters."),
])
def test_names_that_only_look_like_another_are_refused(cast, name, message):
    error = refused("invalid_input", actions.party_create, actor=cast.carol, name=name,
                    kind="people", decision_rule="majority")
    assert error.fields == {"name": message}


def test_other_alphabets_and_joiners_are_welcome(cast):
    """A name in one alphabet per word is fine, whichever: Cyrillic, Greek, Welsh, Persian
    with its zero-width non-joiner."""
    persian = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"  # with a non-joiner
    for name in ("Грамада Cardiff", "Ομάδα", "Grŵp Llais", persian):
        assert actions.party_create(actor=cast.carol, name=name, kind="people",
                                    decision_rule="majority").name == name
