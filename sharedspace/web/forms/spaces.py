"""Forms about spaces, proposals, money and outside decisions: shapes only."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sharedspace.governance.actions._base import CHARTER_SECTIONS
from sharedspace.governance.choices import Approach, GuestPermission, PositionValue, ProposalKind

from ..present import CHARTER_LABELS, plain_text, same_words
from ._base import AmountField, Choices, DateInputField, required_message, set_choices

# Every section of a charter, as the core knows them: the forms are built from this list,
# so a section the core adds is asked for everywhere (never dropped by a form that lacks it).
CHARTER_KEYS = CHARTER_SECTIONS

_HINTS: dict[str, Any] = {
    "purpose": _("What you want to do together. Every charter needs this part."),
    "decision_making": _("For example, how each group gives its answer, and how long it has."),
    "payment": _("For example, fees, travel costs, vouchers or a thank you."),
    "accessibility": _("For example, easy read papers, breaks, or help to get there."),
    "meetings": _("For example, where you meet, how often, and for how long."),
    "other": _("Anything else you agree. For example, how a group can leave."),
}
# Built from the core's list: a section with no hint fails here, at start-up.
CHARTER_HINTS = {key: _HINTS[key] for key in CHARTER_KEYS}


def add_charter_sections(
    form: forms.BaseForm, *, prefix: str, after: str, purpose_required: bool
) -> None:
    """Add one text box per charter section (``prefix`` + the core's key), after the field
    ``after``, in the core's order."""
    sections: dict[str, forms.Field] = {}
    for key in CHARTER_KEYS:
        required = purpose_required and key == "purpose"
        sections[prefix + key] = forms.CharField(
            label=CHARTER_LABELS[key], help_text=CHARTER_HINTS[key], required=required,
            widget=forms.Textarea(attrs={"rows": 3}),
            error_messages=required_message(_("Say why you work together")),
        )
    fields = list(form.fields.items())
    at = [name for name, _field in fields].index(after) + 1
    form.fields = dict([*fields[:at], *sections.items(), *fields[at:]])


def charter_sections(
    form: forms.BaseForm, *, prefix: str, current: dict[str, str] | None = None
) -> dict[str, str]:
    """The sections with words in them. A section with the same words as ``current`` keeps
    the current text exactly; others have their line breaks made plain."""
    current = current or {}
    sections: dict[str, str] = {}
    for key in CHARTER_KEYS:
        words = plain_text(form.cleaned_data.get(prefix + key))
        if not words:
            continue
        sections[key] = current[key] if same_words(current.get(key), words) else words
    return sections


def end_of_day(day: dt.date | None) -> dt.datetime | None:
    """A deadline given as a day means the end of that day, where the service runs."""
    if day is None:
        return None
    return timezone.make_aware(dt.datetime.combine(day, dt.time(23, 59)))


def deadline_in_future(day: dt.date | None) -> dt.date | None:
    """The core refuses a deadline that has passed; said here too, so that it shows with
    every other error of the form at once, not on the next try."""
    moment = end_of_day(day)
    if moment is not None and moment <= timezone.now():
        raise forms.ValidationError(_("The deadline must be in the future."), code="past")
    return day


def deadline_field() -> DateInputField:
    """The optional deadline for answers, the same on every proposal form."""
    return DateInputField(
        label=_("Deadline for answers (optional)"), required=False,
        subject=pgettext_lazy("date input subject", "The deadline for answers"),
        help_text=_(
            "For example, 31 12 2026. Silence is never a yes: if a group that decides has "
            "not answered by then, it does not happen."
        ),
    )


# Whose space it is, and what that means, said under each choice.
SPACE_KINDS: Choices = [
    ("own", _("Our own group's space")),
    ("shared", _("A space shared with other groups")),
]
SPACE_KIND_HINTS = {
    "own": _("Only your group decides. You can invite other groups in as guests."),
    "shared": _("The groups decide together, as equals. Every group must say yes before "
                "the space starts."),
}


class SpaceKindForm(forms.Form):
    """The first step of making a space: whose space it is. The next step asks only what
    that kind of space needs, so no one fills in what would not be used: the other groups
    and the charter for a shared space, what guests may do for an own space. Sent with GET
    (choosing changes nothing), so the next step has its own address and Back works."""

    kind = forms.ChoiceField(
        label=_("Whose space is it?"), widget=forms.RadioSelect, choices=SPACE_KINDS,
        error_messages={**required_message(_("Choose whose space it is")),
                        "invalid_choice": _("Choose whose space it is")},
    )


class SpaceForm(forms.Form):
    """The second step of making a space, for the ``kind`` chosen first (then a hidden
    field): a shared space asks for the other groups and the charter, an own space for what
    guests may do. The charter is only for a shared space (DESIGN §3: the written agreement
    of a shared space), and the page never sent an own space's to the core. Without a
    ``kind`` every field is there."""

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
        label=_("Whose space is it?"), widget=forms.RadioSelect, choices=SPACE_KINDS,
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

    def __init__(self, *args: Any, parties: Choices, others: Choices,
                 kind: str | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        # Every section of the charter the core knows, after the other groups.
        add_charter_sections(self, prefix="charter_", after="others", purpose_required=False)
        set_choices(self, "party", parties)
        set_choices(self, "others", others)
        if len(parties) == 1:
            self.fields["party"].widget = forms.HiddenInput()
            self.initial.setdefault("party", parties[0][0])
        if kind is not None:
            self.fields["kind"].widget = forms.HiddenInput()
            self.initial["kind"] = kind
        if kind == "own":  # no other groups, no charter
            for name in ["others", *(f"charter_{key}" for key in CHARTER_KEYS)]:
                del self.fields[name]
            self.fields["guest_permissions"].label = _("What may guests do?")
        elif kind == "shared":  # guests come and go by passed proposals, not settings
            del self.fields["guest_permissions"]
            # Said once, above the groups, on a page that is only for a shared space.
            self.fields["others"].help_text = ""

    def clean(self) -> dict[str, Any]:
        """A shared space needs other groups and a charter: said with every other error at
        once, not on the next try."""
        data = super().clean() or {}
        if data.get("kind") == "shared" and "others" in self.fields:
            if not data.get("others"):
                self.add_error("others", _("Choose at least one other group."))
            if not data.get("charter_purpose", "").strip():
                self.add_error("charter_purpose", _("Write why you work together: a shared "
                                                    "space needs a charter."))
        return data

    def section_fields(self) -> list[forms.BoundField]:
        """The charter's fields, one a section, in the core's order (for the template)."""
        return [self[f"charter_{key}"] for key in CHARTER_KEYS
                if f"charter_{key}" in self.fields]

    def charter(self) -> dict[str, str] | None:
        return charter_sections(self, prefix="charter_") or None


class CharterForm(forms.Form):
    """A proposal to change the charter: every section the core knows, as it would read.
    Starts from ``current`` (the charter as it reads now); a section sent back with the same
    words is kept exactly as it is, so only what the person changed can differ."""

    title = forms.CharField(
        label=_("Say in a few words what changes"), max_length=200,
        error_messages=required_message(_("Say in a few words what changes")),
    )
    closes_at = deadline_field()
    as_party = forms.ChoiceField(label=_("Propose for which of your groups?"), required=False)

    def __init__(self, *args: Any, mine: Choices | None = None,
                 current: dict[str, str] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.current = dict(current or {})
        for key, words in self.current.items():
            self.initial.setdefault(key, words)
        add_charter_sections(self, prefix="", after="title", purpose_required=True)
        _as_party(self, mine or [])

    def section_fields(self) -> list[forms.BoundField]:
        """The charter's fields, one a section, in the core's order (for the template)."""
        return [self[key] for key in CHARTER_KEYS]

    def clean_closes_at(self) -> Any:
        return deadline_in_future(self.cleaned_data.get("closes_at"))

    def charter(self) -> dict[str, str]:
        return charter_sections(self, prefix="", current=self.current)


def _as_party(form: forms.Form, mine: Choices) -> None:
    """Offer the person's groups that may propose; hide the choice when there is one."""
    set_choices(form, "as_party", mine)
    if len(mine) <= 1:
        form.fields["as_party"].widget = forms.HiddenInput()
        if mine:
            form.initial.setdefault("as_party", mine[0][0])


def ask_for_the_work(body: forms.Field) -> None:
    """A publish proposal's text is the work itself, public as written once it passes
    (ADR 36): its box says so."""
    body.label = _("The work to publish")
    body.help_text = _("Write the work itself, not why. If the proposal passes, these exact "
                       "words are public.")


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
    closes_at = deadline_field()
    as_party = forms.ChoiceField(label=_("Propose for which of your groups?"), required=False)

    def __init__(self, *args: Any, kinds: Choices, parties: Choices, mine: Choices, **kwargs: Any):
        super().__init__(*args, **kwargs)
        set_choices(self, "kind", kinds)
        # Publishing (ADR 36): the text is the work itself, and it will be public as written.
        kind = self.data.get(self.add_prefix("kind")) if self.is_bound else self.initial.get("kind")
        if kind == ProposalKind.PUBLISH:
            ask_for_the_work(self.fields["body"])
        set_choices(self, "party", [("", _("Choose a group")), *parties])
        _as_party(self, mine)

    def clean_closes_at(self) -> Any:
        return deadline_in_future(self.cleaned_data.get("closes_at"))

    def clean(self) -> dict[str, Any]:
        """What each kind needs, said with every other error at once (the core checks it
        again, with the same words)."""
        data = super().clean() or {}
        kind = data.get("kind")
        if (kind == ProposalKind.SPEND and data.get("amount") is None
                and "amount" not in self.errors):
            self.add_error("amount", _("Say how much money to spend."))
        if kind in NAMES_A_GROUP and not data.get("party") and "party" not in self.errors:
            self.add_error("party", _("Choose a group."))
        if (kind == ProposalKind.PUBLISH and not (data.get("body") or "").strip()
                and "body" not in self.errors):
            self.add_error("body", _("Write the work you want to publish."))
        return data


# The kinds of proposal that are about one group (the core needs it named).
NAMES_A_GROUP = (ProposalKind.ADD_HOLDER, ProposalKind.ADD_GUEST, ProposalKind.REMOVE_GUEST)


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
    closes_at = deadline_field()
    as_party = forms.ChoiceField(label=_("Propose for which of your groups?"), required=False)

    def __init__(self, *args: Any, mine: Choices, **kwargs: Any):
        super().__init__(*args, **kwargs)
        _as_party(self, mine)

    def clean_closes_at(self) -> Any:
        return deadline_in_future(self.cleaned_data.get("closes_at"))


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
    """The proposer changes their proposal. A charter proposal's form has every section of
    the charter too (``charter_`` + the core's key), starting from the charter it proposes
    now (``charter``); a section sent back with the same words is kept exactly (ADR 37)."""

    title = forms.CharField(label=_("Title"), max_length=200,
                            error_messages=required_message(_("Enter a title")))
    body = forms.CharField(label=_("What are you proposing?"), required=False,
                           widget=forms.Textarea(attrs={"rows": 6}))
    amount = AmountField(
        label=_("Amount in pounds"), required=False, min_value=0, max_digits=14, decimal_places=2,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "width": "10"}),
    )

    def __init__(self, *args: Any, charter: dict[str, str] | None = None, publish: bool = False,
                 **kwargs: Any):
        super().__init__(*args, **kwargs)
        if publish:
            ask_for_the_work(self.fields["body"])
        self.has_charter = charter is not None
        self.current = dict(charter or {})
        if self.has_charter:
            # The charter is the proposal; a few words on why are welcome, not needed.
            self.fields["title"].label = _("Say in a few words what changes")
            self.fields["body"].label = _("Why change the charter? (you do not have to "
                                          "write this)")
            for key, words in self.current.items():
                self.initial.setdefault(f"charter_{key}", words)
            add_charter_sections(self, prefix="charter_", after="body", purpose_required=True)

    def section_fields(self) -> list[forms.BoundField]:
        """The charter's fields, one a section, in the core's order (none for other kinds)."""
        if not self.has_charter:
            return []
        return [self[f"charter_{key}"] for key in CHARTER_KEYS]

    def charter(self) -> dict[str, str] | None:
        """The charter as it would read, for a charter proposal; None for other kinds."""
        if not self.has_charter:
            return None
        return charter_sections(self, prefix="charter_", current=self.current)


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Add a comment"), widget=forms.Textarea(attrs={"rows": 4}), max_length=10000,
        error_messages=required_message(_("Write your comment")),
    )


