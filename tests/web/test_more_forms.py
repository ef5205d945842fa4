"""The forms that close the gaps between the core and the browser (issue 3): every one as a
plain POST by each role that matters, refusals in the error summary, the ledger entry written."""

# The interface uses typographic apostrophes, as GOV.UK's style guide does.
# ruff: noqa: RUF001

from __future__ import annotations

from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from sharedspace.governance import actions, policies
from sharedspace.governance.models import Membership, Party, Proposal
from tests.governance.conftest import shared_guest, watch  # noqa: F401 (a fixture)

from .conftest import date_parts, errors_in, form_data

# --- Groups: members, roles, leaving, name -------------------------------------------------


def test_a_coordinator_changes_a_member_s_roles(cast, signed_in):
    """Carol makes Owen a speaker from the group page; the change is on the group's chain."""
    carol = signed_in(cast.carol)
    url = reverse("web:party", args=[cast.council.pk])
    page = carol.get(url).content.decode()
    assert f"?member={cast.owen.pk}#change-member" in page
    chosen = carol.get(url, {"member": cast.owen.pk}).content.decode()
    assert "Change Owen’s roles" in chosen and 'name="roles-roles"' in chosen
    with watch() as written:
        response = carol.post(url, form_data("roles", id=cast.owen.pk, roles=["speaker"]))
    assert response.status_code == 302
    entry = written.one("member.roles")
    assert entry["data"]["member"] == cast.owen.pk
    assert sorted(entry["data"]["roles"]) == ["member", "speaker"]
    owen = Membership.objects.get(party=cast.council, person=cast.owen, left_at__isnull=True)
    assert owen.is_speaker and not owen.is_coordinator


def test_the_last_coordinator_cannot_step_down(cast, signed_in):
    """The core refuses to leave a group without a coordinator; the page says why."""
    carol = signed_in(cast.carol)
    url = reverse("web:party", args=[cast.council.pk])
    with watch() as written:
        refused = carol.post(url, form_data("roles", id=cast.carol.pk, roles=["speaker"]))
    assert refused.status_code == 409
    assert errors_in(refused.content.decode()) == [
        "A group needs at least one coordinator. Add another one first."
    ]
    assert written.entries == []
    left = carol.post(url, form_data("leave"))
    assert left.status_code == 409
    assert errors_in(left.content.decode()) == [
        "A group needs at least one coordinator. Add another one first."
    ]


def test_the_last_coordinator_s_refusal_is_in_welsh(cast, signed_in):
    """The same refusal, raised by the core in English, is shown in Welsh to Welsh readers."""
    english = "A group needs at least one coordinator. Add another one first."
    with translation.override("cy"):
        welsh = translation.gettext(english)
    assert welsh != english
    carol = signed_in(cast.carol)
    carol.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"
    refused = carol.post(reverse("web:party", args=[cast.council.pk]), form_data("leave"))
    assert errors_in(refused.content.decode()) == [welsh]


def test_a_coordinator_removes_a_member_and_a_member_leaves(cast, signed_in):
    """Sam removes Ria; Mo leaves by herself; both are recorded; Ria's page no longer lists
    the group's members."""
    sam = signed_in(cast.sam)
    url = reverse("web:party", args=[cast.group.pk])
    chosen = sam.get(url, {"member": cast.ria.pk}).content.decode()
    assert "Remove Ria from the group" in chosen and "govuk-warning-text" in chosen
    with watch() as written:
        assert sam.post(url, {"form": "remove", "remove-id": cast.ria.pk}).status_code == 302
    assert written.one("member.remove")["data"] == {"member": cast.ria.pk}
    assert not Membership.objects.filter(party=cast.group, person=cast.ria,
                                         left_at__isnull=True).exists()
    mo = signed_in(cast.mo)
    assert "Leave the group" in mo.get(url).content.decode()
    with watch() as written:
        response = mo.post(url, form_data("leave"))
    assert response.status_code == 302 and response["Location"] == reverse("web:dashboard")
    assert written.one("member.remove")["data"] == {"member": cast.mo.pk}


