"""What a space's pages say, and to whom: where you are (in full on the overview, in one line
elsewhere), whose space "your space" is, who must still say yes, what the record shows beside
what the space is called, what the viewer's group may do (and, if not, who decided), whom to
ask instead of "your coordinator", and the easy-read words for states and tabs."""

# The interface uses typographic apostrophes and dashes, as GOV.UK's style guide does.
# ruff: noqa: RUF001

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from sharedspace.governance import actions
from tests.governance.conftest import pass_proposal

from .conftest import CHARTER


def main(response) -> str:
    assert response.status_code == 200
    return response.content.decode().split("<main", 1)[1].split("</main>", 1)[0]


def banner(html: str) -> str:
    """The "Where you are" banner's markup."""
    return html.split('id="where-title"', 1)[1].split('<nav class="app-subnav"', 1)[0]


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def easy(client):
    client.cookies["easy_read"] = "1"
    return client


def permissions(cast, space, *allowed: str) -> None:
    actions.space_settings_update(actor=cast.carol, space_id=space.pk,
                                  guest_permissions=list(allowed))


@pytest.fixture
def forming(cast):
    """A shared space the self-advocates opened with the carers forum, not answered yet."""
    return actions.space_create(
        actor=cast.sam, title="Respite review", purpose="Better breaks",
        holders=[cast.group.pk, cast.guests.pk], claimed_approach="coproduction",
        charter=CHARTER,
    )


# -- where you are ------------------------------------------------------------------------------


def test_the_overview_says_it_in_full_other_pages_in_one_line(cast, shared, signed_in):
    """The overview: the whole explanation, or in easy read its easy-read twin in its place
    (not both). Any other page: where you are and the key rule, the rest folded into a
    details element, no easy-read twin."""
    sam = signed_in(cast.sam)
    overview = main(sam.get(reverse("web:space", args=[shared.pk])))
    assert "govuk-details" not in banner(overview)
    assert "No group can remove another group." in banner(overview)
    assert "Nothing is decided if a group says no." not in overview
    easy(sam)
    overview = main(sam.get(reverse("web:space", args=[shared.pk])))
    said = banner(overview)
    assert "This space is shared by Council team, Self-advocates." in said
    assert "Nothing is decided if a group says no." in said  # the easy-read twin, in place
    assert "No group can remove another group." not in overview  # of the banner's own words
    assert "Nothing is decided here unless" not in overview
    assert "app-easy-read-block" not in said  # and no easy-read box repeating it below
    for name in ("proposals", "fund", "history", "audit"):
        page = main(sam.get(reverse(f"web:{name}", args=[shared.pk])))
        short = banner(page)
        line, folded = short.split('<details class="govuk-details"', 1)
        assert "This space is shared by Council team, Self-advocates." in line, name
        assert ("Nothing is decided here unless no group objects and at least one agrees."
                in line), name
        assert "More about where you are" in folded
        assert "Any group can choose to leave." in folded and "Any group" not in line
        assert "Nothing is decided if a group says no." not in page, name


def test_the_shared_banner_says_what_one_group_can_still_do_alone(cast, shared, signed_in):
    """Not "nothing happens unless every group agrees": nothing is decided while a group
    objects and until one agrees; a group can take back its own unspent money alone, and
    the record shows it. The easy read says the same in short sentences."""
    sam = signed_in(cast.sam)
    html = main(sam.get(reverse("web:space", args=[shared.pk])))
    said = text(banner(html))
    assert "Nothing is decided here unless no group objects and at least one agrees." in said
    assert "A group can take back its own unspent money alone: the record shows it." in said
    assert "unless every group agrees" not in html
    assert ("only by a proposal that no group objects to and at least one agrees to."
            in html)  # the guests and holders of the space, on its overview
    assert "only if every group agrees to a proposal" not in html
    html = main(easy(sam).get(reverse("web:space", args=[shared.pk])))
    for line in ("Nothing is decided if a group says no.", "At least one group must say yes.",
                 "A group can take back its own money that is not spent.",
                 "It can do that alone, but the record shows it."):
        assert line in html


