"""The fixed vocabularies of the model (DESIGN §3), as Django text choices.

The values are the code words of the public contract; labels are the plain words.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PartyKind(models.TextChoices):
    PEOPLE = "people", _("People with lived experience")
    ORGANISATION = "organisation", _("Organisation")


class PowerSource(models.TextChoices):
    MONEY = "money", _("Money")
    MANDATE = "mandate", _("A duty in law or an election")
    PROFESSIONAL = "professional", _("Professional training")
    LIVED_EXPERIENCE = "lived_experience", _("Lived experience")
    NETWORKS = "networks", _("Networks")


class DecisionRule(models.TextChoices):
    SPEAKER = "speaker", _("A speaker decides")
    MAJORITY = "majority", _("Most members decide")
    ALL = "all", _("Every member must agree")


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("Coordinator")
    SPEAKER = "speaker", _("Speaker")
    MEMBER = "member", _("Member")


class SpaceKind(models.TextChoices):
    OWN = "own", _("Own space")
    SHARED = "shared", _("Shared space")


class SpaceState(models.TextChoices):
    FORMING = "forming", _("Forming")
    ACTIVE = "active", _("Active")
    CLOSED = "closed", _("Closed")


class TenureRole(models.TextChoices):
    HOLDER = "holder", _("Holder")
    GUEST = "guest", _("Guest")


class Approach(models.TextChoices):
    """The ladder, lowest first. Order matters: the label check compares positions."""

    INFORMING = "informing", _("Informing")
    CONSULTATION = "consultation", _("Consultation")
    ENGAGEMENT = "engagement", _("Engagement")
    CO_DESIGN = "co-design", _("Co-design")
    COPRODUCTION = "coproduction", _("Coproduction")


LADDER: tuple[str, ...] = tuple(a.value for a in Approach)


class GuestPermission(models.TextChoices):
    VIEW = "view", _("See everything")
    COMMENT = "comment", _("Comment")
    PROPOSE = "propose", _("Make proposals")
    GIVE_VIEWS = "give_views", _("Give views on proposals")


class ProposalKind(models.TextChoices):
    DECISION = "decision", _("A decision")
    SPEND = "spend", _("Spend money")
    ADD_HOLDER = "add_holder", _("Add a group as an equal partner")
    ADD_GUEST = "add_guest", _("Invite a group as a guest")
    REMOVE_GUEST = "remove_guest", _("Stop involving a guest group")
    CHARTER = "charter", _("Change the charter")
    CLOSE = "close", _("Close the space")
    REMOVE_CONTENT = "remove_content", _("Remove something written here")
    PUBLISH = "publish", _("Publish work for critical friends")


class ProposalState(models.TextChoices):
    OPEN = "open", _("Open")
    PASSED = "passed", _("Passed")
    BLOCKED = "blocked", _("Blocked")
    LAPSED = "lapsed", _("Lapsed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class PositionValue(models.TextChoices):
    AGREE = "agree", _("Agree")
    OBJECT = "object", _("Object")
    STAND_ASIDE = "stand_aside", _("Stand aside")


class InvitationState(models.TextChoices):
    OPEN = "open", _("Waiting for an answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class FundEntryKind(models.TextChoices):
    COMMITMENT = "commitment", _("Money given")
    SPENDING = "spending", _("Money spent")
    WITHDRAWAL = "withdrawal", _("Money taken back")
    RETURN = "return", _("Money given back when the space closed")


class OutsideDecisionState(models.TextChoices):
    UNANSWERED = "unanswered", _("Not answered yet")
    CONFIRMED = "confirmed", _("Confirmed")
    DISPUTED = "disputed", _("Disputed")


class MeetingState(models.TextChoices):
    SCHEDULED = "scheduled", _("Planned")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Called off")
