"""The workshop's refusals. Each carries a stable code and a plain-words message (its
docstring), like the governance core's; the web words them in Welsh too
(``web/views/workshop_words.py``)."""

from __future__ import annotations

from sharedspace.governance import exceptions as ex


class WorkshopClosed(ex.Conflict):
    """This workshop is closed. It takes no more answers."""

    code = "workshop_closed"


class WorkshopFull(ex.Conflict):
    """This workshop is full. No more people can join it."""

    code = "workshop_full"


class SideFirst(ex.Conflict):
    """Say which side you are on first."""

    code = "workshop_side_first"


class NotASide(ex.InvalidInput):
    """Choose a group in this space, or say that you are not sure."""

    code = "workshop_not_a_side"


class NotAQuestion(ex.InvalidInput):
    """There is no such question."""

    code = "workshop_not_a_question"


class NotAnAnswer(ex.InvalidInput):
    """Choose a group, all of us together, or don't know."""

    code = "workshop_not_an_answer"


#: Every refusal of the workshop, for the web's table of their words (and its test).
ALL: tuple[type[ex.GovernanceError], ...] = (
    WorkshopClosed, WorkshopFull, SideFirst, NotASide, NotAQuestion, NotAnAnswer,
)
