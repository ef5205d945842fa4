"""Forms of workshop mode: shapes only. Which sides and answers are allowed is the core's
rule (``sharedspace/workshops/actions.py``)."""

# The interface uses typographic apostrophes, as GOV.UK's style guide does.
# ruff: noqa: RUF001

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sharedspace.perception.questions import Question
from sharedspace.workshops import codes

from ._base import Choices, required_message
from .perception import answer_choices

WRONG_LENGTH = _("The workshop code has 6 letters and numbers")
NOT_A_CODE = _("Check the code on the big screen")


class JoinForm(forms.Form):
    """The code people read from the screen or hear. Spaces, dashes and small letters are
    fine: "km7 4qx" is KM74QX. Anything else that is not a code (a slash, a letter or sign
    no code has) is an error on the form: the cleaned code goes into the join address."""

    code = forms.CharField(
        label=_("What is the workshop code?"),
        help_text=_("It has 6 letters and numbers. You can see it on the big screen."),
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false",
                                      "width": "10"}),
        error_messages={
            **required_message(_("Write the workshop code")),
            "max_length": WRONG_LENGTH,
            "null_characters_not_allowed": NOT_A_CODE,
        },
    )

    def clean_code(self) -> str:
        code = codes.normalise(self.cleaned_data["code"])
        if len(code) != codes.LENGTH:
            raise forms.ValidationError(WRONG_LENGTH)
        if not codes.looks_like_a_code(code):
            raise forms.ValidationError(NOT_A_CODE)
        return code


class SideForm(forms.Form):
    """Which side someone is on: a group by name, or not sure."""

    side = forms.ChoiceField(
        label=_("Which side are you on?"),
        help_text=_("Choose the group you are part of, or are here with."),
        widget=forms.RadioSelect,
        error_messages={
            **required_message(_("Choose your group, or say you are not sure")),
            "invalid_choice": _("Choose your group, or say you are not sure"),
        },
    )

    def __init__(self, *args: Any, sides: Choices, **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = self.fields["side"]
        assert isinstance(field, forms.ChoiceField)  # noqa: S101 - declared above
        field.choices = sides


class QuestionForm(forms.Form):
    """One question: a group in the space, all of us together, or don't know."""

    answer = forms.ChoiceField(
        widget=forms.RadioSelect,
        error_messages={
            **required_message(_("Choose an answer, or skip this question")),
            "invalid_choice": _("Choose a group, all of us together, or don’t know"),
        },
    )

    def __init__(self, *args: Any, question: Question, parties: Choices, **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = self.fields["answer"]
        assert isinstance(field, forms.ChoiceField)  # noqa: S101 - declared above
        # Built per request, so the texts are in the reader's language already.
        field.label = str(question.text)
        field.help_text = str(question.hint)
        field.choices = answer_choices(parties)