def test_a_forming_space_names_who_must_still_say_yes(cast, forming, signed_in):
    """The group that opened it is told whom it waits for, there and on every other page;
    the overview lists the invited group as invited, not as holding it."""
    sam = signed_in(cast.sam)
    html = main(sam.get(reverse("web:space", args=[forming.pk])))
    said = text(banner(html))
    assert "This shared space has not started yet." in said
    assert "Waiting for Carers forum to say yes." in said
    assert "This space is shared by Self-advocates." not in said
    rows = text(html.split('class="govuk-summary-list"', 1)[1].split("</dl>", 1)[0])
    assert "Held by Self-advocates" in rows
    assert "Invited to hold it (not yet answered) Carers forum" in rows
    tab = text(banner(main(sam.get(reverse("web:charter", args=[forming.pk])))))
    assert "This shared space has not started yet. Waiting for Carers forum to say yes." in tab
    actions.invitation_accept(actor=cast.gil, invitation_id=forming.invitations.get().pk)
    html = main(sam.get(reverse("web:space", args=[forming.pk])))
    assert "Waiting for" not in html and "not yet answered" not in html
    assert "This space is shared by Self-advocates, Carers forum." in text(banner(html))


def test_the_invited_group_is_told_which_coordinators_can_say_yes(cast, forming, signed_in):
    """Not "until its coordinator says yes": the coordinators by name, the group linked."""
    actions.party_member_add(actor=cast.gil, party_id=cast.guests.pk,
                             email="olive@example.org", roles=["member"])
    said = banner(main(signed_in(cast.olive).get(reverse("web:space", args=[forming.pk]))))
    group = reverse("web:party", args=[cast.guests.pk])
    assert (f'Nothing changes for <a class="govuk-link" href="{group}">Carers forum</a> until '
            "one of its coordinators says yes: Gil.") in said


def test_easy_read_keeps_what_only_the_banner_says(cast, forming, signed_in):
    """In easy read the banner's twin replaces its words, but whom a forming space waits for
    and who can say yes for an invited group are still said, once."""
    said = text(banner(main(easy(signed_in(cast.sam)).get(
        reverse("web:space", args=[forming.pk])))))
    assert "This shared space has not started yet. Waiting for Carers forum to say yes." in said
    assert "At least one group must say yes." in said
    assert "The space starts when every group has said yes." not in said
    said = text(banner(main(easy(signed_in(cast.gil)).get(
        reverse("web:space", args=[forming.pk])))))
    assert said.count("Nothing changes for Carers forum until one of its coordinators says yes: "
                      "Gil.") == 1
    assert "You can say yes or no." in said


def test_an_own_space_lists_guests_invited_to_its_host(cast, own, signed_in):
    """A guest invited and not answered yet is listed as such."""
    actions.guest_invite(actor=cast.carol, space_id=own.pk, party_id=cast.outsiders.pk)
    html = text(main(signed_in(cast.carol).get(reverse("web:space", args=[own.pk]))))
    assert "Invited as a guest (not yet answered) Other charity" in html


# -- "your space" -------------------------------------------------------------------------------


def test_your_space_says_whose_it_is(cast, own, shared, signed_in):
    """A guest's caption says "as a guest" and names the host; the easy read no longer says
    "your space belongs to another group"; no table takes the caption as its own name."""
    gil = easy(signed_in(cast.gil))
    actions.proposal_submit(actor=cast.carol, space_id=own.pk, kind="decision", title="Tea")
    html = main(gil.get(reverse("web:space", args=[own.pk])))
    assert ('<span class="govuk-caption-l">Your space (as a guest) – this is Council team’s '
            "space.</span>") in html
    assert html.count("Your space (as a guest)") == 1  # not the proposals table's name too
    assert ('aria-label="Latest proposals"' in html
            and '<caption class="govuk-table__caption govuk-table__caption--m '
                'govuk-visually-hidden">Latest proposals</caption>' in html)
    assert "This space belongs to Council team." in html
    assert "Council team can stop involving your group at any time." in html
    assert "Your space belongs to another group." not in html
    carol = main(signed_in(cast.carol).get(reverse("web:space", args=[own.pk])))
    assert '<span class="govuk-caption-l">My space</span>' in carol
    sam = main(signed_in(cast.sam).get(reverse("web:space", args=[shared.pk])))
    assert '<span class="govuk-caption-l">Shared space</span>' in sam


