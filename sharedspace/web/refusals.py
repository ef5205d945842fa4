"""The core's refusal messages, marked for translation so that Welsh readers get Welsh.

The governance core states each refusal once, in English (its exception docstrings). This
table repeats those sentences as translatable strings, keyed by the refusal's stable code;
``tests/web/test_refusals.py`` fails if any sentence here stops matching the core's, so the
two cannot drift apart. A refusal with its own message (not the class's) is shown as it is.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from sharedspace.governance import exceptions as ex

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
    "already_answered": _("This has already been answered."),
    "already_in_space": _("That group is already in this space, or already has an invitation "
                          "waiting."),
    "already_member": _("That person is already a member of this group."),
    "refused": _("The rules of this space do not allow you to do this."),
    "not_host": _("Only the group that holds this space can do this here."),
    "not_holder": _("Only the groups that hold this space can do this."),
    "not_coordinator": _("Only a coordinator of the group can do this for the group."),
    "not_member": _("You can only act for a group you belong to."),
    "not_a_speaker": _("This group gives its answer through its speakers. Ask one of them to "
                       "answer."),
    "not_proposer": _("Only the person who made the proposal can change it."),
    "needs_passed_proposal": _("In a shared space this needs a proposal that every group "
                               "agreed to."),
    "holder_cannot_be_removed": _("No group can remove a group that holds a shared space. A "
                                  "group can only choose to leave."),
    "guest_permission_missing": _("The host has not allowed guests to do this here."),
    "not_in_space": _("That group is not part of this space."),
    "not_named_party": _("Only the group this decision is said to come from can confirm or "
                         "dispute it."),
    "not_your_group": _("A space needs your own group among its holders, and you must be its "
                        "coordinator."),
}


def message(error: ex.GovernanceError) -> str:
    """The refusal in the reader's language where we have it, else the core's words."""
    default = type(error)().message
    if error.message == default and error.code in MESSAGES:
        return str(MESSAGES[error.code])
    return error.message
