"""Personal data stays outside the chain (DESIGN §4 rule 13).

Ledger entries name people and parties by opaque ids only; erasing a person's name and
email leaves every chain verifiable and every entry as it was.
"""

from __future__ import annotations

from sharedspace.governance import actions, ledger, selectors
from sharedspace.governance.models import LedgerEntry, Membership, Person

from .conftest import pass_proposal, refused, watch

PEOPLE = ("carol", "owen", "sam", "mo", "ria", "gil", "olive")


def busy(cast, shared):
    """Some history touching everyone."""
    actions.comment_add(actor=cast.mo, space_id=shared.pk, body="Mo says hello")
    pass_proposal(cast, shared, kind="add_guest", party=cast.guests.pk)
    actions.fund_commit(actor=cast.sam, space_id=shared.pk, party=cast.group.pk, amount="9")
    actions.outside_decision_record(
        actor=cast.ria,
        space_id=shared.pk,
        made_by=cast.outsiders.pk,
        summary="Olive's board decided",
    )
    actions.party_update(actor=cast.olive, party_id=cast.outsiders.pk, name="Olive's charity")


def all_content() -> str:
    return "\n".join(LedgerEntry.objects.values_list("content", flat=True))


def test_no_names_or_emails_in_the_ledger(cast, shared):
    """No entry holds a person's name or email, or a party's name: ids only."""
    busy(cast, shared)
    content = all_content()
    for who in PEOPLE:
        person = getattr(cast, who)
        assert person.name not in content and person.email not in content
        assert person.pk in content  # people are named by their ids
    for party in (cast.council, cast.group, cast.guests, cast.outsiders):
        party.refresh_from_db()
        assert party.name not in content
    assert "hello" not in content and "decided" not in content


def test_erasure_keeps_every_chain_verifiable(cast, shared):
    """Sam erases himself (once Mo coordinates too): his name and email are gone, every
    earlier entry is unchanged, every chain verifies, and the space still reads (naming him
    by id)."""
    busy(cast, shared)
    actions.party_member_set_roles(
        actor=cast.sam, party_id=cast.group.pk, person_id=cast.mo.pk, roles=["coordinator"]
    )
    before = list(LedgerEntry.objects.order_by("pk").values_list("content", "hash"))
    actions.person_erase(actor=cast.sam, person_id=cast.sam.pk)
    sam = Person.objects.get(pk=cast.sam.pk)
    assert sam.name == "Erased person" and "sam" not in sam.email
    assert not sam.is_active and sam.erased_at is not None
    after = list(LedgerEntry.objects.order_by("pk").values_list("content", "hash"))
    assert after[: len(before)] == before
    assert ledger.verify_all().ok
    entries, _ = selectors.ledger_page(viewer=cast.carol, space_id=shared.pk)
    assert any(e["actor"]["person"] == cast.sam.pk for e in entries)


def test_only_the_person_erases_themselves(cast):
    """No one erases someone else (unless staff); asking looks like asking about no one."""
    refused("not_found", actions.person_erase, actor=cast.carol, person_id=cast.sam.pk)


def test_erasure_leaves_every_group_on_each_group_s_chain(cast, shared):
    """Owen (a council member) erases himself: he leaves the council, recorded on the
    council's chain as any member leaving is, with ids only; the chain verifies."""
    with watch() as written:
        actions.person_erase(actor=cast.owen, person_id=cast.owen.pk)
    entry = written.one("member.remove")
    assert written.actions == ["member.remove"]
    assert entry["chain"] == cast.council.pk
    assert entry["actor"] == {"person": cast.owen.pk, "party": cast.council.pk}
    assert entry["data"] == {"member": cast.owen.pk}
    assert not Membership.objects.filter(person=cast.owen, left_at__isnull=True).exists()
    assert ledger.verify_chain(cast.council.pk).ok
    assert "Owen" not in all_content()


def test_erasure_leaves_several_groups_at_once(cast):
    """Someone in two groups leaves both, one entry on each group's chain."""
    actions.party_member_add(
        actor=cast.gil, party_id=cast.guests.pk, email="owen@example.org", roles=["speaker"]
    )
    with watch() as written:
        actions.person_erase(actor=cast.owen, person_id=cast.owen.pk)
    assert sorted(e["chain"] for e in written.entries) == sorted([cast.council.pk, cast.guests.pk])
    assert {e["action"] for e in written.entries} == {"member.remove"}
    assert ledger.verify_all().ok


