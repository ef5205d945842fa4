"""Models of the governance core. Write them only through ``governance.actions``."""

from .content import Comment, OutsideDecision, Publication, PublicComment
from .ledger import ChainHead, LedgerEntry
from .meetings import AgendaItem, Meeting, MeetingAction, MeetingNote
from .money import FundEntry, FundShare
from .people import ApiToken, Membership, Party, Person
from .proposals import Position, Proposal, ProposalVersion, Vote
from .spaces import Invitation, Space, Tenure

__all__ = [
    "AgendaItem",
    "ApiToken",
    "ChainHead",
    "Comment",
    "FundEntry",
    "FundShare",
    "Invitation",
    "LedgerEntry",
    "Meeting",
    "MeetingAction",
    "MeetingNote",
    "Membership",
    "OutsideDecision",
    "Party",
    "Person",
    "Position",
    "Proposal",
    "ProposalVersion",
    "PublicComment",
    "Publication",
    "Space",
    "Tenure",
    "Vote",
]
