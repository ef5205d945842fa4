"""Personal data stays outside the chain (DESIGN §4 rule 13).

Ledger entries name people and parties by opaque ids only; erasing a person's name and
email leaves every chain verifiable and every entry as it was.
"""

from __future__ import annotations

from sharedspace.governance import actions, ledger, selectors
from sharedspace.governance.models import LedgerEntry, Person

from .conftest import pass_proposal, refused

PEOPLE = ("carol", "owen", "sam", "mo", "ria", "gil", "olive")


def busy(cast, shared):
    """Some history touching everyone."""
    actions.comment_add(actor=cast.mo, space_id=shared.pk, body="Mo says hello")
    pass_proposal(cast, shared, kind="add_guest", party=cast.guests.pk)
    actions.fund_commit(actor=cast.sam, space_id=shared.pk, party=cast.group.pk, amount="9")
    actions.outside_decision_record(actor=cast.ria, space_id=shared.pk,
                                    made_by=cast.outsiders.pk, summary="Olive's board decided")
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
    """Sam erases himself: his name and email are gone, every entry is unchanged, every
    chain verifies, and the space still reads (naming him by id)."""
    busy(cast, shared)
    before = list(LedgerEntry.objects.order_by("pk").values_list("content", "hash"))
    actions.person_erase(actor=cast.sam, person_id=cast.sam.pk)
    sam = Person.objects.get(pk=cast.sam.pk)
    assert sam.name == "Erased person" and "sam" not in sam.email
    assert not sam.is_active and sam.erased_at is not None
    assert list(LedgerEntry.objects.order_by("pk").values_list("content", "hash")) == before
    assert ledger.verify_all().ok
    entries, _ = selectors.ledger_page(viewer=cast.carol, space_id=shared.pk)
    assert any(e["actor"]["person"] == cast.sam.pk for e in entries)


def test_only_the_person_erases_themselves(cast):
    """No one erases someone else (unless staff); asking looks like asking about no one."""
    refused("not_found", actions.person_erase, actor=cast.carol, person_id=cast.sam.pk)
