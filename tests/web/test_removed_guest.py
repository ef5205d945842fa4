"""A guest the host stopped involving is told so, not that it left (DESIGN rule 3: removing a
guest "is recorded as 'stopped involving'"); a group that left is told it left. And the host's
warning before removing a guest says what the removed guest can still do."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from sharedspace.governance import actions
from sharedspace.governance.models import Tenure
from tests.governance.conftest import shared_guest  # noqa: F401  (a fixture)

from .conftest import accept_all, errors_in, form_data, pass_proposal


def ended_on(space, party) -> str:
    """The day the party's last time in the space ended, as the pages write it."""
    tenure = Tenure.objects.filter(space=space, party=party).exclude(ended_at=None).latest(
        "ended_at")
    return date_format(timezone.localtime(tenure.ended_at), "j F Y")


def card(dashboard: str, title: str) -> str:
    """The dashboard's card for one space: from its title to the end of its list item."""
    start = dashboard.index(f">{title}</a>")
    return dashboard[start:dashboard.index("</li>", start)]


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.fixture
def removed(cast, own):
    """The council stops involving the carers forum in its own board."""
    actions.guest_remove(actor=cast.carol, space_id=own.pk, party_id=cast.guests.pk)
    return own


def test_the_dashboard_says_the_host_stopped_involving_the_group(cast, removed, signed_in):
    """Gil's card for the board: tagged removed, "Council team stopped involving your group on
    <day>.", and neither "Your group left" nor "You are a guest"."""
    dashboard = signed_in(cast.gil).get(reverse("web:dashboard")).content.decode()
    item = text_of(card(dashboard, "Coproduction board"))
    assert "Your group was removed" in item
    assert f"Council team stopped involving your group on {ended_on(removed, cast.guests)}." \
        in item
    assert "left" not in item
    assert "You are a guest" not in item


def test_the_banner_says_the_host_stopped_involving_the_group(cast, removed, signed_in):
    """On every page of the space the banner says who stopped involving the group and when,
    and what the group can still do; never that it left."""
    gil = signed_in(cast.gil)
    for name in ("space", "proposals", "outside"):
        page = text_of(gil.get(reverse(f"web:{name}", args=[removed.pk])).content.decode())
        assert "Carers forum is no longer part of this space." in page
        assert (f"Council team stopped involving your group on "
                f"{ended_on(removed, cast.guests)}.") in page
        assert "You can still read this space, but your group can no longer take part." in page
        assert "your group left" not in page.lower()


def test_a_guest_that_left_is_told_it_left(cast, own, signed_in):
    """Gil's group leaves the board itself: "Your group left on <day>." on the dashboard and
    in the banner, and nothing about being stopped."""
    actions.space_leave(actor=cast.gil, space_id=own.pk, party_id=cast.guests.pk)
    gil = signed_in(cast.gil)
    day = ended_on(own, cast.guests)
    item = text_of(card(gil.get(reverse("web:dashboard")).content.decode(),
                        "Coproduction board"))
    assert "Your group left" in item and f"Your group left on {day}." in item
    assert "stopped involving" not in item and "You are a guest" not in item
    page = text_of(gil.get(reverse("web:space", args=[own.pk])).content.decode())
    assert f"Your group left on {day}." in page
    assert "stopped involving your group" not in page


def test_let_in_again_and_then_leaving_says_it_left(cast, removed, signed_in):
    """Removed, invited back, then leaving: the newest ending is the one told."""
    invitation = actions.guest_invite(actor=cast.carol, space_id=removed.pk,
                                      party_id=cast.guests.pk)
    actions.invitation_accept(actor=cast.gil, invitation_id=invitation.pk)
    actions.space_leave(actor=cast.gil, space_id=removed.pk, party_id=cast.guests.pk)
    gil = signed_in(cast.gil)
    page = text_of(gil.get(reverse("web:space", args=[removed.pk])).content.decode())
    assert "Your group left on" in page and "stopped involving your group" not in page
    item = text_of(card(gil.get(reverse("web:dashboard")).content.decode(),
                        "Coproduction board"))
    assert "Your group left on" in item and "stopped involving" not in item


def test_a_guest_removed_from_a_shared_space_by_proposal(cast, shared_guest, signed_in):  # noqa: F811
    """In a shared space the holders together stopped involving the guest, by a passed
    proposal: the dashboard and the banner say so."""
    pass_proposal(cast, shared_guest, kind="remove_guest", party=cast.guests.pk)
    gil = signed_in(cast.gil)
    line = (f"The groups holding this space stopped involving your group on "
            f"{ended_on(shared_guest, cast.guests)}.")
    item = text_of(card(gil.get(reverse("web:dashboard")).content.decode(),
                        "Day service review"))
    assert line in item and "You are a guest" not in item
    page = text_of(gil.get(reverse("web:space", args=[shared_guest.pk])).content.decode())
    assert line in page


def test_a_space_that_became_shared_later_still_names_the_host_that_removed(
        cast, removed, signed_in):
    """The council stopped involving the carers forum while the board was its own; later the
    self-advocates became a second holder. The forum is still told the council did it (as it
    happened then), not "the groups holding this space"."""
    pass_proposal(cast, removed, kind="add_holder", party=cast.group.pk)
    accept_all(removed, cast)
    removed.refresh_from_db()
    assert removed.kind == "shared"
    gil = signed_in(cast.gil)
    line = f"Council team stopped involving your group on {ended_on(removed, cast.guests)}."
    item = text_of(card(gil.get(reverse("web:dashboard")).content.decode(),
                        "Coproduction board"))
    assert line in item and "The groups holding" not in item
    page = text_of(gil.get(reverse("web:space", args=[removed.pk])).content.decode())
    assert line in page and "The groups holding" not in page