def test_a_guest_of_a_shared_space_and_a_removed_guest(cast, own, shared, signed_in):
    """A shared space's guest is told who shares it; a guest that was stopped is told it is
    no longer part of the space."""
    proposal = actions.proposal_submit(actor=cast.carol, space_id=shared.pk, kind="add_guest",
                                       title="Carers in", party=cast.guests.pk)
    for who, party in ((cast.carol, cast.council), (cast.sam, cast.group), (cast.mo, cast.group)):
        proposal.refresh_from_db()
        if proposal.state == "open":
            actions.position_give(actor=who, proposal_id=proposal.pk, party=party.pk,
                                  position="agree")
    actions.invitation_accept(actor=cast.gil, invitation_id=shared.invitations.get(
        party=cast.guests, state="open").pk)
    gil = signed_in(cast.gil)
    html = main(gil.get(reverse("web:space", args=[shared.pk])))
    assert ('<span class="govuk-caption-l">Your space (as a guest) – shared by Council team, '
            "Self-advocates.</span>") in html
    assert "They decide together: nothing is decided if one of them objects." in html
    proposals = main(gil.get(reverse("web:proposals", args=[shared.pk])))
    assert "In a shared space only the groups holding it make proposals." in proposals
    actions.guest_remove(actor=cast.carol, space_id=own.pk, party_id=cast.guests.pk)
    html = main(gil.get(reverse("web:space", args=[own.pk])))
    assert ('<span class="govuk-caption-l">Council team’s space – your group is no longer part '
            "of it.</span>") in html
    assert "Your space" not in html
    # Stopped from the shared space by a passed proposal: the same, naming who shares it.
    pass_proposal(cast, shared, kind="remove_guest", party=cast.guests.pk)
    html = main(gil.get(reverse("web:space", args=[shared.pk])))
    assert ('<span class="govuk-caption-l">A space shared by Council team, Self-advocates – '
            "your group is no longer part of it.</span>") in html
    assert "Your space" not in html


def test_an_invited_group_is_not_told_it_is_its_space(cast, signed_in):
    """Invited and not answered yet: the host's space, the group invited; not "your space"."""
    space = actions.space_create(actor=cast.carol, title="Board", purpose="Hear",
                                 holders=[cast.council.pk], claimed_approach="consultation")
    actions.guest_invite(actor=cast.carol, space_id=space.pk, party_id=cast.guests.pk)
    html = main(signed_in(cast.gil).get(reverse("web:space", args=[space.pk])))
    assert ('<span class="govuk-caption-l">Council team’s space – your group is invited as a '
            "guest.</span>") in html
    assert "Your space" not in html


# -- what the record shows ----------------------------------------------------------------------


def test_the_overview_puts_what_the_record_shows_beside_the_name(cast, own, signed_in):
    """Called coproduction, measured consultation (guests only view and give views): a
    warning tag and a link to the audit, with the audit page's own words for it."""
    permissions(cast, own, "view", "give_views")
    gil = signed_in(cast.gil)
    html = main(gil.get(reverse("web:space", args=[own.pk])))
    rows = html.split('class="govuk-summary-list"', 1)[1].split("</dl>", 1)[0]
    assert ('What it is called</dt>\n    <dd class="govuk-summary-list__value">Coproduction'
            in rows)
    record = rows.split("What the record shows", 1)[1]
    assert record.split("</dd>", 1)[0].strip().startswith(
        '</dt>\n    <dd class="govuk-summary-list__value">Consultation')
    assert '<strong class="govuk-tag govuk-tag--orange">Not what it is called</strong>' in record
    assert f'href="{reverse("web:audit", args=[own.pk])}">See the power audit' in record
    audit = main(gil.get(reverse("web:audit", args=[own.pk])))
    assert "The record shows consultation." in text(audit)


