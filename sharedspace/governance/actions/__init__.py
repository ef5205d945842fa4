"""The only write path for governed state (DESIGN §4 rule 1).

One function per verb, each atomic, each taking ``actor=`` keyword-only, each appending
its ledger entry in the same transaction before it returns.
"""

from .accounts import (
    person_create,
    person_erase,
    person_for_email,
    person_rename,
    token_authenticate,
    token_create,
    token_revoke,
)
from .content import comment_add, public_comment_add, public_comment_withdraw
from .meetings import (
    action_add,
    action_done,
    action_review,
    agenda_add,
    meeting_cancel,
    meeting_schedule,
    notes_record,
    presenter_action_add,
    presenter_add,
)
from .money import fund_commit, fund_spend, fund_withdraw
from .outside import outside_decision_confirm, outside_decision_dispute, outside_decision_record
from .parties import (
    party_create,
    party_member_add,
    party_member_confirm,
    party_member_remove,
    party_member_set_roles,
    party_update,
)
from .proposals import (
    position_give,
    proposal_amend,
    proposal_close,
    proposal_submit,
    proposal_withdraw,
    proposals_resolve_due,
)
from .spaces import (
    guest_invite,
    guest_remove,
    holder_remove,
    invitation_accept,
    invitation_decline,
    space_create,
    space_leave,
    space_settings_update,
)

__all__ = [
    "action_add",
    "action_done",
    "action_review",
    "agenda_add",
    "comment_add",
    "fund_commit",
    "fund_spend",
    "fund_withdraw",
    "guest_invite",
    "guest_remove",
    "holder_remove",
    "invitation_accept",
    "invitation_decline",
    "meeting_cancel",
    "meeting_schedule",
    "notes_record",
    "outside_decision_confirm",
    "outside_decision_dispute",
    "outside_decision_record",
    "party_create",
    "party_member_add",
    "party_member_confirm",
    "party_member_remove",
    "party_member_set_roles",
    "party_update",
    "person_create",
    "person_erase",
    "person_for_email",
    "person_rename",
    "position_give",
    "presenter_action_add",
    "presenter_add",
    "proposal_amend",
    "proposal_close",
    "proposal_submit",
    "proposal_withdraw",
    "proposals_resolve_due",
    "public_comment_add",
    "public_comment_withdraw",
    "space_create",
    "space_leave",
    "space_settings_update",
    "token_authenticate",
    "token_create",
    "token_revoke",
]
