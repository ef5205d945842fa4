"""Chapter 3 (days 46 to 140): a space held together, with a charter.

Lleisiau Ni and the council hold "Day opportunities, designed together" as equals. Nothing
happens unless both agree; both put money in; one proposal is amended after an objection,
one is blocked, one is withdrawn, one lapses because the group did not answer in time, and
one is still open. The cabinet makes decisions about the work somewhere else.
"""

from __future__ import annotations

import datetime as dt

from sharedspace.governance import actions
from sharedspace.governance.selectors import invitations_open

from .cast import SHARED_TITLE
from .story import Story

CHARTER = {
    "purpose": (
        "Make day opportunities in Aberhafod better, decided together by the people who use "
        "them and the council."
    ),
    "decision_making": (
        "Nothing is decided unless both groups agree. The council team answers through its "
        "speakers. Lleisiau Ni answers by a majority of its members. If one group objects, "
        "we talk and change the proposal."
    ),
    "payment": (
        "Self-advocates are paid for their time at meetings, and their travel is paid. "
        "Supporters are thanked, and their travel is paid too."
    ),
    "accessibility": (
        "Every paper is in easy read and sent a week before the meeting. We use plain words. "
        "Anyone can say: stop, I do not understand. We meet in places on a bus route, with "
        "step-free access."
    ),
    "meetings": (
        "We meet on the first Tuesday of each month, 10:30 to 12:30, with a break every "
        "45 minutes. Lleisiau Ni chairs every other meeting."
    ),
    "other": "Either group can leave at any time. Nothing written here is ever deleted.",
}


def start(story: Story) -> None:
    """Days 46 to 66: the space forms, money goes in, the first decisions are made."""
    clock = story.clock
    clock.day(46, 10)
    story.spaces["shared"] = actions.space_create(
        actor=story.who("dafydd"),
        title=SHARED_TITLE,
        purpose="Decide together how day opportunities in Aberhafod should change.",
        holders=[story.party("group"), story.party("council")],
        claimed_approach="coproduction",
        guest_permissions=["view", "comment", "give_views"],
        charter=CHARTER,
    )
    clock.day(47, 15)
    for invitation in invitations_open(viewer=story.who("carys")):
        actions.invitation_accept(actor=story.who("carys"), invitation_id=invitation.pk)

    clock.day(48, 9)
    for by, party, amount in (("carys", "council", "12000.00"), ("dafydd", "group", "600.00")):
        clock.later(hours=1)
        actions.fund_commit(
            actor=story.who(by), space_id=story.space("shared"), party=story.party(party),
            amount=amount, currency="GBP",
        )
    story.comment(by="sian", space="shared",
                  body="Can we have the papers in easy read a week before each meeting?")
    story.comment(by="tom", space="shared", body="Yes. I will send them out by post and email.")

    clock.day(52, 10)
    story.propose(
        "library", by="tom", space="shared", kind="decision",
        title="Meet on the first Tuesday of each month at Aberhafod library",
        body="The library is on the bus route and has a lift.",
    )
    story.vote("library", "council", ["carys"], "agree")
    story.vote("library", "group", ["sian", "aled", "megan"], "agree")
    story.expect("library", "passed")

    # Objected to, amended, then agreed.
    clock.day(56, 10)
    story.propose(
        "pay", by="dafydd", space="shared", kind="decision",
        title="Pay self-advocates £15 an hour for meetings, plus travel",
    )
    clock.day(57, 14)
    story.vote("pay", "council", ["gareth"], "object",
               "Our rate for every expert by experience is £12.50 an hour. We cannot pay more "
               "in one project only. We could agree a higher rate if it is reviewed for all.")
    story.comment(by="dafydd", space="shared", on="pay",
                  body="We will change it so that the council reviews its rate for everyone.")
    clock.day(60, 11)
    actions.proposal_amend(
        actor=story.who("dafydd"), proposal_id=story.proposals["pay"].pk,
        title="Pay self-advocates £14 an hour for meetings, plus travel",
        body="And the council reviews its rate for every expert by experience this year.",
    )
    clock.day(61, 10)
    story.vote("pay", "council", ["gareth"], "agree")
    story.vote("pay", "group", ["dafydd", "megan", "bethan"], "agree")
    story.expect("pay", "passed")

    # Spending by consent.
    clock.day(63, 10)
    story.propose(
        "print", by="megan", space="shared", kind="spend",
        title="Spend £2,400 on easy-read versions of every paper for a year",
        amount="2400.00", currency="GBP",
    )
    story.vote("print", "council", ["carys"], "agree")
    story.vote("print", "group", ["sian", "aled", "megan"], "agree")
    story.expect("print", "passed")
    clock.day(66, 9)
    actions.fund_spend(
        actor=story.who("tom"), space_id=story.space("shared"), amount="2400.00",
        currency="GBP", proposal=story.proposals["print"].pk,
    )


