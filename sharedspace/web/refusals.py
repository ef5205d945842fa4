"""The core's refusal messages, marked for translation so that Welsh readers get Welsh.

The governance core states each refusal once, in English (its exception docstrings). This
table repeats those sentences as translatable strings, keyed by the refusal's stable code;
``tests/web/test_refusals.py`` fails if any sentence here stops matching the core's, so the
two cannot drift apart.

Some refusals carry their own words instead of the class's (``ex.Conflict("A group needs at
least one coordinator. …")``, or a message per field). ``CUSTOM`` repeats each of those, keyed
by the refusal's code and the core's English, with ``{}`` where the core fills something in;
``tests/web/test_refusals.py`` reads every ``raise`` in the core and fails if one is missing
here. A message the table does not know is shown in the core's English.
"""

from __future__ import annotations

import re
from typing import Any, cast

from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from sharedspace.governance import exceptions as ex


def _sentences(*translated: Promise) -> Promise:
    """Sentences the catalogue already has, one after the other, each in the reader's
    language when shown."""
    return cast(Promise, format_lazy(" ".join(["{}"] * len(translated)), *translated))


MESSAGES = {
    "not_found": _("We could not find that. It may not exist, or you may not be allowed to "
                   "see it."),
    "invalid_input": _("Some of what you sent is not right. Check the fields and try again."),
    "reason_required": _("To object, say why, and what would make the proposal acceptable."),
    "currency_mismatch": _("This fund uses one currency only. Use the fund's currency."),
    "conflict": _("This cannot be done now."),
    "space_closed": _("This space is closed. Nothing in it can change, but you can still read "
                      "and export it."),
    "space_not_active": _("This space is still forming. It starts when every group has "
                          "accepted."),
    "proposal_closed": _("This proposal is no longer open."),
    "fund_too_low": _("There is not enough money in the fund for this."),
    "more_than_unspent": _("A group can only take back money it gave that has not been spent "
                           "yet."),
    "already_spent": _("The money for this proposal has already been spent."),
    "round_already_open": _("A perception check is already open in this space. Close it before "
                            "you start a new one."),
    "already_answered": _("This has already been answered."),
    "already_in_space": _("That group is already in this space, or already has an invitation "
                          "waiting."),
    "already_member": _("That person is already a member of this group."),
    "last_coordinator": _("You are the only coordinator of a group that has other members. "
                          "Make someone else a coordinator of it first."),
    "refused": _("The rules of this space do not allow you to do this."),
    "not_host": _("Only the group that holds this space can do this here."),
    "not_holder": _("Only the groups that hold this space can do this."),
    "not_coordinator": _("Only a coordinator of the group can do this for the group."),
    "groups_not_answered_yet": _("Not every group that holds this space has answered the "
                                 "perception check yet. Each group has two weeks from the "
                                 "start to answer. Until then, only the last group still to "
                                 "answer can close it."),
    "not_coordinator_or_speaker": _("Your group answers through its speakers, so only its "
                                    "speakers or coordinators can close a proposal before "
                                    "its deadline."),
    "not_member": _("You can only act for a group you belong to."),
    "not_a_speaker": _("This group gives its answer through its speakers. Ask one of them to "
                       "answer."),
    "not_proposer": _("Only the person who made the proposal can change it."),
    "needs_passed_proposal": _("In a shared space this needs a passed proposal: every group "
                               "answered, no group said no, and at least one said yes."),
    "holder_cannot_be_removed": _("No group can remove a group that holds a shared space. A "
                                  "group can only choose to leave."),
    "guest_permission_missing": _("The host has not allowed guests to do this here."),
    "not_in_space": _("That group is not part of this space."),
    "not_named_party": _("Only the group this decision is said to come from can confirm or "
                         "dispute it."),
    "not_your_group": _("A space needs your own group among its holders, and you must be its "
                        "coordinator."),
    "meeting_not_scheduled": _("This meeting has already happened or was called off. Its "
                               "agenda cannot change now."),
    "meeting_cancelled": _("This meeting was called off."),
    "not_a_learning_set": _("Only an action learning set has presenters, their own actions and "
                            "reviews."),
    "not_presenter": _("Only a person who presents at this set can add their own actions "
                       "here."),
    "not_reviewable": _("Only a person's action from an earlier set can be reviewed at this "
                        "set."),
    "not_action_owner": _("Only the person whose action it is, or a coordinator of their "
                          "group, can review it."),
    "too_many_comments": _("You have written a lot of comments in a short time. Wait 15 "
                           "minutes, then try again."),
    "not_comment_author": _("Only the person who wrote this comment can take it back."),
    "meeting_not_started": _("This meeting has not started yet. Notes can be written once it "
                             "has started."),
    "action_point_done": _("This action point is already marked as done."),
    "not_meeting_caller": _("Only the group that called this meeting can call it off."),
    "not_action_party": _("Only the group this action point is for, or a group holding the "
                          "space, can mark it done."),
}


