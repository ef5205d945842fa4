"""Chapter 1 (days 1 to 40): the council's partnership board.

The council calls its board "coproduction", but the board is the council's own space: the
self-advocacy group and the carers forum are guests who may only look and give views. The
council decides alone, overrides the guests' objections, spends its money alone, and stops
involving the carers forum when it complains. The power audit should say: this is
consultation, not coproduction.
"""

from __future__ import annotations

from sharedspace.governance import actions
from sharedspace.governance.selectors import invitations_open

from .cast import BOARD_TITLE
from .story import Story


def _accept_invitations(story: Story, coordinator: str) -> None:
    for invitation in invitations_open(viewer=story.who(coordinator)):
        story.clock.later(hours=3)
        actions.invitation_accept(actor=story.who(coordinator), invitation_id=invitation.pk)


def tell(story: Story) -> None:
    clock = story.clock

    clock.day(1, 14)
    story.spaces["board"] = actions.space_create(
        actor=story.who("carys"),
        title=BOARD_TITLE,
        purpose=(
            "The council's board about services for people with a learning disability in "
            "Aberhafod. The council brings plans; members hear about them and give their views."
        ),
        holders=[story.party("council")],
        claimed_approach="coproduction",
        guest_permissions=["view", "give_views"],
    )
    clock.later(minutes=15)
    for guest in ("group", "forum"):
        actions.guest_invite(
            actor=story.who("carys"), space_id=story.space("board"), party_id=story.party(guest)
        )
    clock.day(3, 11)
    _accept_invitations(story, "dafydd")
    clock.day(4, 16)
    _accept_invitations(story, "huw")

    clock.day(8, 9)
    actions.fund_commit(
        actor=story.who("carys"), space_id=story.space("board"), party=story.party("council"),
        amount="40000.00", currency="GBP",
    )
    story.comment(by="tom", space="board",
                  body="The papers for the first board meeting are ready. They are long, sorry.")

    # A plan the guests object to. Their views are recorded; the council decides anyway.
    clock.day(12, 10)
    story.propose(
        "tuesday", by="gareth", space="board", kind="decision",
        title="Close the Tuesday day centre and move Tuesday sessions to Thursday",
        body="Fewer people come on Tuesdays. Moving them to Thursday saves staff time.",
    )
    clock.day(13, 13)
    story.vote("tuesday", "group", ["dafydd", "sian", "aled"], "object",
               "People rely on Tuesdays. The Thursday bus does not run to the villages. "
               "Talk to us before changing the days.")
    clock.later(hours=2)
    story.vote("tuesday", "forum", ["huw"], "object",
               "Carers work on Thursdays. Keep Tuesday open until there is transport.")
    clock.day(15, 9)
    story.vote("tuesday", "council", ["carys"], "agree")
    story.expect("tuesday", "passed")

    # Something the self-advocates asked for. The council alone says no.
    clock.day(18, 10)
    story.propose(
        "pay_board", by="tom", space="board", kind="decision",
        title="Pay board members with a learning disability for their time",
        body="Members asked to be paid like the professionals around the table.",
    )
    clock.day(19, 14)
    story.vote("pay_board", "group", ["dafydd", "megan", "bethan"], "agree")
    clock.day(21, 11)
    story.vote("pay_board", "council", ["gareth"], "object",
               "There is no budget line for paying board members this year.")
    story.expect("pay_board", "blocked")

    # The council spends its board money without asking anyone.
    clock.day(24, 15)
    actions.fund_spend(
        actor=story.who("carys"), space_id=story.space("board"), amount="15000.00",
        currency="GBP",
    )
    story.comment(by="carys", space="board",
                  body="We have paid for a consultants' report on day services.")

    # A plan the guests agree with.
    clock.day(28, 10)
    story.propose(
        "transport", by="carys", space="board", kind="decision",
        title="Choose Cymru Travel as the new transport provider",
        body="Cymru Travel has wheelchair-accessible buses and drivers trained in first aid.",
    )
    clock.day(29, 12)
    story.vote("transport", "group", ["megan", "aled", "bethan"], "agree")
    clock.day(30, 9)
    story.vote("transport", "council", ["carys"], "agree")
    story.expect("transport", "passed")

    # The carers forum complained in public; the council stops involving it.
    clock.day(34, 16)
    actions.guest_remove(
        actor=story.who("carys"), space_id=story.space("board"), party_id=story.party("forum")
    )
    story.comment(by="gareth", space="board",
                  body="The carers forum is no longer part of this board.")
