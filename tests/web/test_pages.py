"""Every page, for every kind of visitor: who sees what, and what each page says."""

# The interface uses typographic apostrophes, as GOV.UK's style guide does.
# ruff: noqa: RUF001

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from sharedspace.governance import actions

SPACE_PAGES = ("space", "proposals", "fund", "outside", "history", "charter", "leave")


@pytest.fixture
def busy(cast, shared, own):
    """Both spaces with a proposal, a comment, money and an outside decision."""
    proposal = actions.proposal_submit(actor=cast.carol, space_id=shared.pk, kind="decision",
                                       title="Meet monthly", body="Line one\nLine <two>")
    actions.comment_add(actor=cast.sam, space_id=shared.pk, body="Hi <script>x</script>")
    actions.fund_commit(actor=cast.carol, space_id=shared.pk, party=cast.council.pk,
                        amount="100.00")
    actions.outside_decision_record(actor=cast.carol, space_id=shared.pk,
                                    made_by=cast.outsiders.pk, summary="Budget cut")
    guest_proposal = actions.proposal_submit(actor=cast.gil, space_id=own.pk, kind="decision",
                                             title="Hear us")
    return {"shared": shared, "own": own, "proposal": proposal, "guest_proposal": guest_proposal}


def _urls(busy):
    urls = [reverse("web:dashboard"), reverse("web:account"), reverse("web:party_new"),
            reverse("web:space_new")]
    for space in (busy["shared"], busy["own"]):
        urls += [reverse(f"web:{name}", args=[space.pk]) for name in SPACE_PAGES]
    urls += [reverse("web:proposal", args=[busy["proposal"].pk]),
             reverse("web:proposal", args=[busy["guest_proposal"].pk])]
    return urls


def test_public_pages_open_to_anyone(db):
    """The home page and sign-in pages need no account."""
    client = Client()
    for name in ("home", "sign_in", "sign_in_sent", "sign_in_password"):
        assert client.get(reverse(f"web:{name}")).status_code == 200, name


def test_other_pages_ask_people_to_sign_in(busy):
    """Without signing in, every other page sends you to sign in, and back afterwards."""
    client = Client()
    for url in _urls(busy):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == reverse("web:sign_in") + "?next=" + url.replace("/", "%2F")


def test_every_page_opens_for_a_holder(busy, cast, signed_in):
    """The council coordinator sees every page of both spaces."""
    c = signed_in(cast.carol)
    for url in _urls(busy):
        assert c.get(url).status_code == 200, url


def test_a_guest_sees_its_host_space_but_not_others(busy, cast, signed_in):
    """The carers forum is a guest in the council's own space: it sees that space's pages
    and nothing of the shared space it is not part of (a 404, never revealing it exists)."""
    c = signed_in(cast.gil)
    own, shared = busy["own"], busy["shared"]
    for name in SPACE_PAGES:
        assert c.get(reverse(f"web:{name}", args=[own.pk])).status_code == 200, name
        assert c.get(reverse(f"web:{name}", args=[shared.pk])).status_code == 404, name
    missing = c.get(reverse("web:proposal", args=[busy["proposal"].pk]))
    assert missing.status_code == 404
    assert "We could not find that" in missing.content.decode()


def test_an_outsider_sees_nothing(busy, cast, signed_in):
    """Someone with no part in a space gets the same not-found page as for a wrong address."""
    c = signed_in(cast.olive)
    for space in (busy["shared"], busy["own"]):
        for name in SPACE_PAGES:
            assert c.get(reverse(f"web:{name}", args=[space.pk])).status_code == 404
    assert c.get(reverse("web:space", args=["spc_doesnotexist"])).status_code == 404