def test_a_holder_that_left_a_shared_space(cast, shared, signed_in):
    """A third holder leaves a shared space: its card says who holds it and that it left."""
    pass_proposal(cast, shared, kind="add_holder", party=cast.outsiders.pk)
    invitation = shared.invitations.get(party=cast.outsiders, state="open")
    actions.invitation_accept(actor=cast.olive, invitation_id=invitation.pk)
    actions.space_leave(actor=cast.olive, space_id=shared.pk, party_id=cast.outsiders.pk)
    olive = signed_in(cast.olive)
    item = text_of(card(olive.get(reverse("web:dashboard")).content.decode(),
                        "Day service review"))
    assert "Held together by Council team, Self-advocates." in item
    assert f"Your group left on {ended_on(shared, cast.outsiders)}." in item
    page = text_of(olive.get(reverse("web:space", args=[shared.pk])).content.decode())
    assert "Other charity is no longer part of this space." in page
    assert "Your group left on" in page


def test_the_hosts_warning_says_what_a_removed_guest_can_still_do(cast, own, signed_in):
    """Before removing, Carol is told the guest can no longer take part but can still read
    the space, also what happens later: not that it can no longer see it."""
    page = text_of(signed_in(cast.carol).get(reverse("web:space", args=[own.pk])).content
                   .decode())
    assert ("But they can still read this space, as they can now, including what happens "
            "here later.") in page
    assert "they cannot comment, propose or give views" in page
    assert "can no longer see" not in page


def test_what_the_warning_says_is_what_happens(cast, removed, signed_in):
    """After removal the forum still reads the space, its proposals and its history (the
    host let guests view), also a proposal made later; but it has no comment form and a
    comment it posts is refused."""
    actions.proposal_submit(actor=cast.carol, space_id=removed.pk, kind="decision",
                            title="Made after the forum was removed")
    gil = signed_in(cast.gil)
    later = gil.get(reverse("web:proposals", args=[removed.pk])).content.decode()
    assert "Made after the forum was removed" in later
    for name in ("space", "proposals", "fund", "outside", "history"):
        assert gil.get(reverse(f"web:{name}", args=[removed.pk])).status_code == 200, name
    page = gil.get(reverse("web:space", args=[removed.pk])).content.decode()
    assert 'name="comment-body"' not in page
    response = gil.post(reverse("web:space", args=[removed.pk]),
                        form_data("comment", body="Let us back in"))
    assert response.status_code in (403, 404)
    assert errors_in(response.content.decode())


def test_easy_read_tells_the_removed_group_and_the_host(cast, removed, signed_in):
    """Easy read on: the removed group reads that those who decide stopped involving it;
    the host reads, before removing another guest, that a removed guest can still read."""
    gil = signed_in(cast.gil)
    gil.cookies["easy_read"] = "1"
    page = gil.get(reverse("web:space", args=[removed.pk])).content.decode()
    assert "Those who decide here stopped involving your group." in page
    assert "You can still read this space." in page
    invitation = actions.guest_invite(actor=cast.carol, space_id=removed.pk,
                                      party_id=cast.outsiders.pk)
    actions.invitation_accept(actor=cast.olive, invitation_id=invitation.pk)
    carol = signed_in(cast.carol)
    carol.cookies["easy_read"] = "1"
    host = carol.get(reverse("web:space", args=[removed.pk])).content.decode()
    assert "They can still read this space, also what happens later." in host
    assert "They do not have to agree." in host


def test_the_dashboard_reads_no_more_rows_for_more_removals(cast, signed_in):
    """How each space ended is read from rows already fetched: the dashboard's query count is
    the same with one removal as with five."""
    gil = signed_in(cast.gil)

    def board(i: int) -> None:
        space = actions.space_create(actor=cast.carol, title=f"Board {i}", purpose="Hear",
                                     holders=[cast.council.pk], claimed_approach="informing",
                                     guest_permissions=["view"])
        invitation = actions.guest_invite(actor=cast.carol, space_id=space.pk,
                                          party_id=cast.guests.pk)
        actions.invitation_accept(actor=cast.gil, invitation_id=invitation.pk)
        actions.guest_remove(actor=cast.carol, space_id=space.pk, party_id=cast.guests.pk)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert gil.get(reverse("web:dashboard")).status_code == 200
        return len(ctx.captured_queries)

    board(0)
    small = count()
    for i in range(1, 5):
        board(i)
    assert count() == small


def test_a_removed_guest_is_not_listed_as_a_guest(cast, removed, signed_in):
    """The board is under "Spaces your group is no longer part of", not under "Spaces where
    we are guests"."""
    html = signed_in(cast.gil).get(reverse("web:dashboard")).content.decode()
    former = html.split('id="group-former"', 1)[1].split("</section>", 1)[0]
    guests = html.split('id="group-guest"', 1)[1].split("</section>", 1)[0]
    assert "Spaces your group is no longer part of" in former
    assert f">{removed.title}</a>" in former and f">{removed.title}</a>" not in guests


def test_the_leave_page_of_a_removed_group_has_nothing_to_leave(cast, removed, signed_in):
    html = signed_in(cast.gil).get(reverse("web:leave", args=[removed.pk])).content.decode()
    assert "Your group is no longer part of this space, so there is nothing to leave." in html
    assert "Your group can leave at any time" not in html and 'value="leave"' not in html