def test_the_only_coordinator_of_a_group_with_members_is_refused(cast):
    """Sam is the only coordinator of the self-advocates, who still have Mo and Ria: erasing
    him would leave them with no one to run the group, so it is refused, naming the group,
    and nothing changes (his name, his memberships, the ledger)."""
    error = refused("last_coordinator", actions.person_erase, actor=cast.sam, person_id=cast.sam.pk)
    assert error.status == 409
    assert error.message == (
        "You are the only coordinator of Self-advocates. Make someone else a coordinator first."
    )
    assert Person.objects.get(pk=cast.sam.pk).name == "Sam"


def test_the_refusal_names_every_group_that_needs_a_coordinator(cast):
    """Carol coordinates two groups with other members: the refusal names both, and she
    leaves neither."""
    other = actions.party_create(
        actor=cast.carol, name="Advisory board", kind="organisation", decision_rule="speaker"
    )
    actions.party_member_add(
        actor=cast.carol, party_id=other.pk, email="mo@example.org", roles=["member"]
    )
    error = refused(
        "last_coordinator", actions.person_erase, actor=cast.carol, person_id=cast.carol.pk
    )
    assert "Advisory board, Council team" in error.message


def test_once_another_coordinator_is_made_erasure_goes_ahead(cast):
    """With a second coordinator, the first may erase themselves; the group keeps one."""
    actions.party_member_set_roles(
        actor=cast.carol, party_id=cast.council.pk, person_id=cast.owen.pk, roles=["coordinator"]
    )
    actions.person_erase(actor=cast.carol, person_id=cast.carol.pk)
    current = Membership.objects.filter(party=cast.council, left_at__isnull=True)
    assert [(m.person_id, m.is_coordinator) for m in current] == [(cast.owen.pk, True)]


def test_a_group_whose_only_member_is_erased_stays_with_no_members(cast, own):
    """Gil is the carers forum's only member: he may erase himself. The group stays, with
    no members, still a guest where it was (nothing leaves a space on its behalf); its
    chain records that he left."""
    with watch() as written:
        actions.person_erase(actor=cast.gil, person_id=cast.gil.pk)
    assert written.one("member.remove")["chain"] == cast.guests.pk
    assert not Membership.objects.filter(party=cast.guests, left_at__isnull=True).exists()
    view = selectors.space_get(viewer=cast.carol, space_id=own.pk)
    assert cast.guests.pk in view.guests
    assert ledger.verify_all().ok


def test_a_refused_erasure_keeps_the_person_able_to_sign_in(cast):
    """A refusal changes nothing: Sam's account and tokens still work."""
    _, raw = actions.token_create(actor=cast.sam, name="script")
    refused("last_coordinator", actions.person_erase, actor=cast.sam, person_id=cast.sam.pk)
    assert actions.token_authenticate(raw) == cast.sam


def test_erasure_stops_the_person_s_tokens(cast):
    """After erasure, no token of theirs works."""
    _, raw = actions.token_create(actor=cast.owen, name="script")
    actions.person_erase(actor=cast.owen, person_id=cast.owen.pk)
    assert actions.token_authenticate(raw) is None


def test_staff_may_erase_someone_and_the_entry_names_the_staff_member(cast):
    """Staff erase someone else: the group's chain records who did it, by id."""
    staff = Person.objects.create_user("admin@example.org", "Admin", is_staff=True)
    with watch() as written:
        actions.person_erase(actor=staff, person_id=cast.owen.pk)
    entry = written.one("member.remove")
    assert entry["actor"]["person"] == staff.pk and entry["data"] == {"member": cast.owen.pk}


def test_the_preview_says_what_erasure_would_do(cast):
    """The preview names the groups a person would leave, those that block it (the only
    coordinator with other members) and those left with no members, as the action does."""
    actions.party_member_add(
        actor=cast.gil, party_id=cast.guests.pk, email="owen@example.org", roles=["member"]
    )
    sam = selectors.erasure_preview(viewer=cast.sam)
    assert [p.pk for p in sam.groups] == [cast.group.pk]
    assert [p.pk for p in sam.need_coordinator] == [cast.group.pk] and not sam.allowed
    olive = selectors.erasure_preview(viewer=cast.olive)
    assert [p.pk for p in olive.left_empty] == [cast.outsiders.pk] and olive.allowed
    owen = selectors.erasure_preview(viewer=cast.owen)
    assert [p.name for p in owen.groups] == ["Carers forum", "Council team"]
    assert owen.allowed and not owen.left_empty and not owen.need_coordinator
    gil = selectors.erasure_preview(viewer=cast.gil)
    assert [p.pk for p in gil.need_coordinator] == [cast.guests.pk]