class PublicCommentForm(forms.Form):
    """A critical friend's comment on published work (ADR 36): public, with their name."""

    body = forms.CharField(
        label=_("Your comment"), widget=forms.Textarea(attrs={"rows": 5}), max_length=5000,
        help_text=_("Everyone can read it, with your name."),
        error_messages={"required": _("Write your comment"),
                        "max_length": _("Use at most 5,000 characters")},
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
    """Recording spending. Paying for a passed spending proposal spends the amount it
    agreed: the form does not ask for it again (the core checks it still). In an own space
    the host may also spend without a proposal, and then says how much.

    ``pays`` (hidden) says which the person sent: ``proposal`` (a proposal chosen, or the
    one the page shows) or ``other`` (an amount alone). A form sent without it reads as it
    always did: a proposal with an amount that must be the agreed one (said at once, naming
    it), or an amount alone (in a shared space the core's refusal says why not).
    ``agreed`` holds each offered proposal's agreed amount and how it is written (£380.00)."""

    proposal = forms.ChoiceField(label=_("Which passed spending proposal?"), required=False,
                                 widget=forms.RadioSelect)
    amount = AmountField(
        label=_("Amount in pounds"), min_value=0, max_digits=14, decimal_places=2,
        required=False, widget=forms.TextInput(attrs={"inputmode": "decimal", "width": "10"}),
        error_messages={"invalid": _("Write the amount as a number, like 120.50")},
    )
    pays = forms.ChoiceField(choices=[("proposal", "proposal"), ("other", "other")],
                             required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, proposals: Choices,
                 agreed: dict[str, tuple[Any, str]] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        set_choices(self, "proposal", proposals)
        self.agreed = agreed or {}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        chosen = data.get("proposal") or ""
        found = self.agreed.get(chosen)
        amount = data.get("amount")
        if data.get("pays") == "proposal" and not chosen:
            self.add_error("proposal", _("Choose the proposal this spending pays for"))
        elif found is not None:
            if data.get("pays") != "proposal" and amount is not None and amount != found[0]:
                self.add_error("amount", _("The proposal agreed %(amount)s, so record "
                                           "%(amount)s. To spend a different amount, make a "
                                           "new spending proposal.") % {"amount": found[1]})
            data["amount"] = found[0]  # what the proposal agreed; the core checks it again
        elif not chosen and amount is None and "amount" not in self.errors:
            self.add_error("amount", _("Enter an amount"))
        return data


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
