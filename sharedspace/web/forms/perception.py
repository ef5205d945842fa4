"""Forms of the perception check: shapes only. Which answers are allowed is the core's rule."""

# The interface uses typographic apostrophes, as GOV.UK's style guide does.
# ruff: noqa: RUF001

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sharedspace.perception.questions import DONT_KNOW, QUESTIONS, TOGETHER

from ._base import Choices, required_message, set_choices


def answer_choices(parties: Choices) -> Choices:
    """Each group in the space by name, then "all of us together", then "don't know"."""
    return [
        *((f"party:{party_id}", name) for party_id, name in parties),
        (TOGETHER, _("All of us together")),
        (DONT_KNOW, _("Don’t know")),
    ]


class PerceptionAnswerForm(forms.Form):
    """One radio question per fieldset. A question left out is simply not answered."""

    party = forms.ChoiceField(
        label=_("Which group are you answering for?"),
        widget=forms.RadioSelect,
        error_messages={
            **required_message(_("Choose the group you are answering for")),
            "invalid_choice": _("Choose the group you are answering for"),
        },
    )

    def __init__(self, *args: Any, mine: Choices, parties: Choices, **kwargs: Any):
        super().__init__(*args, **kwargs)
        set_choices(self, "party", mine)
        if len(mine) == 1:
            self.fields["party"].widget = forms.HiddenInput()
            self.initial.setdefault("party", mine[0][0])
        choices = answer_choices(parties)
        for question in QUESTIONS:
            self.fields[question.key] = forms.ChoiceField(
                # Built per request, so the texts are in the reader's language already.
                label=str(question.text),
                help_text=str(question.hint),
                required=False,
                choices=choices,
                widget=forms.RadioSelect,
                error_messages={
                    "invalid_choice": _("Choose a group, all of us together, or don’t know")
                },
            )

    def questions(self) -> list[dict[str, Any]]:
        """Each question's field with the name of its picture (shown in easy read)."""
        return [{"field": self[q.key], "icon": q.icon} for q in QUESTIONS]

    def answers(self) -> dict[str, str]:
        """The questions answered, ``{key: answer}``."""
        return {q.key: self.cleaned_data[q.key] for q in QUESTIONS if self.cleaned_data.get(q.key)}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors and not self.answers():
            # On the first question, so the error summary links somewhere useful.
            self.add_error(QUESTIONS[0].key, _("Answer at least one question"))
        return data