def test_only_a_coordinator_changes_roles_or_removes(cast, signed_in):
    """Owen is a member, not a coordinator: no controls, and a crafted POST is refused."""
    owen = signed_in(cast.owen)
    url = reverse("web:party", args=[cast.council.pk])
    page = owen.get(url, {"member": cast.carol.pk}).content.decode()
    assert "#change-member" not in page and 'name="roles-roles"' not in page
    with watch() as written:
        refused = owen.post(url, {"form": "remove", "remove-id": cast.carol.pk})
    assert refused.status_code == 403
    assert errors_in(refused.content.decode()) == [
        "Only a coordinator of the group can do this for the group."
    ]
    refused = owen.post(url, form_data("roles", id=cast.owen.pk, roles=["coordinator"]))
    assert refused.status_code == 403
    assert written.entries == []


def test_a_coordinator_renames_the_group(cast, signed_in):
    """The group's name is its own business; an outsider's POST is refused."""
    url = reverse("web:party", args=[cast.council.pk])
    with watch() as written:
        assert signed_in(cast.carol).post(url, form_data("name", name="Adult services")
                                          ).status_code == 302
    assert written.one("party.update")["data"] == {"name_changed": True}
    assert Party.objects.get(pk=cast.council.pk).name == "Adult services"
    refused = signed_in(cast.olive).post(url, form_data("name", name="Taken over"))
    assert refused.status_code == 403
    assert Party.objects.get(pk=cast.council.pk).name == "Adult services"


# --- Proposals of every kind ----------------------------------------------------------------


def _agree_by_web(signed_in, cast, proposal) -> None:
    """Every holder of the shared space agrees, each by its own rule, through the page."""
    url = reverse("web:proposal", args=[proposal.pk])
    for who, party in ((cast.carol, cast.council), (cast.sam, cast.group), (cast.mo, cast.group)):
        proposal.refresh_from_db()
        if proposal.state == "open":
            response = signed_in(who).post(url, form_data("answer", party=party.pk,
                                                          position="agree"))
            assert response.status_code == 302
    proposal.refresh_from_db()


def test_a_guest_is_invited_into_a_shared_space_by_proposal(cast, shared, signed_in):
    """From the overview a holder's person opens the proposal form filled in to invite a
    guest, picks the group, and the proposal passes: the group is invited, and becomes a
    guest when its own coordinator says yes."""
    sam = signed_in(cast.sam)
    overview = sam.get(reverse("web:space", args=[shared.pk])).content.decode()
    assert "Propose inviting a group as a guest" in overview
    url = reverse("web:proposals", args=[shared.pk])
    form = sam.get(url, {"kind": "add_guest"}).content.decode()
    assert 'value="add_guest" checked' in form
    with watch() as written:
        response = sam.post(url, form_data("proposal", kind="add_guest", title="Invite carers",
                                           party=cast.guests.pk))
    assert response.status_code == 302
    assert written.one("proposal.submit")["data"]["party"] == cast.guests.pk
    proposal = Proposal.objects.get(space=shared, kind="add_guest")
    _agree_by_web(signed_in, cast, proposal)
    assert proposal.state == "passed"
    invitation = shared.invitations.get(party=cast.guests, state="open")
    gil = signed_in(cast.gil)
    assert gil.post(reverse("web:dashboard"), {"form": "accept", "accept-id": invitation.pk,
                                                 "confirmed": "yes"}
                    ).status_code == 302
    assert cast.guests.pk in policies.guest_ids(shared)


def test_a_guest_is_removed_from_a_shared_space_by_proposal(cast, shared_guest, signed_in):  # noqa: F811
    """Beside each guest, a link opens the proposal to end its involvement, filled in."""
    carol = signed_in(cast.carol)
    overview = carol.get(reverse("web:space", args=[shared_guest.pk])).content.decode()
    link = f"?kind=remove_guest&amp;party={cast.guests.pk}#new"
    assert link in overview and "Propose ending their involvement" in overview
    url = reverse("web:proposals", args=[shared_guest.pk])
    form = carol.get(url, {"kind": "remove_guest", "party": cast.guests.pk}).content.decode()
    assert f'value="{cast.guests.pk}" selected' in form
    with watch() as written:
        carol.post(url, form_data("proposal", kind="remove_guest", title="Thank the carers",
                                  party=cast.guests.pk))
    assert written.one("proposal.submit")["data"]["kind"] == "remove_guest"
    proposal = Proposal.objects.get(space=shared_guest, kind="remove_guest")
    _agree_by_web(signed_in, cast, proposal)
    assert cast.guests.pk not in policies.guest_ids(shared_guest)
    # A guest of a shared space only views: it is offered no proposal links.
    gil = signed_in(cast.gil).get(reverse("web:space", args=[shared_guest.pk]))
    assert "Propose ending their involvement" not in gil.content.decode()