def test_no_warning_tag_when_the_name_fits(cast, signed_in):
    """Called consultation, measured consultation: the record's word, no tag."""
    space = actions.space_create(
        actor=cast.carol, title="Listening", purpose="Hear", holders=[cast.council.pk],
        claimed_approach="consultation", guest_permissions=["view", "comment"],
    )
    html = main(signed_in(cast.carol).get(reverse("web:space", args=[space.pk])))
    record = html.split("What the record shows", 1)[1].split("</div>", 1)[0]
    assert "Consultation" in record and "govuk-tag" not in record


def record_row(html: str) -> str:
    """The words beside "What the record shows" on a space's overview."""
    return text(html.split("What the record shows", 1)[1].split("</dd>", 1)[0]).strip()


def test_too_early_to_say_until_a_shared_space_has_decided_something(cast, forming, shared,
                                                                       signed_in):
    """A shared space's word rests on its decisions: while it forms, and until something is
    decided, the overview says it is too early, with no match and no warning tag; once a
    proposal passed, the record's word. A closed one that decided nothing cannot say."""
    sam = signed_in(cast.sam)
    for space in (forming, shared):
        html = main(sam.get(reverse("web:space", args=[space.pk])))
        assert record_row(html) == "Too early to say: nothing has been decided here yet"
        assert "Not what it is called" not in html and "Co-design" not in html
    pass_proposal(cast, shared, kind="decision")
    html = main(sam.get(reverse("web:space", args=[shared.pk])))
    assert record_row(html).startswith(("Coproduction", "Co-design"))
    assert "Too early to say" not in html
    actions.space_leave(actor=cast.sam, space_id=forming.pk, party_id=cast.group.pk)
    forming.refresh_from_db()
    assert forming.state == "closed"
    html = main(sam.get(reverse("web:space", args=[forming.pk])))
    assert record_row(html) == "The record cannot say: nothing was decided here"


# -- what the viewer's group may do -------------------------------------------------------------


def test_a_guest_not_allowed_to_propose_or_comment_is_told_who_decided(cast, own, signed_in):
    """No "make a new one", no "read what you write": the host is named as the one who did
    not allow it, in plain words and in easy read."""
    permissions(cast, own, "view", "give_views")
    gil = easy(signed_in(cast.gil))
    html = main(gil.get(reverse("web:space", args=[own.pk])))
    assert ">All proposals</a>" in html and "make a new one" not in html
    assert "Council team has not allowed guests to comment." in html
    assert "Council team did not let guests write here." in html
    assert "Everyone in the space can read what you write." not in html
    assert 'name="comment-body"' not in html
    proposals = main(gil.get(reverse("web:proposals", args=[own.pk])))
    assert "Council team has not allowed guests to make proposals." in proposals
    assert 'id="new"' not in proposals


def test_a_guest_allowed_to_propose_and_comment_is_invited_to(cast, own, signed_in):
    """The own fixture lets guests propose and comment: the link and the easy read say so,
    and nobody is said to have refused anything."""
    gil = easy(signed_in(cast.gil))
    html = main(gil.get(reverse("web:space", args=[own.pk])))
    assert "All proposals, and make a new one" in html
    assert "Everyone in the space can read what you write." in html
    assert "has not allowed" not in html
    assert "has not allowed" not in main(gil.get(reverse("web:proposals", args=[own.pk])))


def test_a_holder_is_never_told_it_is_not_allowed(cast, shared, signed_in):
    html = main(easy(signed_in(cast.mo)).get(reverse("web:space", args=[shared.pk])))
    assert "All proposals, and make a new one" in html
    assert "not allowed" not in html and "did not let" not in html


# -- whom to ask --------------------------------------------------------------------------------


def test_making_a_space_names_the_coordinators_to_ask(cast, signed_in):
    """A member who coordinates no group is told who coordinates each of its groups, with a
    link to the group's page; someone in no group is told to make one first."""
    html = main(signed_in(cast.mo).get(reverse("web:space_new")))
    assert "Only a group’s coordinator can make a space for it." in html
    group = reverse("web:party", args=[cast.group.pk])
    assert (f'Ask a coordinator of <a class="govuk-link" href="{group}">Self-advocates</a>: '
            "Sam.") in html
    assert "ask your coordinator" not in html
    loner = actions.person_create(email="lone@example.org", name="Lone")
    html = main(signed_in(loner).get(reverse("web:space_new")))
    assert "You are not in a group yet. Make a group first:" in html
    assert "Ask a coordinator" not in html


