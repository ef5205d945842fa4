"""Refusals. Each carries a stable code and a plain-words message a person can act on.

A refusal changes nothing: actions raise before writing, inside one transaction.
Each rule is a class named for it; its docstring is the message people see (the idea comes
from the UK Tariff Management Tool's business rules).
"""

from __future__ import annotations

from typing import ClassVar


class GovernanceError(Exception):
    """Something went wrong."""

    status: ClassVar[int] = 400
    code: ClassVar[str] = "error"

    def __init__(self, message: str | None = None, *, fields: dict[str, str] | None = None):
        self.message = message or " ".join((self.__doc__ or self.code).split())
        self.fields = fields or {}
        super().__init__(self.message)


# 404: does not exist, or the caller may not see it. Never reveal which.
class NotFound(GovernanceError):
    """We could not find that. It may not exist, or you may not be allowed to see it."""

    status = 404
    code = "not_found"


# 422: bad input.
class InvalidInput(GovernanceError):
    """Some of what you sent is not right. Check the fields and try again."""

    status = 422
    code = "invalid_input"


class ReasonRequired(InvalidInput):
    """To object, say why, and what would make the proposal acceptable."""

    code = "reason_required"


class CurrencyMismatch(InvalidInput):
    """This fund uses one currency only. Use the fund's currency."""

    code = "currency_mismatch"


# 409: the state does not allow it now.
class Conflict(GovernanceError):
    """This cannot be done now."""

    status = 409
    code = "conflict"


class SpaceClosed(Conflict):
    """This space is closed. Nothing in it can change, but you can still read and export it."""

    code = "space_closed"


class SpaceNotActive(Conflict):
    """This space is still forming. It starts when every group has accepted."""

    code = "space_not_active"


class ProposalNotOpen(Conflict):
    """This proposal is no longer open."""

    code = "proposal_closed"


class FundTooLow(Conflict):
    """There is not enough money in the fund for this."""

    code = "fund_too_low"


class MoreThanUnspent(Conflict):
    """A group can only take back money it gave that has not been spent yet."""

    code = "more_than_unspent"


class AlreadySpent(Conflict):
    """The money for this proposal has already been spent."""

    code = "already_spent"


class RoundAlreadyOpen(Conflict):
    """A perception check is already open in this space. Close it before you start a new one."""

    code = "round_already_open"


class AlreadyAnswered(Conflict):
    """This has already been answered."""

    code = "already_answered"


class AlreadyThere(Conflict):
    """That group is already in this space, or already has an invitation waiting."""

    code = "already_in_space"


class AlreadyMember(Conflict):
    """That person is already a member of this group."""

    code = "already_member"


class LastCoordinator(Conflict):
    """You are the only coordinator of a group that has other members. Make someone else a
    coordinator of it first."""

    code = "last_coordinator"


# 403: the rules of power refuse.
class Refused(GovernanceError):
    """The rules of this space do not allow you to do this."""

    status = 403
    code = "refused"


class NotHost(Refused):
    """Only the group that holds this space can do this here."""

    code = "not_host"


class NotHolder(Refused):
    """Only the groups that hold this space can do this."""

    code = "not_holder"


class NotCoordinator(Refused):
    """Only a coordinator of the group can do this for the group."""

    code = "not_coordinator"


class NotMember(Refused):
    """You can only act for a group you belong to."""

    code = "not_member"


class NotASpeaker(Refused):
    """This group gives its answer through its speakers. Ask one of them to answer."""

    code = "not_a_speaker"


class GroupsNotAnsweredYet(Refused):
    """Not every group that holds this space has answered the perception check yet. Each
    group has two weeks from the start to answer. Until then, only the last group still to
    answer can close it."""

    code = "groups_not_answered_yet"


class MayNotCloseEarly(Refused):
    """Your group answers through its speakers, so only its speakers or coordinators can
    close a proposal before its deadline."""

    code = "not_coordinator_or_speaker"


class NotProposer(Refused):
    """Only the person who made the proposal can change it."""

    code = "not_proposer"


class NeedsPassedProposal(Refused):
    """In a shared space this needs a passed proposal: every group answered, no group said no,
    and at least one said yes."""

    code = "needs_passed_proposal"


class HolderCannotBeRemoved(Refused):
    """No group can remove a group that holds a shared space. A group can only choose to leave."""

    code = "holder_cannot_be_removed"


class GuestPermissionMissing(Refused):
    """The host has not allowed guests to do this here."""

    code = "guest_permission_missing"


class NotInSpace(Refused):
    """That group is not part of this space."""

    code = "not_in_space"


class NotNamedParty(Refused):
    """Only the group this decision is said to come from can confirm or dispute it."""

    code = "not_named_party"


class ShapeOfSpace(Refused):
    """A space needs your own group among its holders, and you must be its coordinator."""

    code = "not_your_group"


# Meetings (docs/adr/0012-meetings.md).
class MeetingNotScheduled(Conflict):
    """This meeting has already happened or was called off. Its agenda cannot change now."""

    code = "meeting_not_scheduled"


class MeetingCancelled(Conflict):
    """This meeting was called off."""

    code = "meeting_cancelled"


class NotALearningSet(Conflict):
    """Only an action learning set has presenters, their own actions and reviews."""

    code = "not_a_learning_set"


class NotPresenter(Refused):
    """Only a person who presents at this set can add their own actions here."""

    code = "not_presenter"


class NotReviewable(Conflict):
    """Only a person's action from an earlier set can be reviewed at this set."""

    code = "not_reviewable"


class NotActionOwner(Refused):
    """Only the person whose action it is, or a coordinator of their group, can review it."""

    code = "not_action_owner"


class TooManyComments(GovernanceError):
    """You have written a lot of comments in a short time. Wait 15 minutes, then try again."""

    status = 429
    code = "too_many_comments"


class NotCommentAuthor(Refused):
    """Only the person who wrote this comment can take it back."""

    code = "not_comment_author"


class MeetingNotStarted(Conflict):
    """This meeting has not started yet. Notes can be written once it has started."""

    code = "meeting_not_started"


class ActionPointDone(Conflict):
    """This action point is already marked as done."""

    code = "action_point_done"


class NotMeetingCaller(Refused):
    """Only the group that called this meeting can call it off."""

    code = "not_meeting_caller"


class NotActionParty(Refused):
    """Only the group this action point is for, or a group holding the space, can mark it done."""

    code = "not_action_party"
