"""Forms about spaces, proposals, money and outside decisions: shapes only."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sharedspace.governance.choices import Approach, GuestPermission, PositionValue, ProposalKind

from ._base import AmountField, Choices, DateInputField, required_message, set_choices


class SpaceForm(forms.Form):
    title = forms.CharField(
        label=_("Name of the space"), max_length=200,
        error_messages=required_message(_("Enter a name for the space")),
    )
    purpose = forms.CharField(
        label=_("What is the space for?"), widget=forms.Textarea(attrs={"rows": 3}),
        error_messages=required_message(_("Say what the space is for")),
    )
    party = forms.ChoiceField(
        label=_("Your group"), error_messages=required_message(_("Choose your group")),
    )
    kind = forms.ChoiceField(
        label=_("Whose space is it?"), widget=forms.RadioSelect,
        choices=[
            ("own", _("Our own group's space")),
            ("shared", _("A space shared with other groups")),
        ],
        error_messages=required_message(_("Choose whose space it is")),
    )
    others = forms.MultipleChoiceField(
        label=_("Which groups will share it with you?"), required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only for a shared space. Each group's coordinator must accept first."),
    )
    claimed_approach = forms.ChoiceField(
        label=_("What do you call this way of working?"), choices=Approach.choices,
        widget=forms.RadioSelect,
        error_messages=required_message(_("Choose what you call the work")),
        help_text=_("Be honest: the record will show how the work really happens."),
    )
    guest_permissions = forms.MultipleChoiceField(
        label=_("What may guests do? (own space only)"), choices=GuestPermission.choices,
        required=False, widget=forms.CheckboxSelectMultiple,
    )
    charter_purpose = forms.CharField(
        label=_("Charter: why we work together"), required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed for a shared space."),
    )
    charter_decision_making = forms.CharField(
        label=_("Charter: how we decide"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    charter_payment = forms.CharField(
        label=_("Charter: how people are paid or thanked"), required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    charter_accessibility = forms.CharField(
        label=_("Charter: our accessibility promises"), required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    charter_meetings = forms.CharField(
        label=_("Charter: how meetings work"), required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, parties: Choices, others: Choices, **kwargs: Any):
        super().__init__(*args, **kwargs)
        set_choices(self, "party", parties)
        set_choices(self, "others", others)
        if len(parties) == 1:
            self.fields["party"].widget = forms.HiddenInput()
            self.initial.setdefault("party", parties[0][0])

    def clean(self) -> dict[str, Any]:
        """A shared space needs other groups and a charter: said with every other error at
        once, not on the next try."""
        data = super().clean() or {}
        if data.get("kind") == "shared":
            if not data.get("others"):
                self.add_error("others", _("Choose at least one other group."))
            if not data.get("charter_purpose", "").strip():
                self.add_error("charter_purpose", _("Write why you work together: a shared "
                                                    "space needs a charter."))
        return data

    def charter(self) -> dict[str, str] | None:
        sections = {
            key: self.cleaned_data[f"charter_{key}"].strip()
            for key in CHARTER_KEYS
            if self.cleaned_data.get(f"charter_{key}", "").strip()
        }
        return sections or None


CHARTER_KEYS = ("purpose", "decision_making", "payment", "accessibility", "meetings")


class CharterForm(forms.Form):
    """A proposal to change the charter: every section, as it would read."""

    title = forms.CharField(
        label=_("Say in a few words what changes"), max_length=200,
        error_messages=required_message(_("Say in a few words what changes")),
    )
    purpose = forms.CharField(label=_("Why we work together"),
                              widget=forms.Textarea(attrs={"rows": 3}),
                              error_messages=required_message(_("Say why you work together")))
    decision_making = forms.CharField(label=_("How we decide"), required=False,
                                      widget=forms.Textarea(attrs={"rows": 3}))
    payment = forms.CharField(label=_("How people are paid or thanked"), required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))
    accessibility = forms.CharField(label=_("Our accessibility promises"), required=False,
                                    widget=forms.Textarea(attrs={"rows": 3}))
    meetings = forms.CharField(label=_("How meetings work"), required=False,
                               widget=forms.Textarea(attrs={"rows": 3}))

    closes_at = DateInputField(
        label=_("Deadline for answers (optional)"), required=False,
        subject=pgettext_lazy("date input subject", "The deadline for answers"),
        help_text=_(
            "For example, 31 12 2026. Silence is never a yes: groups that do not answer stop it."
        ),
    )
    as_party = forms.ChoiceField(label=_("Propose for which of your groups?"), required=False)

    def __init__(self, *args: Any, mine: Choices | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        _as_party(self, mine or [])

    def charter(self) -> dict[str, str]:
        return {k: self.cleaned_data[k].strip() for k in CHARTER_KEYS if self.cleaned_data.get(k)}


def _as_party(form: forms.Form, mine: Choices) -> None:
    """Offer the person's groups that may propose; hide the choice when there is one."""
    set_choices(form, "as_party", mine)
    if len(mine) <= 1:
        form.fields["as_party"].widget = forms.HiddenInput()
        if mine:
            form.initial.setdefault("as_party", mine[0][0])


class ProposalForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What kind of proposal is it?"), choices=ProposalKind.choices,
        widget=forms.RadioSelect, initial=ProposalKind.DECISION,
        error_messages=required_message(_("Choose what kind of proposal it is")),
    )
    title = forms.CharField(
        label=_("Title"), max_length=200, error_messages=required_message(_("Enter a title")),
    )
    body = forms.CharField(
        label=_("What are you proposing?"), required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Say what would change and why. Plain words help everyone."),
    )
    amount = AmountField(
        label=_("Amount in pounds (only for spending)"), required=False, min_value=0,
        max_digits=14, decimal_places=2,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "width": "10"}),
        error_messages={"invalid": _("Write the amount as a number, like 120.50")},
    )
    party = forms.ChoiceField(
        label=_("Which group? (only for adding or removing a group)"), required=False,
    )
    closes_at = DateInputField(
        label=_("Deadline for answers (optional)"), required=False,
        subject=pgettext_lazy("date input subject", "The deadline for answers"),
        help_text=_(
            "For example, 31 12 2026. Silence is never a yes: groups that do not answer stop it."
        ),
    )
    as_party = forms.ChoiceField(label=_("Propose for which of your groups?"), required=False)

    def __init__(self, *args: Any, kinds: Choices, parties: Choices, mine: Choices, **kwargs: Any):
        super().__init__(*args, **kwargs)
        set_choices(self, "kind", kinds)
        set_choices(self, "party", [("", _("Choose a group")), *parties])
        _as_party(self, mine)


class RemoveContentForm(forms.Form):
    """A proposal to hide one comment. It is hidden only if the proposal passes."""

    content = forms.CharField(widget=forms.HiddenInput, max_length=24)
    title = forms.CharField(
        label=_("Title"), max_length=200, error_messages=required_message(_("Enter a title")),
    )
    body = forms.CharField(
        label=_("Why should it be removed?"), required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Say what is wrong with it. Plain words help everyone."),
    )
    closes_at = ProposalForm.base_fields["closes_at"]
    as_party = forms.ChoiceField(label=_("Propose for which of your groups?"), required=False)

    def __init__(self, *args: Any, mine: Choices, **kwargs: Any):
        super().__init__(*args, **kwargs)
        _as_party(self, mine)


class AnswerForm(forms.Form):
    party = forms.ChoiceField(label=_("Answer for which group?"))
    position = forms.ChoiceField(
        label=_("Your answer"), choices=PositionValue.choices, widget=forms.RadioSelect,
        error_messages=required_message(_("Choose agree, object or stand aside")),
    )
    reason = forms.CharField(
        label=_("Your reason"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Needed if you object: say why, and what would make it acceptable."),
    )

    def __init__(self, *args: Any, parties: Choices, **kwargs: Any):
        super().__init__(*args, **kwargs)
        set_choices(self, "party", parties)
        if len(parties) == 1:
            self.fields["party"].widget = forms.HiddenInput()
            self.initial.setdefault("party", parties[0][0])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("position") == PositionValue.OBJECT and not data.get("reason", "").strip():
            self.add_error(
                "reason", _("Say why you object, and what would make it acceptable")
            )
        return data


class AmendForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200,
                            error_messages=required_message(_("Enter a title")))
    body = forms.CharField(label=_("What are you proposing?"), required=False,
                           widget=forms.Textarea(attrs={"rows": 6}))
    amount = AmountField(
        label=_("Amount in pounds"), required=False, min_value=0, max_digits=14, decimal_places=2,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "width": "10"}),
    )


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Add a comment"), widget=forms.Textarea(attrs={"rows": 4}), max_length=10000,
        error_messages=required_message(_("Write your comment")),
    )


