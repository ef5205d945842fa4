"""Forms about meetings: shapes only. The rules live in the governance core (ADR 12)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ._base import Choices, DateInputField, required_message, set_choices
from .times import TimeInputField


def _party_field(label: Any) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, required=False)


def _one_or_hidden(form: forms.Form, name: str, choices: Choices) -> None:
    """A choice of the person's groups; hidden when there is only one."""
    set_choices(form, name, choices)
    if len(choices) <= 1:
        form.fields[name].widget = forms.HiddenInput()
        if choices:
            form.initial.setdefault(name, choices[0][0])


class MeetingForm(forms.Form):
    title = forms.CharField(
        label=_("What is the meeting called?"), max_length=200,
        error_messages=required_message(_("Enter a name for the meeting")),
    )
    day = DateInputField(
        label=_("Date"), help_text=_("For example, 31 12 2026."),
        subject=pgettext_lazy("date input subject", "The date of the meeting"),
        error_messages={"required": _("Enter the date of the meeting")},
    )
    # 14:30, 1430, 2pm, 2.30 p.m., 2yp … (forms/times.py); wide enough for "2.30 p.m.".
    time = TimeInputField(
        label=_("Start time"), help_text=_("For example, 14:30 or 2:30pm."),
        widget=forms.TextInput(attrs={"width": "10", "spellcheck": "false"}),
        error_messages={"required": _("Enter the start time")},
    )
    place = forms.CharField(
        label=_("Where? (optional)"), required=False, max_length=500,
        help_text=_("A place, or how to join online."),
    )
    as_party = _party_field(_("Call it for which of your groups?"))
    # An action learning set is a meeting of a fixed shape (ADR 35).
    kind = forms.ChoiceField(
        label=_("What kind of meeting is it?"), widget=forms.RadioSelect, initial="meeting",
        choices=(("meeting", _("A meeting")), ("learning_set", _("An action learning set"))),
        required=False,  # not chosen: a meeting
    )

    def __init__(self, *args: Any, mine: Choices, **kwargs: Any):
        super().__init__(*args, **kwargs)
        _one_or_hidden(self, "as_party", mine)

    def starts_at(self) -> dt.datetime:
        """The date and time, in the site's time zone."""
        data = self.cleaned_data
        return timezone.make_aware(dt.datetime.combine(data["day"], data["time"]))


class AgendaItemForm(forms.Form):
    title = forms.CharField(
        label=_("What do you want to talk about?"), max_length=200,
        error_messages=required_message(_("Say what you want to talk about")),
    )
    as_party = _party_field(_("Add it for which of your groups?"))

    def __init__(self, *args: Any, mine: Choices, **kwargs: Any):
        super().__init__(*args, **kwargs)
        _one_or_hidden(self, "as_party", mine)


class NotesForm(forms.Form):
    body = forms.CharField(
        label=_("What was said?"), widget=forms.Textarea(attrs={"rows": 6}), max_length=20000,
        help_text=_("Notes cannot be changed later. You can add more notes."),
        error_messages=required_message(_("Write the notes")),
    )
    as_party = _party_field(_("Write them for which of your groups?"))

    def __init__(self, *args: Any, mine: Choices, **kwargs: Any):
        super().__init__(*args, **kwargs)
        _one_or_hidden(self, "as_party", mine)


class ActionPointForm(forms.Form):
    what = forms.CharField(
        label=_("What needs to be done?"), widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000, error_messages=required_message(_("Say what needs to be done")),
    )
    party = forms.ChoiceField(
        label=_("Which group will do it?"),
        error_messages=required_message(_("Choose the group that will do it")),
    )
    due_on = DateInputField(
        label=_("By when? (optional)"), required=False, help_text=_("For example, 31 12 2026."),
        subject=pgettext_lazy("date input subject", "The date to do it by"),
    )
    as_party = _party_field(_("Write it down for which of your groups?"))

    def __init__(self, *args: Any, parties: Choices, mine: Choices, **kwargs: Any):
        super().__init__(*args, **kwargs)
        set_choices(self, "party", [("", _("Choose a group")), *parties])
        _one_or_hidden(self, "as_party", mine)


class ActionDoneForm(forms.Form):
    id = forms.CharField(widget=forms.HiddenInput, max_length=24)


class PresenterForm(forms.Form):
    """At an action learning set: bring your own question (ADR 35)."""

    question = forms.CharField(
        label=_("What question or problem from your work will you bring?"), max_length=200,
        error_messages=required_message(_("Say what question you will bring")),
    )
    as_party = _party_field(_("Present for which of your groups?"))

    def __init__(self, *args: Any, mine: Choices, **kwargs: Any):
        super().__init__(*args, **kwargs)
        _one_or_hidden(self, "as_party", mine)


class PresenterActionForm(forms.Form):
    """A presenter writes down an action they chose."""

    what = forms.CharField(
        label=_("What will you do?"), widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000, error_messages=required_message(_("Say what you will do")),
    )
    due_on = DateInputField(
        label=_("By when? (optional)"), required=False, help_text=_("For example, 31 12 2026."),
        subject=pgettext_lazy("date input subject", "The date to do it by"),
    )


class ReviewForm(forms.Form):
    """At a later set: is your action done, and what did you learn?"""

    id = forms.CharField(widget=forms.HiddenInput, max_length=24)
    done = forms.ChoiceField(
        label=_("Did you do it?"), widget=forms.RadioSelect,
        choices=(("yes", _("Done")), ("no", _("Not done yet"))),
        error_messages=required_message(_("Choose done or not done yet")),
    )
    learned = forms.CharField(
        label=_("What did you learn? (optional)"), required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
