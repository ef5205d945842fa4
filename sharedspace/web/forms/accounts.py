"""Forms about people, accounts and groups: shapes only; the rules live in the core."""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from sharedspace.governance import exceptions as ex
from sharedspace.governance.actions import accounts as account_rules
from sharedspace.governance.choices import DecisionRule, PartyKind, PowerSource, Role

from ._base import required_message


class EmailForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        error_messages={
            "required": _("Enter your email address"),
            "invalid": _("Enter an email address in the right form, like name@example.org"),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )


class PasswordSignInForm(EmailForm):
    password = forms.CharField(
        label=_("Password"),
        error_messages=required_message(_("Enter your password")),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class CheckPasswordForm(forms.Form):
    """The signed-in person's own password, to check it is them before an account change
    that needs a recent sign-in (docs/adr/0032)."""

    password = forms.CharField(
        label=_("Your password"),
        error_messages=required_message(_("Enter your password")),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class SetPasswordForm(forms.Form):
    """A new password, checked by ``AUTH_PASSWORD_VALIDATORS`` (settings.py) against the
    person it is for. Their refusals are worded here, plainly and in both languages: Django's
    own are technical and have no Welsh."""

    password = forms.CharField(
        label=_("New password"),
        min_length=12,
        help_text=_("At least 12 characters. A few words together are easy to remember."),
        error_messages={
            "required": _("Enter a new password"),
            "min_length": _("Use at least 12 characters"),
        },
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    # Each validator's refusal, by its code.
    VALIDATOR_MESSAGES: ClassVar[dict[str, Any]] = {
        "password_too_short": _("Use at least 12 characters"),
        "password_too_common": _("This password is too easy to guess. Choose a different one"),
        "password_entirely_numeric": _("Use letters too, not only numbers"),
        "password_too_simple": _(
            "This password is too easy to guess: it repeats itself or follows the keyboard"
        ),
        "password_too_similar": _(
            "This password is too like your name or email address. Choose a different one"
        ),
    }

    def __init__(self, *args: Any, person: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.person = person

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        try:
            password_validation.validate_password(password, self.person)
        except forms.ValidationError as refused:
            raise forms.ValidationError([
                forms.ValidationError(self.VALIDATOR_MESSAGES[error.code], code=error.code)
                if error.code in self.VALIDATOR_MESSAGES else error
                for error in refused.error_list
            ]) from None
        return password


class NameForm(forms.Form):
    """The name others see. The rule is the core's (``clean_name``); this form only words its
    refusals in the reader's language."""

    name = forms.CharField(
        label=_("Your name"),
        max_length=account_rules.NAME_MAX_LENGTH,
        help_text=_("People in your groups see this name, next to what you do and write. "
                    "On a comment on published work, everyone can see it."),
        error_messages={
            "required": _("Enter your name"),
            "max_length": _("Use at most 100 characters"),
        },
        widget=forms.TextInput(attrs={"autocomplete": "name", "spellcheck": "false"}),
    )

    def clean_name(self) -> str:
        name: str = self.cleaned_data["name"]
        try:
            return account_rules.clean_name(name)
        except ex.InvalidInput as error:
            if error.fields.get("name") == account_rules.HIDDEN_CHARACTERS:
                raise forms.ValidationError(
                    _("Take out tabs, line breaks and other hidden characters."), code="hidden"
                ) from None
            raise forms.ValidationError(_("Enter your name"), code="invalid") from None


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("What the token is for"),
        help_text=_("For example: our spreadsheet, or a script on my laptop."),
        max_length=100,
        required=False,
    )


class IdForm(forms.Form):
    """A form whose only input is the thing it acts on."""

    id = forms.CharField(widget=forms.HiddenInput, max_length=24)


class EmptyForm(forms.Form):
    """A form with just a button: the page already says what it acts on."""


class PartyForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the group"), max_length=200,
        error_messages=required_message(_("Enter the name of the group")),
    )
    kind = forms.ChoiceField(
        label=_("What kind of group is it?"), choices=PartyKind.choices, widget=forms.RadioSelect,
        error_messages=required_message(_("Choose what kind of group it is")),
    )
    decision_rule = forms.ChoiceField(
        label=_("How does the group decide?"), choices=DecisionRule.choices,
        widget=forms.RadioSelect,
        error_messages=required_message(_("Choose how the group decides")),
    )
    power_sources = forms.MultipleChoiceField(
        label=_("Where does the group's power come from?"), choices=PowerSource.choices,
        required=False, widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose all that apply."),
    )


class PartyRuleForm(forms.Form):
    decision_rule = forms.ChoiceField(
        label=_("How does the group decide?"), choices=DecisionRule.choices,
        widget=forms.RadioSelect,
        error_messages=required_message(_("Choose how the group decides")),
    )
    quorum = forms.IntegerField(
        label=_("How many members must answer? (only when most members decide)"),
        help_text=_("Leave empty for more than half of the members."),
        required=False, min_value=1,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "width": "3"}),
    )
    power_sources = forms.MultipleChoiceField(
        label=_("Where does the group's power come from?"), choices=PowerSource.choices,
        required=False, widget=forms.CheckboxSelectMultiple,
    )


class MemberForm(forms.Form):
    email = forms.EmailField(
        label=_("Their email address"), max_length=254,
        error_messages={
            "required": _("Enter their email address"),
            "invalid": _("Enter an email address in the right form, like name@example.org"),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    roles = forms.MultipleChoiceField(
        label=_("Extra roles"), required=False, widget=forms.CheckboxSelectMultiple,
        choices=[(Role.COORDINATOR, Role.COORDINATOR.label), (Role.SPEAKER, Role.SPEAKER.label)],
        help_text=_("Everyone is a member. Coordinators manage the group; speakers answer for it."),
    )


class MemberRolesForm(forms.Form):
    """A coordinator changes one member's roles. Everyone stays a member."""

    id = forms.CharField(widget=forms.HiddenInput, max_length=24)
    roles = forms.MultipleChoiceField(
        label=_("Their roles"), required=False, widget=forms.CheckboxSelectMultiple,
        choices=[(Role.COORDINATOR, Role.COORDINATOR.label), (Role.SPEAKER, Role.SPEAKER.label)],
        help_text=_("Leave both empty to make them a member only. A group always needs one "
                    "coordinator."),
    )


class PartyNameForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the group"), max_length=200,
        error_messages=required_message(_("Enter the name of the group")),
    )
