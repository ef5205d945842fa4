"""The fixed core of easy-read questions, one per power dimension.

Every answer names a party, "all of us together", or "don't know". The texts are short,
one idea each, for easy read; ``icon`` names the picture the web shows beside each
(a template in ``web/templates/web/icons/``).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

TOGETHER = "together"
DONT_KNOW = "dont_know"


@dataclass(frozen=True)
class Question:
    key: str
    text: object  # a lazy translation string
    hint: object
    icon: str
    # The audit measure that shows the same thing in the record, if any.
    measured_by: str | None = None


QUESTIONS: tuple[Question, ...] = (
    Question("topic", _("Who decides what the work is about?"),
             _("Think about the big questions we work on."), "topic"),
    Question("next_steps", _("Who decides what happens next?"),
             _("Think about the last few decisions."), "next_steps", "decisions"),
    Question("money", _("Who decides how money is spent?"),
             _("Think about who says yes to spending."), "money", "money"),
    Question("budget", _("Who knows how much money there is?"),
             _("Everyone should know the budget."), "budget", "budget"),
    Question("stop", _("Who can stop the work?"),
             _("Think about who could end it or send people away."), "stop", "exit_power"),
    Question("start", _("Who can start something new?"),
             _("An idea, a project, or asking someone new to join."), "start", "initiative"),
    Question("knowledge", _("Whose knowledge counts most?"),
             _("Lived experience and training both count."), "knowledge"),
    Question("meetings", _("Who decides when and where we meet?"),
             _("Think about times, places and how meetings run."), "meeting"),
    Question("payment", _("Who decides if people are paid or thanked?"),
             _("Think about pay, expenses and thanks."), "thanks"),
    Question("understanding", _("Who can understand everything we say and write?"),
             _("Plain words and easy read help everyone."), "understand"),
    Question("overall", _("Whose space is this?"),
             _("My space, your space, or a shared space."), "shared_space", "overall"),
)

BY_KEY = {q.key: q for q in QUESTIONS}