# (code, the core's English with {} for each part it fills in): (translation, part names).
CUSTOM: dict[tuple[str, str], tuple[Promise, tuple[str, ...]]] = {
    # Messages of their own
    ("conflict", "A group needs at least one coordinator. Add another one first."): (
        _("A group needs at least one coordinator. Add another one first."), ()),
    ("conflict", "Someone already has an account with that email."): (
        _("Someone already has an account with that email."), ()),
    ("invalid_input", "Take out tabs, line breaks and other hidden characters."): (
        _("Take out tabs, line breaks and other hidden characters."), ()),
    ("invalid_input", "Use letters from one alphabet in each word."): (
        _("Use letters from one alphabet in each word."), ()),
    ("last_coordinator",
     "You are the only coordinator of {}. Make someone else a coordinator first."): (
        _("You are the only coordinator of %(groups)s. Make someone else a coordinator first."),
        ("groups",)),
    ("conflict", "This perception check is closed. Ask for a new one."): (
        _("This perception check is closed. Ask for a new one."), ()),
    ("not_found", "That group is not a guest in this space."): (
        _("That group is not a guest in this space."), ()),
    ("not_found", "There is no space with the id {}."): (
        _("There is no space with the id %(id)s."), ("id",)),
    ("invalid_input", "A partnership needs two different groups."): (
        _("A partnership needs two different groups."), ()),
    ("not_member", "You are no longer in the group that made this proposal, so you can no "
                   "longer change it or take it back."): (
        _("You are no longer in the group that made this proposal, so you can no longer change "
          "it or take it back."), ()),
    ("guest_permission_missing", "The host no longer lets guests make proposals here, so your "
                                 "group can no longer change this proposal or take it back."): (
        _("The host no longer lets guests make proposals here, so your group can no longer "
          "change this proposal or take it back."), ()),
    ("not_in_space", "The host stopped involving your group in this space, so it can no longer "
                     "change this proposal or take it back."): (
        _("The host stopped involving your group in this space, so it can no longer change this "
          "proposal or take it back."), ()),
    ("not_in_space", "Your group has left this space, so it can no longer change this proposal "
                     "or take it back."): (
        _("Your group has left this space, so it can no longer change this proposal or take it "
          "back."), ()),
    # Messages about one field
    ("invalid_input", "Write an email address, like name@example.org."): (
        _("Write an email address, like name@example.org."), ()),
    ("invalid_input", "That proposal is not in this space."): (
        _("That proposal is not in this space."), ()),
    ("invalid_input", "Give a list of permissions."): (_("Give a list of permissions."), ()),
    ("invalid_input", "Choose from: {}."): (_("Choose from: %(choices)s."), ("choices",)),
    ("invalid_input", "Choose one of: {}."): (_("Choose one of: %(choices)s."), ("choices",)),
    ("invalid_input", "Name at least one group that holds the space."): (
        _("Name at least one group that holds the space."), ()),
    ("invalid_input", "Name each group once."): (_("Name each group once."), ()),
    ("invalid_input", "Give a date, like 2026-03-31."): (
        _("Give a date, like 2026-03-31."), ()),
    ("invalid_input", "Choose a group."): (_("Choose a group."), ()),
    ("invalid_input", "There is no group with the id {}."): (
        _("There is no group with the id %(id)s."), ("id",)),
    ("invalid_input", 'Write the amount as text, like "120.50".'): (
        _('Write the amount as text, like "120.50".'), ()),
    ("invalid_input", "Write the amount as a number, like 120.50."): (
        _("Write the amount as a number, like 120.50."), ()),
    ("invalid_input", "The amount must be more than zero."): (
        _("The amount must be more than zero."), ()),
    ("invalid_input", "Use at most two numbers after the point."): (
        _("Use at most two numbers after the point."), ()),
    ("invalid_input", "That amount is too large."): (_("That amount is too large."), ()),
    ("invalid_input", "Use a three-letter currency code."): (
        _("Use a three-letter currency code."), ()),
    ("invalid_input", "This must be text."): (_("This must be text."), ()),
    ("invalid_input", "This cannot be empty."): (_("This cannot be empty."), ()),
    ("invalid_input", "Use at most {} characters."): (
        _("Use at most %(number)s characters."), ("number",)),
    ("invalid_input", "Some of this text is broken. Please type it again."): (
        _("Some of this text is broken. Please type it again."), ()),
    ("invalid_input", "Write a charter, starting with its purpose."): (
        _("Write a charter, starting with its purpose."), ()),
    ("invalid_input", "A charter has no section called {}."): (
        _("A charter has no section called %(sections)s."), ("sections",)),
    ("invalid_input", "Say what the space is for."): (_("Say what the space is for."), ()),
    ("currency_mismatch", "This fund uses {} only."): (
        _("This fund uses %(currency)s only."), ("currency",)),
    ("currency_mismatch", "This fund uses {}."): (
        _("This fund uses %(currency)s."), ("currency",)),
    ("invalid_input", "Name a passed spending proposal of this amount."): (
        _("Name a passed spending proposal of this amount."), ()),
    # Two sentences the catalogue already has in Welsh, put together.
    ("needs_passed_proposal", "The money for this proposal has already been spent. You can ask "
                              "for money to be spent by making a spending proposal."): (
        _sentences(_("The money for this proposal has already been spent."),
                   _("You can ask for money to be spent by making a spending proposal.")), ()),
    ("currency_mismatch", "The proposal was for money in {}, but this fund uses {}."): (
        _("The proposal was for money in %(proposal)s, but this fund uses %(fund)s."),
        ("proposal", "fund")),
    ("invalid_input", "Choose {}: {}."): (
        _("Choose %(what)s: %(choices)s."), ("what", "choices")),
    ("invalid_input", "Give a list of power sources."): (
        _("Give a list of power sources."), ()),
    ("invalid_input", "The quorum is a number of members, 1 or more."): (
        _("The quorum is a number of members, 1 or more."), ()),
    ("invalid_input", "Give at least one role."): (_("Give at least one role."), ()),
    ("invalid_input", "Give a date and time with a time zone."): (
        _("Give a date and time with a time zone."), ()),
    ("invalid_input", "The deadline must be in the future."): (
        _("The deadline must be in the future."), ()),
    ("invalid_input", "Say how much money to spend."): (_("Say how much money to spend."), ()),
    ("invalid_input", "That group is not a guest here."): (
        _("That group is not a guest here."), ()),
    ("invalid_input", "That group already holds this space or is invited."): (
        _("That group already holds this space or is invited."), ()),
    ("invalid_input", "That group is already in this space or invited."): (
        _("That group is already in this space or invited."), ()),
    ("invalid_input", "Name a comment in this space to remove."): (
        _("Name a comment in this space to remove."), ()),
    ("invalid_input", "Write the work you want to publish."): (
        _("Write the work you want to publish."), ()),
    ("invalid_input", "Choose agree, object or stand_aside."): (
        _("Choose agree, object or stand_aside."), ()),
    ("reason_required", "Say why you object, and what would make it acceptable."): (
        _("Say why you object, and what would make it acceptable."), ()),
    ("invalid_input", "Only a spending proposal has an amount."): (
        _("Only a spending proposal has an amount."), ()),
    ("invalid_input", "Only a charter proposal has a charter."): (
        _("Only a charter proposal has a charter."), ()),
    ("invalid_input", "Nothing has changed. Change the title, the text or the amount first. "
                      "Until then, every answer given stays."): (
        _("Nothing has changed. Change the title, the text or the amount first. Until then, "
          "every answer given stays."), ()),
    ("invalid_input", "Answer at least one question."): (_("Answer at least one question."), ()),
    ("invalid_input", "Choose a different group from the first one."): (
        _("Choose a different group from the first one."), ()),
    ("invalid_input", "Give the date and time of the meeting."): (
        _("Give the date and time of the meeting."), ()),
    ("invalid_input", "That group is not part of this space."): (
        _("That group is not part of this space."), ()),
    ("invalid_input", "That person is not in that group."): (
        _("That person is not in that group."), ()),
}


def _pattern(template: str) -> re.Pattern[str]:
    return re.compile("(.+?)".join(re.escape(part) for part in template.split("{}")) + r"\Z",
                      re.S)


_PATTERNS = [(code, _pattern(template), found) for (code, template), found in CUSTOM.items()]


def custom(code: str, text: str) -> str:
    """A refusal's own words in the reader's language where the table knows them."""
    for known_code, pattern, (translated, names) in _PATTERNS:
        if known_code != code:
            continue
        match = pattern.match(text)
        if match:
            parts: dict[str, Any] = dict(zip(names, match.groups(), strict=True))
            return str(translated) % parts if names else str(translated)
    return text


def message(error: ex.GovernanceError) -> str:
    """The refusal in the reader's language where we have it, else the core's words."""
    default = type(error)().message
    if error.message == default and error.code in MESSAGES:
        return str(MESSAGES[error.code])
    return custom(error.code, error.message)


def field_message(error: ex.GovernanceError, text: str) -> str:
    """A refusal's message about one field, in the reader's language where we have it."""
    return custom(error.code, text)
