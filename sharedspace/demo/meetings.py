"""Chapter 4 (days 131 to 156): meetings, and asking everyone who holds the power.

In the space held together, both groups put items on the agenda of a meeting; the notes
and two action points are written down, and the council does its one; the next meeting is
called, with an item on its agenda already. The council holds a board meeting in its own
space. Then everyone in the shared space answers the perception check: the council's people
mostly say "all of us together", Lleisiau Ni's people often say "the council" (about money
and who can stop the work, above all). A second check is open now; so far only Lleisiau Ni
has answered it.
"""

from __future__ import annotations

import datetime as dt

from sharedspace.governance import actions
from sharedspace.governance.models import Meeting
from sharedspace.perception import actions as perception

from .clock import StoryClock
from .story import Story, StoryWentWrong

TUESDAY = 1  # datetime.weekday()


def _tuesday_on_or_after(moment: dt.datetime) -> dt.datetime:
    """10:30 on the first Tuesday on or after ``moment``'s day (the charter's meeting day)."""
    days = (TUESDAY - moment.weekday()) % 7
    return (moment + dt.timedelta(days=days)).replace(hour=10, minute=30, second=0, microsecond=0)


def _move(clock: StoryClock, moment: dt.datetime) -> None:
    """Move the story on to ``moment`` (never back: every chain's times only go forward)."""
    if moment < clock.moment:
        raise StoryWentWrong(f"the demo's meetings chapter went back in time, to {moment}")
    clock.moment = moment


def _meeting(
    story: Story, *, by: str, space: str, title: str, starts_at: dt.datetime, place: str
) -> Meeting:
    return actions.meeting_schedule(
        actor=story.who(by),
        space_id=story.space(space),
        title=title,
        starts_at=starts_at,
        place=place,
    )


def _agenda(story: Story, meeting: Meeting, *, by: str, title: str) -> None:
    story.clock.later(minutes=40)
    actions.agenda_add(actor=story.who(by), meeting_id=meeting.pk, title=title)


