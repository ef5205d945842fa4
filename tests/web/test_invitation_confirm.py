"""Saying yes to an invitation is asked about first, with what the group joins: a shared
space's charter and rules, or what a guest may do there. Saying no is not asked."""


from __future__ import annotations

import re

from django.urls import reverse

from sharedspace.governance import actions
from sharedspace.governance.models import Invitation

from .conftest import CHARTER, form_data, hidden_fields


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_saying_yes_to_a_shared_space_shows_its_charter_first(cast, signed_in):
    space = actions.space_create(
        actor=cast.carol, title="Respite review", purpose="Better breaks",
        claimed_approach="coproduction", holders=[cast.council.pk, cast.group.pk],
        charter={**CHARTER, "meetings": "Monthly, with a break every 30 minutes."},
    )
    invitation = space.invitations.get(party=cast.group)
    sam = signed_in(cast.sam)
    asked = sam.post(reverse("web:dashboard"), form_data("accept", id=invitation.pk))
    html = asked.content.decode()
    words = text_of(html)
    assert asked.status_code == 200 and "Say yes to “Respite review”?" in words
    assert "Monthly, with a break every 30 minutes." in words
    assert "Nothing is decided there unless no group says no and at least one says yes." in words
    assert "Your group can leave later. The record will show that it joined." in words
    assert "This cannot be undone." not in words
    invitation.refresh_from_db()
    assert invitation.state == "open"  # nothing done yet
    done = sam.post(reverse("web:dashboard"), hidden_fields(html))
    assert done.status_code == 302 and done["Location"] == reverse("web:space", args=[space.pk])
    invitation.refresh_from_db()
    assert invitation.state == "accepted"


def test_saying_yes_as_a_guest_says_what_the_guest_may_do(cast, signed_in):
    own = actions.space_create(actor=cast.carol, title="Coproduction board", purpose="Hear",
                               holders=[cast.council.pk], claimed_approach="coproduction",
                               guest_permissions=["view", "comment"])
    invitation = actions.guest_invite(actor=cast.carol, space_id=own.pk, party_id=cast.guests.pk)
    words = text_of(signed_in(cast.gil).post(
        reverse("web:dashboard"), form_data("accept", id=invitation.pk)).content.decode())
    assert "Your group becomes a guest." in words
    assert "it can stop involving your group at any time" in words
    assert "What your group may do there" in words


def test_a_guest_invited_into_a_shared_space_is_told_the_groups_decide_together(
        cast, signed_in):
    """The groups holding a shared space invite a guest by a passed proposal and remove it
    only the same way: the dashboard and the question say so, not "one group decides"."""
    space = actions.space_create(
        actor=cast.carol, title="Respite review", purpose="Better breaks",
        claimed_approach="coproduction", holders=[cast.council.pk, cast.group.pk],
        charter=CHARTER,
    )
    actions.invitation_accept(actor=cast.sam, invitation_id=space.invitations.get(
        party=cast.group).pk)
    proposal = actions.proposal_submit(actor=cast.carol, space_id=space.pk, kind="add_guest",
                                       title="Invite the carers", party=cast.guests.pk)
    for person, party in ((cast.carol, cast.council), (cast.sam, cast.group),
                          (cast.mo, cast.group)):
        actions.position_give(actor=person, proposal_id=proposal.pk, party=party.pk,
                              position="agree")
    invitation = space.invitations.get(party=cast.guests, state="open")
    gil = signed_in(cast.gil)
    dashboard = text_of(gil.get(reverse("web:dashboard")).content.decode())
    assert ("The groups that hold this space agreed to invite Carers forum in as a guest. "
            "They decide what happens there, together.") in dashboard
    assert "will decide what happens there" not in dashboard
    asked = gil.post(reverse("web:dashboard"), form_data("accept", id=invitation.pk))
    html = asked.content.decode()
    words = text_of(html)
    assert "The groups that hold the space decide there, together." in words
    assert "only by a proposal that none of them objects to" in words
    assert "at any time" not in words
    # Saying yes to joining is not a danger: the usual button, not the red one.
    assert 'govuk-button--warning' not in html.split('name="confirmed"')[1]


def test_saying_no_is_not_asked_and_someone_else_is_refused_at_once(cast, signed_in):
    space = actions.space_create(
        actor=cast.carol, title="Respite review", purpose="Better breaks",
        claimed_approach="coproduction", holders=[cast.council.pk, cast.group.pk],
        charter=CHARTER,
    )
    invitation = space.invitations.get(party=cast.group)
    # Mo is not the group's coordinator: the refusal shows at once, no question first.
    refused = signed_in(cast.mo).post(reverse("web:dashboard"),
                                      form_data("accept", id=invitation.pk))
    assert "Say yes to" not in refused.content.decode()
    assert Invitation.objects.get(pk=invitation.pk).state == "open"
    declined = signed_in(cast.sam).post(reverse("web:dashboard"),
                                        form_data("decline", id=invitation.pk))
    assert declined.status_code == 302
    assert Invitation.objects.get(pk=invitation.pk).state == "declined"


def test_yes_counts_only_for_what_the_question_showed(cast, signed_in):
    """The host gives guests more to do while the coordinator reads the question: "Yes"
    does nothing, and the question is asked again with what guests may do now."""
    own = actions.space_create(actor=cast.carol, title="Coproduction board", purpose="Hear",
                               holders=[cast.council.pk], claimed_approach="coproduction",
                               guest_permissions=["view"])
    invitation = actions.guest_invite(actor=cast.carol, space_id=own.pk, party_id=cast.guests.pk)
    gil = signed_in(cast.gil)
    first = gil.post(reverse("web:dashboard"), form_data("accept", id=invitation.pk))
    actions.space_settings_update(actor=cast.carol, space_id=own.pk,
                                  guest_permissions=["view", "comment", "propose"])
    again = gil.post(reverse("web:dashboard"), hidden_fields(first.content.decode()))
    assert again.status_code == 200
    words = text_of(again.content.decode())
    assert "What you are saying yes to changed after you opened this page." in words
    assert "Make proposals" in words
    invitation.refresh_from_db()
    assert invitation.state == "open"
    done = gil.post(reverse("web:dashboard"), hidden_fields(again.content.decode()))
    assert done.status_code == 302
    invitation.refresh_from_db()
    assert invitation.state == "accepted"