def test_the_banner_says_where_you_are(busy, cast, signed_in):
    """Shared: nothing is decided while a group objects, none can remove another, and a
    group can take back its own money alone. Guest: whose space it is, that they decide, and
    that they can stop involving you. Host: it is your own space."""
    shared_page = signed_in(cast.sam).get(reverse("web:space", args=[busy["shared"].pk]))
    html = shared_page.content.decode()
    assert "This space is shared by Council team, Self-advocates." in html
    assert ("Nothing is decided here unless no group objects and at least one agrees."
            in html)
    assert "Nothing important happens unless every group agrees." not in html
    assert "No group can remove another group." in html
    assert ("A group can take back its own unspent money alone: the record shows it."
            in html)
    guest_page = signed_in(cast.gil).get(reverse("web:space", args=[busy["own"].pk]))
    html = guest_page.content.decode()
    assert "This is Council team’s own space." in html
    assert "Council team decides what happens here." in html
    assert "Council team can stop involving your group at any time." in html
    host_page = signed_in(cast.carol).get(reverse("web:space", args=[busy["own"].pk]))
    assert "This is your group’s own space." in host_page.content.decode()


def test_the_dashboard_groups_spaces(busy, cast, signed_in):
    """My spaces, spaces where we are guests, and shared spaces, each under its heading."""
    carol = signed_in(cast.carol).get(reverse("web:dashboard")).content.decode()
    mine, rest = carol.split("Spaces where we are guests", 1)
    guest, shared = rest.split('id="group-shared"', 1)
    assert "Coproduction board" in mine and "Day service review" not in mine
    assert "Day service review" in shared
    gil = signed_in(cast.gil).get(reverse("web:dashboard")).content.decode()
    _, rest = gil.split("Spaces where we are guests", 1)
    guest, _ = rest.split('id="group-shared"', 1)
    assert "Coproduction board" in guest
    assert "Council team decides here. You are a guest." in gil


def test_what_people_write_is_shown_as_plain_text(busy, cast, signed_in):
    """No user-controlled HTML: comments and proposals are escaped, with line breaks kept."""
    c = signed_in(cast.carol)
    space = c.get(reverse("web:space", args=[busy["shared"].pk])).content.decode()
    assert "&lt;script&gt;x&lt;/script&gt;" in space and "<script>x" not in space
    proposal = c.get(reverse("web:proposal", args=[busy["proposal"].pk])).content.decode()
    assert "Line one<br>Line &lt;two&gt;" in proposal


def test_the_fund_page_shows_who_gave_what(busy, cast, signed_in):
    """Everyone in the space sees the balance and who gave what, in pounds."""
    html = signed_in(cast.sam).get(reverse("web:fund", args=[busy["shared"].pk])).content.decode()
    assert "£100.00" in html and "Council team" in html and "Money given" in html


def test_history_is_readable_and_verified(busy, cast, signed_in):
    """The ledger reads as sentences, with a record-verified badge when the chain checks."""
    html = signed_in(cast.sam).get(reverse("web:history", args=[busy["shared"].pk])).content
    html = html.decode()
    assert "Record verified" in html
    assert "Council team opened the space." in html
    assert "Council team proposed “Meet monthly”." in html
    assert "Council team gave £100.00 to the fund." in html
    assert "Self-advocates said yes and joined as an equal partner." in html


def test_guests_without_view_cannot_read_the_history(cast, signed_in):
    """Guests read the ledger only where the host granted view."""
    space = actions.space_create(actor=cast.carol, title="Quiet board", purpose="Listen",
                                 holders=[cast.council.pk], claimed_approach="consultation",
                                 guest_permissions=["comment"])
    invitation = actions.guest_invite(actor=cast.carol, space_id=space.pk,
                                      party_id=cast.guests.pk)
    actions.invitation_accept(actor=cast.gil, invitation_id=invitation.pk)
    c = signed_in(cast.gil)
    assert c.get(reverse("web:history", args=[space.pk])).status_code == 404
    page = c.get(reverse("web:space", args=[space.pk])).content.decode()
    assert reverse("web:history", args=[space.pk]) not in page


def test_party_page_shows_members_only_to_members(cast, signed_in):
    """A group's members, rule and power sources; members listed only to its own people."""
    url = reverse("web:party", args=[cast.group.pk])
    own = signed_in(cast.mo).get(url).content.decode()
    assert "Most members decide" in own and "Lived experience" in own and "Ria" in own
    assert "Add a member" not in own, "only coordinators manage members"
    other = signed_in(cast.carol).get(url).content.decode()
    assert "Ria" not in other and "Only the group’s own members can see who is in it." in other