def tell(story: Story, *, real_now: dt.datetime) -> None:
    """Days 131 to 156, ending a few days before today; the next meeting is next week."""
    clock = story.clock

    # --- a meeting held together -----------------------------------------------------------
    clock.day(131, 10)
    held_on = _tuesday_on_or_after(clock.moment + dt.timedelta(days=3))
    past = _meeting(
        story,
        by="tom",
        space="shared",
        title="Monthly meeting",
        starts_at=held_on,
        place="Aberhafod library, first floor (there is a lift)",
    )
    _agenda(story, past, by="tom", title="What the budget cut means for day opportunities")
    clock.day(132, 19)
    _agenda(story, past, by="sian", title="Paper copies of the review, not only the website")
    _agenda(story, past, by="megan", title="Inviting the parents and carers forum")

    _move(clock, held_on + dt.timedelta(hours=2, minutes=30))
    actions.notes_record(
        actor=story.who("bethan"),
        meeting_id=past.pk,
        body=(
            "Siân chaired. Eight people came.\n\n"
            "Budget cut: Carys said the council has £3,000 less this year. Lleisiau Ni said it "
            "was not asked first. The council agreed to tell the group before any more cuts.\n\n"
            "Paper copies: everyone agreed the review will be printed, in easy read, and talked "
            "about at a meeting.\n\n"
            "The carers forum: Lleisiau Ni will ask its members to answer the proposal to "
            "invite the forum."
        ),
    )
    clock.later(minutes=10)
    printing = actions.action_add(
        actor=story.who("bethan"),
        meeting_id=past.pk,
        what="Get a price for printing 200 easy-read copies of the review.",
        party=story.party("council"),
        person=story.who("tom").pk,
        due_on=(held_on + dt.timedelta(days=14)).date(),
    )
    clock.later(minutes=3)
    actions.action_add(
        actor=story.who("bethan"),
        meeting_id=past.pk,
        what="Ask every member to answer the proposal to invite the carers forum.",
        party=story.party("group"),
        person=story.who("megan").pk,
        due_on=(real_now + dt.timedelta(days=14)).date(),
    )
    # --- a board meeting in the council's own space ------------------------------------------
    board_on = held_on + dt.timedelta(days=2, hours=3, minutes=30)  # a Thursday, 14:00
    _move(clock, held_on + dt.timedelta(days=1, hours=-1))
    board = _meeting(
        story,
        by="carys",
        space="board",
        title="Partnership board",
        starts_at=board_on,
        place="County Hall, committee room 2",
    )
    _agenda(story, board, by="gareth", title="The consultants' report on day services")
    _agenda(story, board, by="carys", title="How the new transport is working")
    _move(clock, board_on + dt.timedelta(hours=2))
    actions.notes_record(
        actor=story.who("tom"),
        meeting_id=board.pk,
        body=(
            "Gareth presented the consultants' report. Lleisiau Ni asked why it was not in "
            "easy read. The council will make a short easy-read version.\n\n"
            "Transport: most people are happy with Cymru Travel. Two people said the bus is "
            "often late on Fridays."
        ),
    )

    _move(clock, held_on + dt.timedelta(days=6, hours=4))
    actions.action_done(actor=story.who("tom"), action_id=printing.pk)
    story.comment(
        by="tom",
        space="shared",
        body="Printing 200 easy-read copies will cost £380. I have put the quote in "
        "the papers for the next meeting.",
    )

    # --- the perception check, asked and closed ------------------------------------------------
    clock.day(147, 10)
    first = perception.round_open(actor=story.who("dafydd"), space_id=story.space("shared"))
    council, group = story.party("council"), story.party("group")
    by_council, by_group = f"party:{council}", f"party:{group}"
    together, dont_know = "together", "dont_know"
    council_view = {
        "topic": together,
        "next_steps": together,
        "money": together,
        "budget": together,
        "stop": together,
        "start": together,
        "knowledge": together,
        "meetings": together,
        "payment": together,
        "understanding": together,
        "overall": together,
    }
    answers = {
        "carys": council_view,
        "gareth": {**council_view, "money": by_council, "knowledge": by_council},
        "tom": {**council_view, "understanding": dont_know, "stop": by_council},
        "dafydd": {
            "topic": together,
            "next_steps": together,
            "money": by_council,
            "budget": together,
            "stop": by_council,
            "start": together,
            "knowledge": by_council,
            "meetings": together,
            "payment": by_council,
            "understanding": by_council,
            "overall": together,
        },
        "sian": {
            "topic": by_council,
            "next_steps": together,
            "money": by_council,
            "budget": dont_know,
            "stop": by_council,
            "start": together,
            "knowledge": by_council,
            "meetings": together,
            "payment": by_council,
            "understanding": by_council,
            "overall": by_council,
        },
        "aled": {
            "topic": together,
            "next_steps": by_council,
            "money": by_council,
            "budget": together,
            "stop": by_council,
            "start": by_group,
            "knowledge": by_council,
            "meetings": by_group,
            "payment": together,
            "understanding": by_council,
            "overall": together,
        },
        "megan": {
            "topic": together,
            "next_steps": together,
            "money": by_council,
            "budget": together,
            "stop": dont_know,
            "start": together,
            "knowledge": together,
            "meetings": together,
            "payment": by_council,
            "understanding": by_council,
            "overall": together,
        },
    }
    for who, given in answers.items():
        clock.later(hours=5)
        perception.answers_submit(
            actor=story.who(who),
            round_id=first.pk,
            party=council if who in ("carys", "gareth", "tom") else group,
            answers=given,
        )
    clock.day(152, 16)
    perception.round_close(actor=story.who("carys"), round_id=first.pk)
    story.comment(
        by="dafydd",
        space="shared",
        body="We see money very differently. Can we talk about who decides money at "
        "the next meeting?",
    )

    # --- the next meeting, called, with an item on its agenda --------------------------------
    clock.day(153, 11)
    upcoming = _meeting(
        story,
        by="dafydd",
        space="shared",
        title="Monthly meeting",
        starts_at=_tuesday_on_or_after(real_now + dt.timedelta(days=3)),
        place="Aberhafod library, first floor (there is a lift)",
    )
    _agenda(
        story, upcoming, by="dafydd", title="Who decides money: what the perception check showed"
    )
    _agenda(story, upcoming, by="tom", title="The price for printing the review")

    # --- the perception check again: Lleisiau Ni has answered so far -------------------------
    clock.day(155, 10)
    second = perception.round_open(actor=story.who("dafydd"), space_id=story.space("shared"))
    for who in ("dafydd", "aled", "megan"):
        clock.later(hours=6)
        perception.answers_submit(
            actor=story.who(who),
            round_id=second.pk,
            party=group,
            answers={**answers[who], "budget": together, "money": by_council},
        )
    story.meetings = {"past": past, "board": board, "upcoming": upcoming}
    story.rounds = {"closed": first, "open": second}
