"""Chapter 2 (days 38 to 47): the self-advocacy group's own space.

Lleisiau Ni meets on its own, decides by majority, spends its own grant, and decides to ask
the council for a space held together, as equals.
"""

from __future__ import annotations

from sharedspace.governance import actions

from .cast import GROUP_SPACE_TITLE
from .story import Story


def tell(story: Story) -> None:
    clock = story.clock

    clock.day(38, 18)
    story.spaces["ours"] = actions.space_create(
        actor=story.who("dafydd"),
        title=GROUP_SPACE_TITLE,
        purpose="Where Lleisiau Ni members talk, plan and decide for ourselves.",
        holders=[story.party("group")],
        # No guests here: the group only tells the world what it decided.
        claimed_approach="informing",
    )
    story.comment(
        by="aled", space="ours",
        body="At the council board our views are written down, and then they decide anyway.",
    )
    story.comment(
        by="sian", space="ours",
        body="The papers are too long. I could not read them before the meeting.",
    )

    clock.day(39, 10)
    actions.fund_commit(
        actor=story.who("dafydd"), space_id=story.space("ours"), party=story.party("group"),
        amount="1500.00", currency="GBP",
    )

    clock.day(40, 18)
    story.propose(
        "easy_read", by="sian", space="ours", kind="decision",
        title="Ask for every meeting paper in easy read, a week before",
    )
    story.vote("easy_read", "group", ["dafydd", "aled", "megan"], "agree")
    story.expect("easy_read", "passed")

    story.propose(
        "training", by="bethan", space="ours", kind="spend",
        title="Pay for a training day about how the council makes decisions",
        amount="900.00", currency="GBP",
    )
    story.vote("training", "group", ["dafydd", "sian", "megan"], "agree")
    story.expect("training", "passed")
    clock.day(42, 11)
    actions.fund_spend(
        actor=story.who("dafydd"), space_id=story.space("ours"), amount="900.00",
        currency="GBP", proposal=story.proposals["training"].pk,
    )

    clock.day(44, 18)
    story.propose(
        "ask_equals", by="dafydd", space="ours", kind="decision",
        title="Ask the council to hold a space with us, as equals",
        body="Not their board. A space where nothing happens unless both of us agree.",
    )
    story.vote("ask_equals", "group", ["sian", "aled", "megan"], "agree")
    story.expect("ask_equals", "passed")

    story.propose(
        "our_money", by="megan", space="ours", kind="decision",
        title="Put £600 of our lottery grant into the shared fund",
        body="So the money is not only the council's.",
    )
    story.vote("our_money", "group", ["dafydd", "sian", "bethan"], "agree")
    story.expect("our_money", "passed")