class PartyChoiceForm(forms.Form):
    party = forms.ChoiceField(label=_("Which group?"),
                              error_messages=required_message(_("Choose a group")))

    def __init__(self, *args: Any, parties: Choices, label: Any = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        set_choices(self, "party", parties)
        if label:
            self.fields["party"].label = label
        if len(parties) == 1:
            self.fields["party"].widget = forms.HiddenInput()
            self.initial.setdefault("party", parties[0][0])


class MoneyForm(PartyChoiceForm):
    amount = AmountField(
        label=_("Amount in pounds"), min_value=0, max_digits=14, decimal_places=2,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "width": "10"}),
        error_messages={"required": _("Enter an amount"),
                        "invalid": _("Write the amount as a number, like 120.50")},
    )


class SpendForm(forms.Form):
    proposal = forms.ChoiceField(label=_("Which passed spending proposal?"), required=False)
    amount = AmountField(
        label=_("Amount in pounds"), min_value=0, max_digits=14, decimal_places=2,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "width": "10"}),
        error_messages={"required": _("Enter an amount"),
                        "invalid": _("Write the amount as a number, like 120.50")},
    )

    def __init__(self, *args: Any, proposals: Choices, **kwargs: Any):
        super().__init__(*args, **kwargs)
        set_choices(self, "proposal", [("", _("None")), *proposals])


class OutsideDecisionForm(forms.Form):
    made_by = forms.ChoiceField(label=_("Which group made the decision?"),
                                error_messages=required_message(_("Choose the group that decided")))
    summary = forms.CharField(
        label=_("What was decided?"), widget=forms.Textarea(attrs={"rows": 4}),
        error_messages=required_message(_("Say what was decided")),
    )
    made_on = DateInputField(
        label=_("When was it decided? (optional)"), required=False,
        subject=pgettext_lazy("date input subject", "The date it was decided"),
        help_text=_("For example, 31 3 2026."),
    )

    def __init__(self, *args: Any, parties: Choices, **kwargs: Any):
        super().__init__(*args, **kwargs)
        set_choices(self, "made_by", parties)

    def clean_made_on(self) -> Any:
        """A decision already made: not a day still to come."""
        made_on = self.cleaned_data.get("made_on")
        if made_on and made_on > timezone.localdate():
            raise forms.ValidationError(_("The day it was decided cannot be in the future"))
        return made_on


class OutsideAnswerForm(forms.Form):
    id = forms.CharField(widget=forms.HiddenInput, max_length=24)
    answer = forms.ChoiceField(
        label=_("Is this right?"), widget=forms.RadioSelect,
        choices=[("confirm", _("Yes, we made this decision")),
                 ("dispute", _("No, that is not what we decided"))],
        error_messages=required_message(_("Say if this is right")),
    )
    reason = forms.CharField(label=_("Anything to add? (optional)"), required=False,
                             widget=forms.Textarea(attrs={"rows": 3}))


class SettingsForm(forms.Form):
    """An own space's settings, changed by its host."""

    guest_permissions = forms.MultipleChoiceField(
        label=_("What may guests do?"), choices=GuestPermission.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    claimed_approach = forms.ChoiceField(
        label=_("What do you call this way of working?"), choices=Approach.choices,
        widget=forms.RadioSelect,
        error_messages=required_message(_("Choose what you call the work")),
    )


class SpaceDetailsForm(forms.Form):
    """An own space's name and purpose, changed by its host."""

    title = forms.CharField(
        label=_("Name of the space"), max_length=200,
        error_messages=required_message(_("Enter a name for the space")),
    )
    purpose = forms.CharField(
        label=_("What is the space for?"), widget=forms.Textarea(attrs={"rows": 3}),
        error_messages=required_message(_("Say what the space is for")),
    )


class InviteForm(forms.Form):
    party = forms.ChoiceField(label=_("Which group do you want to invite as a guest?"),
                              error_messages=required_message(_("Choose a group")))

    def __init__(self, *args: Any, parties: Choices, **kwargs: Any):
        super().__init__(*args, **kwargs)
        set_choices(self, "party", [("", _("Choose a group")), *parties])