def test_leaving_names_the_coordinators_to_ask(cast, shared, signed_in):
    html = main(signed_in(cast.owen).get(reverse("web:leave", args=[shared.pk])))
    assert "Only a coordinator of your group can do this." in html
    council = reverse("web:party", args=[cast.council.pk])
    assert f'Ask a coordinator of <a class="govuk-link" href="{council}">Council team</a>: Carol.' \
        in html
    carol = main(signed_in(cast.carol).get(reverse("web:leave", args=[shared.pk])))
    assert "Ask a coordinator" not in carol and 'name="leave-party"' in carol


def test_make_a_space_is_the_main_button_only_for_coordinators(cast, signed_in):
    """For a member who coordinates nothing it is a secondary button after "Make a group"."""
    new = reverse("web:space_new")
    carol = main(signed_in(cast.carol).get(reverse("web:dashboard")))
    assert re.search(rf'href="{new}" role="button" draggable="false" class="govuk-button" ',
                     carol)
    mo = main(signed_in(cast.mo).get(reverse("web:dashboard")))
    assert re.search(rf'href="{new}" role="button" draggable="false" '
                     r'class="govuk-button govuk-button--secondary"', mo)
    assert mo.index("Make a group") < mo.index("Make a space")


# -- easy-read words ----------------------------------------------------------------------------


def test_proposal_states_and_tabs_in_easy_read(cast, shared, signed_in):
    """Easy read: "Ended with no decision", "Taken back", "Stopped: a group said no", "Agreed"
    and the tabs' plain names; without it the usual words."""
    later = timezone.now() + dt.timedelta(days=3)
    actions.proposal_submit(actor=cast.carol, space_id=shared.pk, kind="decision",
                            title="Lapses", closes_at=later)
    blocked = actions.proposal_submit(actor=cast.carol, space_id=shared.pk, kind="decision",
                                      title="Blocked", closes_at=later)
    actions.position_give(actor=cast.carol, proposal_id=blocked.pk, party=cast.council.pk,
                          position="object", reason="Not yet")
    withdrawn = actions.proposal_submit(actor=cast.carol, space_id=shared.pk,
                                        kind="decision", title="Taken")
    actions.proposal_withdraw(actor=cast.carol, proposal_id=withdrawn.pk)
    actions.proposals_resolve_due(at=later + dt.timedelta(days=1), space_id=shared.pk)
    pass_proposal(cast, shared, kind="decision")
    sam = signed_in(cast.sam)
    plain = main(sam.get(reverse("web:proposals", args=[shared.pk])))
    state = 'data-label="State">{}<'.format
    for word in (state("Lapsed"), state("Withdrawn"), state("Blocked"), state("Passed"),
                 ">Power audit<", ">Charter<", ">Perception check<", ">Outside decisions<"):
        assert word in plain, word
    easy(sam)
    html = main(sam.get(reverse("web:proposals", args=[shared.pk])))
    for word in (state("Ended with no decision"), state("Taken back"),
                 state("Stopped: a group said no"), state("Agreed"),
                 ">Who really decides<", ">Our agreement<", ">What we think about power<",
                 ">Decided somewhere else<"):
        assert word in html, word
    for word in (state("Lapsed"), state("Withdrawn"), state("Blocked"), ">Power audit<",
                 ">Charter<"):
        assert word not in html, word
    overview = main(sam.get(reverse("web:space", args=[shared.pk])))
    assert state("Ended with no decision") in overview and "Lapsed" not in overview
    # The proposal's own page says its state in the same words.
    lapsed = shared.proposals.get(title="Lapses")
    page = main(sam.get(reverse("web:proposal", args=[lapsed.pk])))
    assert "Ended with no decision" in page and ">Lapsed<" not in page


def test_the_other_platform_box_is_simpler_in_easy_read(cast, signed_in):
    carol = signed_in(cast.carol)
    plain = main(carol.get(reverse("web:dashboard")))
    assert "Decidim, CONSUL" in plain
    html = main(easy(carol).get(reverse("web:dashboard")))
    assert "Decidim" not in html and "platform" not in html
    assert "Some groups work together on another website." in html
    assert "Check who really decides on another website" in html