def test_a_new_holder_closing_spending_and_a_decision_by_proposal(cast, shared, signed_in):
    """The general form makes the other kinds: a new holder, spending, closing, a decision;
    a kind's missing detail is said in the error summary (by the form, in the core's words)."""
    carol = signed_in(cast.carol)
    url = reverse("web:proposals", args=[shared.pk])
    refused = carol.post(url, form_data("proposal", kind="add_holder", title="Bring in Olive"))
    assert refused.status_code == 200
    assert not Proposal.objects.filter(space=shared).exists()
    assert errors_in(refused.content.decode()) == ["Choose a group."]
    for kind, extra in (("add_holder", {"party": cast.outsiders.pk}), ("spend", {"amount": "12"}),
                        ("close", {}), ("decision", {"body": "Meet monthly"})):
        with watch() as written:
            response = carol.post(url, form_data("proposal", kind=kind, title=f"A {kind}",
                                                 **extra))
        assert response.status_code == 302, kind
        assert written.one("proposal.submit")["data"]["kind"] == kind
    assert "A add_holder" in carol.get(url).content.decode()


def test_an_outsider_cannot_propose(cast, shared, signed_in):
    """Olive's group does not hold the space: she cannot even see it."""
    response = signed_in(cast.olive).post(
        reverse("web:proposals", args=[shared.pk]),
        form_data("proposal", kind="decision", title="Take over"),
    )
    assert response.status_code == 404
    assert not Proposal.objects.filter(space=shared).exists()


def test_the_charter_is_changed_by_proposal_with_its_text_filled_in(cast, shared, signed_in):
    """The charter page shows the charter as it reads now in the form; a passed proposal
    changes it."""
    sam = signed_in(cast.sam)
    url = reverse("web:charter", args=[shared.pk])
    page = sam.get(url).content.decode()
    assert "Make the day service better together.</textarea>" in page
    with watch() as written:
        response = sam.post(url, form_data(
            "charter", title="Add meetings", purpose="Make the day service better together.",
            meetings="Monthly, with easy-read papers",
            **date_parts("closes_at", "31", "12", "2099"),
        ))
    assert response.status_code == 302
    entry = written.one("proposal.submit")["data"]
    assert entry["kind"] == "charter" and entry["party"] is None and entry["closes_at"]
    proposal = Proposal.objects.get(space=shared, kind="charter")
    assert proposal.proposed_by_party_id == cast.group.pk
    _agree_by_web(signed_in, cast, proposal)
    shared.refresh_from_db()
    assert shared.charter["meetings"] == "Monthly, with easy-read papers"


def test_a_comment_is_removed_by_proposal(cast, shared, signed_in):
    """“Propose removing this” under a comment opens a proposal for that comment; when it
    passes the comment is hidden from the discussion (and kept in the record)."""
    comment = actions.comment_add(actor=cast.owen, space_id=shared.pk, body="Rude words")
    sam = signed_in(cast.sam)
    overview = sam.get(reverse("web:space", args=[shared.pk])).content.decode()
    assert f"?remove={comment.pk}#remove" in overview and "Propose removing this" in overview
    url = reverse("web:proposals", args=[shared.pk])
    form = sam.get(url, {"remove": comment.pk}).content.decode()
    assert "Propose removing a comment" in form and "Rude words" in form
    with watch() as written:
        response = sam.post(url, form_data("remove_content", content=comment.pk,
                                           title="Remove a comment by Owen",
                                           body="It hurts people"))
    assert response.status_code == 302
    assert written.one("proposal.submit")["data"]["content"] == comment.pk
    proposal = Proposal.objects.get(space=shared, kind="remove_content")
    page = sam.get(reverse("web:proposal", args=[proposal.pk])).content.decode()
    assert "Comment to remove" in page and "Rude words" in page
    _agree_by_web(signed_in, cast, proposal)
    assert proposal.state == "passed"
    comment.refresh_from_db()
    assert comment.removed_at is not None
    assert "Rude words" not in sam.get(reverse("web:space", args=[shared.pk])).content.decode()


