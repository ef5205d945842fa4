"""Chapter 5 (days 157 and 158): the questions asked in a room, as a workshop.

The perception check was answered by the seven people with accounts. To hear more people,
Bethan runs the same questions as a workshop at the day centre's open morning: seventeen
people join on their phones with the code, without an account, and say which side they are
on (nine from Lleisiau Ni, six council staff, two not sure). The council's staff mostly say
"all of us together"; Lleisiau Ni's people mostly say "the council", above all about money,
who can stop the work, whose knowledge counts, pay, and whose space this is. Bethan closes
the workshop when the morning ends, and writes in the space where the answers are.

The next day Tom opens a workshop for the next monthly meeting and tries it with two people
from Lleisiau Ni. It is still open, so a newcomer can show it on a big screen and join it
at ``/w/<code>/`` from a phone.

Everything goes through the workshop actions, as a phone would: a random key per person,
their side, then one answer a question. Nothing here is a power event, so nothing is
written to the ledger (docs/adr/0029), except Bethan's comment.
"""

from __future__ import annotations

import secrets

from sharedspace.perception.questions import DONT_KNOW, QUESTIONS, TOGETHER
from sharedspace.workshops import actions as workshop
from sharedspace.workshops.tally import UNSURE

from .story import Story, StoryWentWrong

# One letter an answer, in the order of the questions (``perception.questions.QUESTIONS``:
# topic, next steps, money, budget, stop, start, knowledge, meetings, payment,
# understanding, overall): T all of us together, C the council team, G Lleisiau Ni,
# ? don't know, - skipped.
QUESTION_KEYS = tuple(q.key for q in QUESTIONS)

OPEN_MORNING: tuple[tuple[str, str], ...] = (
    # Council staff at the day centre.
    ("council", "TTTTTTTTTTT"),
    ("council", "TTCTTTCTTTT"),
    ("council", "TTTTCTTTT?T"),
    ("council", "TTTTTTCTTTT"),
    ("council", "TTTTTTTGTTT"),
    ("council", "CTCT?TTTTCT"),
    # People from Lleisiau Ni who use the day centres.
    ("group", "CCCTCTCTCCC"),
    ("group", "TTCCCTCTCCC"),
    ("group", "CTC?CGCGTCT"),
    ("group", "TCCTCTCTCC?"),
    ("group", "CCC-CTCTCCC"),
    ("group", "TTCTCTTTCCT"),
    ("group", "CTCTCGCGC?C"),
    ("group", "TTCTTTCTCCC"),
    ("group", "CTC?CTCTCCC"),
    # A parent and a support worker, who did not say which side they are on.
    (UNSURE, "T?C??TCT?CT"),
    (UNSURE, "--C-C----?C"),
)

TRIED_OUT: tuple[tuple[str, str], ...] = (
    ("group", "TTCTCTCTCCC"),
    ("council", "TTTTTTTTTTT"),
    ("group", "CTC--------"),
)


def _answer(story: Story, letter: str) -> str | None:
    """What one letter of a row means, as the perception check stores it."""
    return {
        "T": TOGETHER,
        "C": f"party:{story.party('council')}",
        "G": f"party:{story.party('group')}",
        "?": DONT_KNOW,
        "-": None,
    }[letter]


def _room(story: Story, workshop_id: str, people: tuple[tuple[str, str], ...]) -> None:
    """Each person joins from their own phone (its own random key), says their side, and
    answers the questions in order, a page at a time, skipping some."""
    for side, letters in people:
        if len(letters) != len(QUESTION_KEYS):
            raise StoryWentWrong(f"a demo workshop row has {len(letters)} answers: {letters!r}")
        story.clock.later(minutes=1)
        key = secrets.token_urlsafe(32)
        workshop.participant_join(
            workshop_id=workshop_id,
            key=key,
            side=side if side == UNSURE else story.party(side),
        )
        for question, letter in zip(QUESTION_KEYS, letters, strict=True):
            value = _answer(story, letter)
            if value is not None:
                workshop.answer_give(
                    workshop_id=workshop_id, key=key, question=question, answer=value
                )


def tell(story: Story) -> None:
    """Days 157 and 158: one workshop held and closed; one still open."""
    clock = story.clock

    clock.day(157, 10, 30)
    held = workshop.workshop_open(actor=story.who("bethan"), space_id=story.space("shared"))
    clock.later(minutes=10)
    _room(story, held.pk, OPEN_MORNING)
    clock.day(157, 12, 15)
    held = workshop.workshop_close(actor=story.who("bethan"), workshop_id=held.pk)
    story.comment(
        by="bethan",
        space="shared",
        body="17 people answered the questions at the day centre's open morning. Everyone "
        "from Lleisiau Ni said the council decides how money is spent. The answers are on "
        "the perception check page.",
    )

    clock.day(158, 14)
    still_open = workshop.workshop_open(actor=story.who("tom"), space_id=story.space("shared"))
    clock.later(minutes=5)
    _room(story, still_open.pk, TRIED_OUT)
    story.workshops = {"closed": held, "open": still_open}