def easy_read_said(html: str) -> str:
    """Every easy-read block's words on a page."""
    return " ".join(re.findall(r'<div class="app-easy-read-block__text">(.*?)</div>', html, re.S))


def test_easy_read_in_an_own_space_says_only_the_host_decides(cast, own, signed_in):
    """Not "each group gives its answer" where only the host decides: the proposals, a
    proposal's outcome and the charter say so and name the host, for the host and a guest;
    a proposal the host said no to says who said no. No easy-read block on the space's pages
    says each or every group decides."""
    proposal = actions.proposal_submit(actor=cast.gil, space_id=own.pk, kind="decision",
                                       title="Paid board places")
    actions.position_give(actor=cast.carol, proposal_id=proposal.pk, party=cast.council.pk,
                          position="object", reason="No budget")
    for who in (cast.gil, cast.carol):
        client = easy(signed_in(who))
        proposals = main(client.get(reverse("web:proposals", args=[own.pk])))
        assert ("A proposal is an idea for the space to decide. Only Council team decides here. "
                "Answers from guests are views, not decisions.") in text(easy_read_said(proposals))
        assert 'data-label="State">Stopped: Council team said no<' in proposals
        page = main(client.get(reverse("web:proposal", args=[proposal.pk])))
        said = text(easy_read_said(page))
        assert "If Council team says yes, it is agreed." in said
        assert "If Council team says no, it is stopped." in said
        assert "In a shared space" not in said
        assert "Stopped: Council team said no" in page
        charter = main(client.get(reverse("web:charter", args=[own.pk])))
        assert "Only Council team can change it." in easy_read_said(charter)
        for name in ("space", "proposals", "fund", "meetings", "outside", "history", "audit",
                     "charter"):
            html = main(client.get(reverse(f"web:{name}", args=[own.pk])))
            said = text(easy_read_said(html)).lower()
            assert "each group" not in said and "every group" not in said, name
            assert "no group says no" not in said and "a group said no" not in html, name


def test_easy_read_in_a_shared_space_says_each_holding_group_answers(cast, shared, signed_in):
    sam = easy(signed_in(cast.sam))
    said = text(easy_read_said(main(sam.get(reverse("web:proposals", args=[shared.pk])))))
    assert "Each group that holds the space must answer." in said
    assert "Only" not in said
    said = text(easy_read_said(main(sam.get(reverse("web:charter", args=[shared.pk])))))
    assert "Every group must answer." in said and "Only" not in said


def test_the_consent_rule_says_every_group_must_answer(cast, shared, own, signed_in, client):
    """Where a page says the rule (no group says no, at least one says yes), it also says
    every holding group must answer: silence is never consent. Own spaces do not say it."""
    sam = signed_in(cast.sam)
    said = text(banner(main(sam.get(reverse("web:space", args=[shared.pk])))))
    assert ("Every group must answer. Nothing is decided here unless no group objects and at "
            "least one agrees.") in said
    tab = text(banner(main(sam.get(reverse("web:fund", args=[shared.pk])))))
    assert "Every group must answer. Nothing is decided here unless" in tab.split("More", 1)[0]
    proposals = text(main(sam.get(reverse("web:proposals", args=[shared.pk]))))
    assert ("Every group that holds it must answer: agree, object or stand aside. It happens "
            "only if no group says no and at least one says yes.") in proposals
    charter = text(main(sam.get(reverse("web:charter", args=[shared.pk]))))
    assert ("Every group must answer: agree, object or stand aside. It changes only if no "
            "group says no and at least one says yes.") in charter
    home = text(main(client.get(reverse("web:home"))))
    assert ("Every group must answer each proposal. Nothing is decided unless no group says no "
            "and at least one says yes.") in home
    easy_twin = text(banner(main(easy(sam).get(reverse("web:space", args=[shared.pk])))))
    assert "Every group must answer. Nothing is decided if a group says no." in easy_twin
    carol = text(main(signed_in(cast.carol).get(reverse("web:proposals", args=[own.pk]))))
    assert "must answer" not in carol