def test_a_removed_or_unknown_comment_cannot_be_proposed_for_removal(cast, shared, signed_in):
    """Posting a comment id that is not in the space: the core's words, in the summary."""
    other = actions.space_create(actor=cast.carol, title="Other", purpose="Other",
                                 holders=[cast.council.pk], claimed_approach="informing")
    elsewhere = actions.comment_add(actor=cast.carol, space_id=other.pk, body="Elsewhere")
    response = signed_in(cast.carol).post(
        reverse("web:proposals", args=[shared.pk]),
        form_data("remove_content", content=elsewhere.pk, title="Remove it"),
    )
    assert response.status_code == 422
    assert errors_in(response.content.decode()) == ["Name a comment in this space to remove."]
    assert not Proposal.objects.filter(kind="remove_content").exists()


def test_a_guest_without_propose_cannot_propose_removing(cast, own, signed_in):
    """In an own space a guest proposes only where the host allowed it."""
    comment = actions.comment_add(actor=cast.carol, space_id=own.pk, body="Our plan")
    actions.space_settings_update(actor=cast.carol, space_id=own.pk,
                                  guest_permissions=["view", "comment"])
    gil = signed_in(cast.gil)
    page = gil.get(reverse("web:space", args=[own.pk])).content.decode()
    assert "Propose removing this" not in page
    refused = gil.post(reverse("web:proposals", args=[own.pk]),
                       form_data("remove_content", content=comment.pk, title="Remove it"))
    assert refused.status_code == 403
    assert errors_in(refused.content.decode()) == [
        "The host has not allowed guests to do this here."
    ]


# --- Own space: guests and settings ---------------------------------------------------------


def test_stopping_involving_a_guest_is_explained_first(cast, own, signed_in):
    """The host sees plainly what stopping involving means before the button."""
    page = signed_in(cast.carol).get(reverse("web:space", args=[own.pk])).content.decode()
    assert "Stopping involving a guest takes effect at once, without their agreement." in page
    assert page.index("govuk-warning-text") < page.index('value="remove"')


def test_the_host_renames_its_own_space(cast, own, signed_in):
    """The host changes its space's name and purpose; a guest cannot."""
    url = reverse("web:space", args=[own.pk])
    with watch() as written:
        assert signed_in(cast.carol).post(url, form_data(
            "details", title="People's board", purpose="Listen and act")).status_code == 302
    assert set(written.one("space.settings")["data"]) == {"title_sha256", "purpose_sha256"}
    own.refresh_from_db()
    assert (own.title, own.purpose) == ("People's board", "Listen and act")
    refused = signed_in(cast.gil).post(url, form_data("details", title="Ours", purpose="Ours"))
    assert refused.status_code == 403
    own.refresh_from_db()
    assert own.title == "People's board"


# --- Query counts ---------------------------------------------------------------------------


def _queries(client, url: str, **params: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_the_group_page_s_queries_do_not_grow_with_its_members(cast, signed_in):
    """The coordinator's group page, with a member chosen, needs as many queries with two
    members as with eight."""
    carol = signed_in(cast.carol)
    url = reverse("web:party", args=[cast.council.pk])
    before = _queries(carol, url, member=cast.owen.pk)
    for i in range(6):
        actions.party_member_add(actor=cast.carol, party_id=cast.council.pk,
                                 email=f"officer{i}@example.org", roles=["member"])
    assert _queries(carol, url, member=cast.owen.pk) == before


def test_the_removal_form_s_queries_do_not_grow_with_the_discussion(cast, shared, signed_in):
    """Proposing to remove a comment reads that comment only, however long the discussion."""
    first = actions.comment_add(actor=cast.owen, space_id=shared.pk, body="First")
    actions.proposal_submit(actor=cast.sam, space_id=shared.pk, kind="decision", title="First")
    sam = signed_in(cast.sam)
    url = reverse("web:proposals", args=[shared.pk])
    before = _queries(sam, url, remove=first.pk)
    for i in range(6):
        actions.comment_add(actor=cast.owen, space_id=shared.pk, body=f"More {i}")
        actions.proposal_submit(actor=cast.carol, space_id=shared.pk, kind="decision",
                                title=f"Idea {i}")
    assert _queries(sam, url, remove=first.pk) == before
