"""The words of workshop mode's pages that more than one page needs: the easy-read texts,
the workshop's refusals in the reader's language, and the names of the circles.

The easy-read texts follow ``web/easyread.py``'s rules (one idea a sentence, 15 words at
most, a picture each); ``tests/web/test_workshop_pages.py`` checks them in English and Welsh.
"""

# The interface uses typographic apostrophes, as GOV.UK's style guide does.
# ruff: noqa: RUF001

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from sharedspace.governance import exceptions as ex
from sharedspace.workshops import tally

from .. import refusals
from ..easyread import EasyRead

EASY_READ: dict[str, EasyRead] = {
    "open": EasyRead("meeting", (
        _("A workshop asks everyone in the room the same questions."),
        _("People answer on their phones."),
        _("They do not need an account."),
        _("Nobody sees who gave which answer."),
        _("The big screen shows the answers as they come in."),
    )),
    "projector": EasyRead("shared_space", (
        _("Use your phone to answer some questions."),
        _("Go to the address on the screen, or scan the square picture."),
        _("Then type the workshop code."),
        _("Nobody sees who gave which answer."),
    )),
    "results": EasyRead("record", (
        _("Here you see the answers of each side next to each other."),
        _("We show where the groups see things differently."),
        _("Nobody’s name is shown."),
    )),
    "join": EasyRead("meeting", (
        _("Type the code you see on the big screen."),
        _("You do not need an account."),
        _("Nobody will know which answers are yours."),
    )),
    "side": EasyRead("my_space", (
        _("Choose the group you are part of."),
        _("If you do not know, choose “I am not sure”."),
        _("Nobody will know which answers are yours."),
    )),
    "question": EasyRead("my_space", (
        _("Say who you think has the power."),
        _("There are no wrong answers."),
        _("You can skip a question."),
    )),
    "thanks": EasyRead("agree", (
        _("Thank you for your answers."),
        _("You can change them until the workshop closes."),
    )),
    "not_found": EasyRead("stop", (
        _("We could not find a workshop with that code."),
        _("Check the code on the big screen."),
        _("Then type it again."),
    )),
    "closed": EasyRead("stop", (
        _("This workshop is closed."),
        _("You cannot answer any more."),
    )),
    # The same, for a phone that joined it before it closed.
    "closed_joined": EasyRead("stop", (
        _("This workshop is closed."),
        _("You cannot answer any more."),
        _("Thank you for taking part."),
    )),
    "full": EasyRead("stop", (
        _("This workshop is full."),
        _("No more people can join it."),
        _("Ask the person running the workshop for help."),
    )),
    "codes": EasyRead("stop", (
        _("Too many wrong codes were typed here."),
        _("Wait 15 minutes."),
        _("Or ask for the code to be read again."),
    )),
    "network": EasyRead("stop", (
        _("Too many people joined from this Wi-Fi."),
        _("Try with mobile data instead."),
        _("Or ask the person running the workshop for help."),
    )),
}

#: The workshop's refusals (``sharedspace/workshops/exceptions.py``), word for word, to be
#: translated; the test holds them to the core's English.
REFUSALS = {
    "workshop_closed": _("This workshop is closed. It takes no more answers."),
    "workshop_full": _("This workshop is full. No more people can join it."),
    "workshop_side_first": _("Say which side you are on first."),
    "workshop_not_a_side": _("Choose a group in this space, or say that you are not sure."),
    "workshop_not_a_question": _("There is no such question."),
    "workshop_not_an_answer": _("Choose a group, all of us together, or don't know."),
}


def refusal(error: ex.GovernanceError) -> str:
    """A refusal in the reader's language: the workshop's own, or the core's."""
    if error.code in REFUSALS and error.message == type(error)().message:
        return str(REFUSALS[error.code])
    return refusals.message(error)


#: The circles and what is counted beside them: (key, the words, the short label, colour).
#: The colours are the audit's for "My space", "Your space" and "Shared space"
#: (``views/auditparts.PARTY_CIRCLES``).
CIRCLES = (
    (tally.MINE, _("My space: their own group holds the power"), _("My space"), "#1d70b8"),
    (tally.YOURS, _("Your space: another group holds the power"), _("Your space"), "#f47738"),
    (tally.SHARED, _("Shared space: all of us together"), _("Shared space"), "#00703c"),
)
BESIDE = (
    (tally.NOT_SURE, _("Don’t know")),
    (tally.UNPLACED, _("Answered, but not sure which side they are on")),
)

#: Hints the workshop's question pages give in place of the perception check's, where that
#: one does not fit a workshop's choices (the groups by name, all of us together, don't know).
HINTS = {
    "overall": _("Which group’s space is it, or is it everyone’s?"),
}