def carry_on(story: Story, *, real_now: dt.datetime) -> None:
    """Days 70 to 140: a blocked proposal, a withdrawn one, a lapsed one, money taken back,
    decisions made elsewhere, a charter change, work published for critical friends (with
    their comments), and one proposal still open."""
    clock = story.clock

    clock.day(70, 10)
    story.propose(
        "website", by="tom", space="shared", kind="decision",
        title="Publish the review on the council website only",
    )
    story.vote("website", "council", ["gareth"], "agree")
    clock.day(72, 18)
    story.vote("website", "group", ["dafydd", "aled", "sian"], "object",
               "Many of us do not use the website. We need paper copies and a meeting.")

    clock.day(75, 10)
    story.propose(
        "county_hall", by="tom", space="shared", kind="decision",
        title="Move the meetings to County Hall",
    )
    story.comment(by="aled", space="shared", on="county_hall",
                  body="County Hall is hard to reach by bus, and the lift is often broken.")
    clock.day(76, 9)
    actions.proposal_withdraw(actor=story.who("tom"), proposal_id=story.proposals["county_hall"].pk)
    story.expect("county_hall", "withdrawn")

    clock.day(80, 16)
    actions.proposal_close(actor=story.who("gareth"), proposal_id=story.proposals["website"].pk)
    story.expect("website", "blocked")

    clock.day(85, 10)
    story.propose(
        "consultant", by="gareth", space="shared", kind="decision",
        title="Hire an outside consultant to write the final report",
        closes_at=story.clock.start.replace(hour=17, minute=0) + dt.timedelta(days=99),
    )
    story.vote("consultant", "council", ["carys"], "agree")
    story.vote("consultant", "group", ["bethan"], "stand_aside")

    clock.day(88, 10)
    story.comment(by="megan", space="shared", body="We have not talked about the consultant yet.")

    clock.day(90, 11)
    budget_cut = actions.outside_decision_record(
        actor=story.who("dafydd"), space_id=story.space("shared"), made_by=story.party("cabinet"),
        summary="The cabinet cut the day services budget by a tenth from April.",
        made_on=clock.date(88),
    )
    clock.day(93, 15)
    actions.outside_decision_confirm(
        actor=story.who("eleri"), decision_id=budget_cut.pk,
        reason="Yes. The cabinet agreed this in its budget meeting.",
    )

    clock.day(95, 12)
    actions.fund_withdraw(
        actor=story.who("carys"), space_id=story.space("shared"), party=story.party("council"),
        amount="3000.00", currency="GBP",
    )
    story.comment(by="carys", space="shared",
                  body="We have had to take back £3,000 because of the budget cut. Sorry.")

    clock.day(100, 8)
    actions.proposals_resolve_due()
    story.expect("consultant", "lapsed")

    clock.day(105, 10)
    hours = actions.outside_decision_record(
        actor=story.who("carys"), space_id=story.space("shared"), made_by=story.party("cabinet"),
        summary="The cabinet agreed new opening hours for the day centres.",
        made_on=clock.date(103),
    )
    clock.day(108, 14)
    actions.outside_decision_dispute(
        actor=story.who("eleri"), decision_id=hours.pk,
        reason="The cabinet did not decide this. Council officers did.",
    )

    clock.day(112, 10)
    story.propose(
        "charter_pay", by="bethan", space="shared", kind="charter",
        title="Write the pay rate into our charter",
        charter={**CHARTER, "payment": (
            "Self-advocates are paid £14 an hour for meetings, and their travel is paid. "
            "Supporters are thanked, and their travel is paid too."
        )},
    )
    story.vote("charter_pay", "council", ["carys"], "agree")
    story.vote("charter_pay", "group", ["dafydd", "sian", "megan"], "agree")
    story.expect("charter_pay", "passed")

    # Published for critical friends, with both groups' consent (ADR 36). The blocked
    # "website only" idea comes back as work anyone can read, on paper and here.
    clock.day(114, 10)
    story.propose(
        "findings", by="dafydd", space="shared", kind="publish",
        title="What we have found so far about day opportunities",
        body=(
            "We asked 46 people who use day opportunities in Aberhafod what matters to them.\n\n"
            "Most people want to choose what they do each day. Many want more to do on "
            "Saturdays. Some people cannot get to the day centre because the bus does not "
            "run early enough.\n\n"
            "We will send this on paper to everyone we asked. Tell us what you think."
        ),
    )
    story.vote("findings", "council", ["gareth"], "agree")
    story.vote("findings", "group", ["dafydd", "sian", "aled"], "agree")
    story.expect("findings", "passed")
    publication = story.proposals["findings"].publication
    for day, by, body in (
        (116, "nia", "Thank you for sharing this. How did you ask people who do not use "
                     "words? Their views matter too."),
        (118, "huw", "Carers were not asked. Many of us arrange the transport, so we know "
                     "about the buses. We would like to help."),
    ):
        clock.day(day, 19)
        actions.public_comment_add(actor=story.who(by), publication_id=publication.pk,
                                   body=body)

    clock.day(120, 16)
    actions.outside_decision_record(
        actor=story.who("aled"), space_id=story.space("shared"), made_by=story.party("cabinet"),
        summary="The cabinet chose the provider of the new respite service.",
        made_on=clock.date(118),
    )

    clock.day(130, 10)
    story.propose(
        "invite_forum", by="dafydd", space="shared", kind="add_guest",
        title="Invite the parents and carers forum as guests",
        body="They were removed from the council's board. We want to hear them here.",
        party=story.party("forum"),
        closes_at=real_now + dt.timedelta(days=21),
    )
    story.vote("invite_forum", "council", ["carys"], "agree")
    story.vote("invite_forum", "group", ["sian"], "agree")
    story.comment(by="megan", space="shared", on="invite_forum",
                  body="I will ask the others to answer before our next meeting.")
    story.expect("invite_forum", "open")
